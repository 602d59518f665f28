package io.mooring.sim.agent;

import static io.mooring.sim.agent.AgentFixtures.await;
import static io.mooring.sim.agent.AgentFixtures.commandLaunch;
import static io.mooring.sim.agent.AgentFixtures.groupLaunch;
import static io.mooring.sim.agent.AgentFixtures.shellTask;
import static org.apache.mesos.v1.Protos.TaskState.TASK_KILLED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_KILLING;
import static org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING;
import static org.apache.mesos.v1.Protos.TaskState.TASK_STARTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner's health checks: when they stop, how they time out, task groups, and their threads. */
class HealthCheckRunnerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private ProcessRunner runner;
  private AgentHost host;
  private final AgentFixtures.Recorder recorder = new AgentFixtures.Recorder();

  @BeforeEach
  void setUp() {
    runner = new ProcessRunner();
    host = new AgentHost(tmp.resolve("work"), tmp.resolve("disks"), runner);
  }

  @AfterEach
  void tearDown() {
    runner.close();
  }

  @Test
  void checkingStopsWhenTheTaskIsKilled() throws Exception {
    Path probes = tmp.resolve("probes");
    TaskInfo task = checked(shellTask("counted", "sleep 60"),
        command("echo probe >> " + probes).setIntervalSeconds(0.1).build());
    Container container = host.launch(commandLaunch(task), recorder);
    await("three probes", WAIT, () -> lines(probes) >= 3);
    assertEquals(List.of(true), recorder.healthOf("counted"), "one update however many checks pass");

    container.kill(Duration.ofSeconds(1));
    recorder.await("counted", TASK_KILLED);
    long after = lines(probes);
    Thread.sleep(500);
    assertTrue(lines(probes) <= after + 1, "probing went on after the kill"); // at most one already under way
    assertFalse(recorder.stateHealthy.containsKey("counted"), "a scheduler's kill says nothing of health");
  }

  @Test
  void aProbeThatTimesOutFailsAndIsKilled() throws Exception {
    Path pid = tmp.resolve("check.pid");
    TaskInfo task = checked(shellTask("stuck", "sleep 60"),
        command("echo $$ > " + pid + "; exec sleep 60").setTimeoutSeconds(0.3).setConsecutiveFailures(100).build());
    host.launch(commandLaunch(task), recorder);
    await("an unhealthy update", WAIT, () -> !recorder.healthOf("stuck").isEmpty());
    assertEquals(false, recorder.healthOf("stuck").get(0));
    long checkPid = Long.parseLong(Files.readString(pid).trim());
    await("the timed-out check's process to die", WAIT,
        () -> ProcessHandle.of(checkPid).map(p -> !p.isAlive()).orElse(true));
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING), recorder.of("stuck"), "not killed before 100 failures");
  }

  @Test
  void aGroupTaskKilledByItsCheckTakesTheGroupDownAndEveryEndSaysUnhealthy() {
    TaskInfo sick = checked(shellTask("sick", "sleep 60"), command("false").setConsecutiveFailures(2).build());
    host.launch(groupLaunch("pod", List.of(sick, shellTask("mate", "sleep 60"))), recorder);
    recorder.await("sick", TASK_KILLED);
    recorder.await("mate", TASK_KILLED);
    assertEquals(List.of(false, false), recorder.healthOf("sick"));
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING, TASK_KILLED), recorder.of("sick"),
        "the default executor sends no TASK_KILLING");
    assertEquals(false, recorder.stateHealthy.get("sick"));
    assertEquals(false, recorder.stateHealthy.get("mate"), "as Mesos' default executor marks its later updates");
  }

  @Test
  void aCommandTaskKilledByItsCheckReportsKillingThenKilledUnhealthy() {
    TaskInfo task = checked(shellTask("cmd", "sleep 60"), command("exit 1").setConsecutiveFailures(1).build());
    host.launch(commandLaunch(task), recorder);
    recorder.await("cmd", TASK_KILLED);
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_KILLED), recorder.of("cmd"));
    assertEquals(List.of(false), recorder.healthOf("cmd"));
    assertEquals(false, recorder.stateHealthy.get("cmd"));
  }

  @Test
  void manyChecksShareAFewThreads() throws Exception {
    try (ServerSocket http = answering(new ServerSocket(0, 200), path -> 204);
        ServerSocket tcp = new ServerSocket(0, 200)) {
      Thread acceptor = new Thread(() -> {
        while (!tcp.isClosed()) {
          try {
            tcp.accept().close();
          } catch (Exception e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        HealthCheck check = i % 2 == 0
            ? base().setType(HealthCheck.Type.HTTP).setHttp(HealthCheck.HTTPCheckInfo.newBuilder()
                .setPort(http.getLocalPort()).setPath("/health")).build()
            : base().setType(HealthCheck.Type.TCP).setTcp(HealthCheck.TCPCheckInfo.newBuilder()
                .setPort(tcp.getLocalPort())).build();
        String id = "t" + i;
        ids.add(id);
        host.launch(commandLaunch(checked(shellTask(id, "sleep 60"), check)), recorder);
      }
      await("every task healthy", WAIT, () -> ids.stream().allMatch(id -> recorder.healthOf(id).equals(List.of(true))));
      Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
          .filter(n -> n.startsWith("sim-health") || n.startsWith("HttpClient")).collect(Collectors.toSet());
      assertTrue(threads.size() <= 4, "health check threads: " + threads);
    }
  }

  @Test
  void anHttpsCheckTrustsAnyCertificateAsCurlKDoes() throws Exception {
    // a self-signed certificate for another host name
    Path keystore = tmp.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=elsewhere.invalid",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "secret",
        "-keypass", "secret").redirectErrorStream(true).start();
    assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      keys.load(in, "secret".toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "secret".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    try (ServerSocket https = answering(tls.getServerSocketFactory().createServerSocket(0, 10),
        path -> path.equals("/ok") ? 200 : 503)) {
      HealthCheck.Builder check = base().setType(HealthCheck.Type.HTTP).setConsecutiveFailures(100);
      HealthCheck.HTTPCheckInfo.Builder http = HealthCheck.HTTPCheckInfo.newBuilder().setScheme("https")
          .setPort(https.getLocalPort());
      host.launch(commandLaunch(checked(shellTask("tls", "sleep 60"), check.setHttp(http.setPath("/ok")).build())),
          recorder);
      host.launch(commandLaunch(checked(shellTask("down", "sleep 60"), check.setHttp(http.setPath("/no")).build())),
          recorder);
      await("both checked", WAIT, () -> !recorder.healthOf("tls").isEmpty() && !recorder.healthOf("down").isEmpty());
      assertEquals(true, recorder.healthOf("tls").get(0));
      assertEquals(false, recorder.healthOf("down").get(0), "503 is unhealthy");
    }
  }

  /**
   * A minimal HTTP/1.1 responder on the socket: the status for the request's path, no body, connection closed. Not
   * the JDK's HttpServer: its settings are read once per JVM, and the simulator's own server needs TCP_NODELAY.
   */
  private static ServerSocket answering(ServerSocket server, ToIntFunction<String> status) {
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          BufferedReader in = new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
          String requestLine = in.readLine();
          for (String line = requestLine; line != null && !line.isEmpty(); line = in.readLine()) {
            // headers: ignored
          }
          String path = requestLine == null ? "/" : requestLine.split(" ")[1];
          socket.getOutputStream().write(("HTTP/1.1 " + status.applyAsInt(path) + " X\r\nContent-Length: 0\r\n"
              + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          socket.getOutputStream().flush();
        } catch (Exception e) {
          // closed, or a client that went away
        }
      }
    }, "test-http");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  private static HealthCheck.Builder base() {
    return HealthCheck.newBuilder().setDelaySeconds(0).setIntervalSeconds(0.2).setTimeoutSeconds(2)
        .setGracePeriodSeconds(0).setConsecutiveFailures(3);
  }

  private static HealthCheck.Builder command(String command) {
    return base().setType(HealthCheck.Type.COMMAND).setCommand(CommandInfo.newBuilder().setValue(command));
  }

  private static TaskInfo checked(TaskInfo task, HealthCheck check) {
    return task.toBuilder().setHealthCheck(check).build();
  }

  private static long lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
