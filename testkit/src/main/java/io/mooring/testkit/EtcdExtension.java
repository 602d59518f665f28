package io.mooring.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real etcd for the whole test JVM, chosen in this order: {@code ETCD_ENDPOINT}; Testcontainers when a Docker
 * engine answers ({@code -Detcd.docker=false} skips it); the local {@code etcd} binary ({@code ETCD_BIN}, PATH or
 * /usr/bin/etcd); otherwise the tests fail with instructions. Tests isolate themselves with {@link #newNamespace()}.
 *
 * <pre>@RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();</pre>
 */
public final class EtcdExtension implements BeforeAllCallback {
  private static final String IMAGE = "gcr.io/etcd-development/etcd:v3.5.21";
  private static volatile Server server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (EtcdExtension.class) {
      if (server == null) {
        server = start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("mooring-etcd", (AutoCloseable) () -> {
          synchronized (EtcdExtension.class) {
            server.close();
            server = null;
          }
        });
      }
    }
  }

  /** The client URL, e.g. {@code http://127.0.0.1:23790}. */
  public String endpoint() {
    if (server == null) {
      throw new IllegalStateException("EtcdExtension is not started: register it with @RegisterExtension");
    }
    return server.endpoint();
  }

  /**
   * Compacts the history of every key (in every namespace) up to the current revision, as etcd's auto-compaction
   * does with older revisions, and waits until it is applied; returns that revision. A watch that would resume
   * from an earlier revision is refused from now on.
   */
  public long compact() throws IOException {
    String header = post("/v3/kv/range", "{\"key\":\"AA==\"}");  // any key: every answer carries the revision
    Matcher revision = Pattern.compile("\"revision\":\"(\\d+)\"").matcher(header);
    if (!revision.find()) {
      throw new IllegalStateException("etcd answered no revision");
    }
    try {
      post("/v3/kv/compaction", "{\"revision\":\"" + revision.group(1) + "\",\"physical\":true}");
    } catch (IOException e) {
      if (!e.getMessage().contains("required revision has been compacted")) {  // nothing was written since
        throw e;
      }
    }
    return Long.parseLong(revision.group(1));
  }

  /** A call to etcd's JSON gateway (keys in base64); fails unless etcd answers 200. */
  private String post(String path, String json) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + path).toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setConnectTimeout(2_000);
    connection.setReadTimeout(10_000);
    connection.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    if (connection.getResponseCode() != 200) {
      InputStream error = connection.getErrorStream();
      throw new IOException("etcd answered " + connection.getResponseCode() + " to " + path + ": "
          + (error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8)));
    }
    return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** A fresh key namespace, so tests sharing the etcd never see each other's keys. */
  public static String newNamespace() {
    return "/test-" + UUID.randomUUID() + "/";
  }

  private static Server start() throws Exception {
    String env = System.getenv("ETCD_ENDPOINT");
    if (env != null && !env.isBlank()) {
      return new Server(env.trim(), () -> {});
    }
    if (!"false".equals(System.getProperty("etcd.docker")) && dockerLikely() && docker()) {
      try {
        return startContainer();
      } catch (RuntimeException e) {
        // e.g. the image cannot be pulled offline: the local binary may still be there
        System.err.println("etcd container failed (" + e.getMessage() + "); trying the local etcd binary");
      }
    }
    Path binary = EtcdBinary.find();
    if (binary != null) {
      return startLocal(binary);
    }
    throw new IllegalStateException("No etcd for the tests: set ETCD_ENDPOINT, start a Docker engine, or install "
        + "the etcd binary (Debian: apt-get install -y etcd-server; or set ETCD_BIN). ./mooring test does this.");
  }

  private static boolean dockerLikely() {
    return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
  }

  private static boolean docker() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  private static Server startContainer() {
    GenericContainer<?> container = new GenericContainer<>(IMAGE)
        .withExposedPorts(2379)
        .withCommand("etcd", "--listen-client-urls", "http://0.0.0.0:2379",
            "--advertise-client-urls", "http://127.0.0.1:2379", "--unsafe-no-fsync");
    container.start();
    String endpoint = "http://127.0.0.1:" + container.getMappedPort(2379);
    return new Server(endpoint, container::stop);
  }

  private static Server startLocal(Path binary) throws Exception {
    Path dir = Files.createTempDirectory("mooring-etcd-");
    int client = Ports.free();
    int peer = Ports.free();
    String clientUrl = "http://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    Process process = new ProcessBuilder(binary.toString(), "--name", "test", "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "test=" + peerUrl, "--unsafe-no-fsync", "--log-level", "warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("etcd.log").toFile())
        .start();
    Runnable stop = () -> {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteRecursively(dir);
    };
    try {
      awaitHealthy(clientUrl, process);
    } catch (Exception e) {
      stop.run();
      throw e;
    }
    return new Server(clientUrl, stop);
  }

  private static void awaitHealthy(String clientUrl, Process process) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue());
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create(clientUrl + "/health").toURL().openConnection();
        connection.setConnectTimeout(200);
        connection.setReadTimeout(500);
        if (connection.getResponseCode() == 200
            && new String(connection.getInputStream().readAllBytes()).contains("true")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("etcd did not become healthy at " + clientUrl);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp dir
    }
  }

  private record Server(String endpoint, Runnable stopper) implements AutoCloseable {
    @Override
    public void close() {
      stopper.run();
    }
  }
}
