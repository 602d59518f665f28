package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.podPlaced;
import static io.mooring.gateway.Instances.podTaskId;
import static io.mooring.gateway.Instances.taskId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.sim.files.AgentFileServers;
import io.mooring.testkit.Ports;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A task's sandbox over HTTP: the gateway finds the task's instance (stand-in reservation-service), its agent's URL and
 * the framework (stand-in offer-service), and reads a real agent files API (the simulator's) over sandboxes laid out
 * on disk as Mesos lays them out.
 */
class TaskFilesHttpTest extends LiveGatewayTest {
  private static final String AGENT = "agent-h1";
  private static final String FRAMEWORK = "fw-files";
  @TempDir static Path work;
  private static AgentFileServers agentServer;
  private static String agentUrl;

  @BeforeAll
  static void startAgent() throws IOException {
    agentServer = new AgentFileServers();
    var address = agentServer.start("test-agent", "127.0.0.1", 0, work, List.of(work.resolve("volumes")),
        () -> AGENT);
    agentUrl = "http://127.0.0.1:" + address.getPort();
  }

  @AfterAll
  static void stopAgent() {
    agentServer.close();
  }

  @BeforeEach
  void agentKnown() {
    neighbours.framework = FrameworkInfo.newBuilder().setFrameworkId(FRAMEWORK).build();
    neighbours.agents.put(AGENT, agentUrl);
  }

  /** {@code runs/<uuid>} with {@code latest} pointing at it, as the agent lays out an executor's sandbox. */
  private static Path sandbox(String framework, String executorId) throws IOException {
    Path runs = work.resolve("slaves").resolve(AGENT).resolve("frameworks").resolve(framework)
        .resolve("executors").resolve(executorId).resolve("runs");
    String container = UUID.randomUUID().toString();
    Path sandbox = Files.createDirectories(runs.resolve(container));
    Files.createSymbolicLink(runs.resolve("latest"), Path.of(container));
    return sandbox;
  }

  /** An app task on the agent with stdout "hello\n" and stderr "oops\n"; answers its id. */
  private static String appTask(String app, String uuid) throws IOException {
    String taskId = taskId(app, uuid);
    Path sandbox = sandbox(FRAMEWORK, taskId);
    Files.writeString(sandbox.resolve("stdout"), "hello\n");
    Files.writeString(sandbox.resolve("stderr"), "oops\n");
    Files.createDirectories(sandbox.resolve("data"));
    List<Instance> instances = new ArrayList<>(neighbours.instances);
    instances.add(placed(app, uuid, "h1", "TASK_RUNNING").build());
    neighbours.instances = instances;
    return taskId;
  }

  private static Reply read(String taskId, String query) {
    return gateway.get("/v2/tasks/" + taskId + "/files/read" + query);
  }

  @Test
  void readsStdoutAndStderrAsMesosAnswers() throws IOException {
    String task = appTask("/files/app", "a1");
    Reply stdout = read(task, "?offset=0");
    assertEquals(200, stdout.status(), stdout.raw().body());
    assertEquals("application/json", stdout.contentType());
    assertEquals("{\"data\":\"hello\\n\",\"offset\":0}", stdout.raw().body());
    assertEquals("{\"data\":\"oops\\n\",\"offset\":0}", read(task, "?path=stderr&offset=0").raw().body());
    assertEquals("{\"data\":\"\",\"offset\":6}", read(task, "").raw().body(), "no offset: the size, for a tail");
    assertEquals("{\"data\":\"\",\"offset\":6}", read(task, "?offset=-1").raw().body());
    assertEquals("{\"data\":\"llo\",\"offset\":2}", read(task, "?offset=2&length=3").raw().body());
    assertEquals("{\"data\":\"llo\\n\",\"offset\":2}", read(task, "?offset=2&length=-1").raw().body());
    assertEquals("{\"data\":\"hello\\n\",\"offset\":0}", read(task, "?path=./stdout&offset=0&length=99999999")
        .raw().body(), "a length past the cap is cut to it");
  }

  @Test
  void aPodTaskIsReadInItsOwnSandboxBelowTheExecutors() throws IOException {
    String pod = "/files/pod";
    String task = podTaskId(pod, "p1", "web");
    Path executor = sandbox(FRAMEWORK, "instance-" + Instances.instanceId(pod, "p1") + ".1");
    Path nested = Files.createDirectories(executor.resolve("containers").resolve(UUID.randomUUID().toString()));
    Files.writeString(nested.resolve("stdout"), "from web\n");
    Files.createDirectories(executor.resolve("tasks"));
    Files.createSymbolicLink(executor.resolve("tasks").resolve(task), Path.of("..").resolve("containers")
        .resolve(nested.getFileName()));
    neighbours.instances = List.of(podPlaced(pod, "p1", "h1", "TASK_RUNNING", "web").build());

    assertEquals("{\"data\":\"from web\\n\",\"offset\":0}", read(task, "?offset=0").raw().body());
  }

  @Test
  void theFrameworkThatReservedTheInstanceNamesTheSandbox() throws IOException {
    String app = "/files/labelled";
    String task = taskId(app, "l1");
    Files.writeString(sandbox("fw-older", task).resolve("stdout"), "older\n");
    neighbours.instances = List.of(placed(app, "l1", "h1", "TASK_RUNNING").setReservation(
        placed(app, "l1", "h1", "TASK_RUNNING").getReservationBuilder().addResources(ReservedResource.newBuilder()
            .setName("cpus").setScalar(1).putLabels(ReservationLabels.FRAMEWORK, "fw-older"))).build());
    assertEquals("{\"data\":\"older\\n\",\"offset\":0}", read(task, "?offset=0").raw().body());
  }

  @Test
  void browsesTheSandboxWithPathsRelativeToIt() throws IOException {
    String task = appTask("/files/browsed", "b1");
    Reply listing = gateway.get("/v2/tasks/" + task + "/files/browse");
    assertEquals(200, listing.status(), listing.raw().body());
    List<String> paths = new ArrayList<>();
    listing.json().forEach(entry -> paths.add(entry.get("path").asText()));
    assertEquals(List.of("data", "stderr", "stdout"), paths);
    JsonNode stdout = listing.json().get(2);
    assertEquals(6, stdout.get("size").asInt());
    assertTrue(stdout.get("mode").asText().startsWith("-r"), stdout.toString());
    assertTrue(stdout.has("mtime") && stdout.has("uid") && stdout.has("gid") && stdout.has("nlink"));
    assertEquals("[]", gateway.get("/v2/tasks/" + task + "/files/browse?path=data").raw().body());
  }

  @Test
  void aTaskAfterItEndedIsStillRead() throws IOException {
    String task = appTask("/files/ended", "e1");
    neighbours.instances = List.of(placed("/files/ended", "e1", "h1", "TASK_KILLED").build());
    assertEquals("{\"data\":\"hello\\n\",\"offset\":0}", read(task, "?offset=0").raw().body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an absolute path  | ?path=%2Fetc%2Fpasswd | path must be relative to the task's sandbox, not absolute: '/etc/passwd'",
      "a way up          | ?path=..%2F..%2Fx     | path must not leave the task's sandbox: '../../x'",
      "a way up inside   | ?path=data%2F..%2F..  | path must not leave the task's sandbox: 'data/../..'",
      "an offset of text | ?offset=abc           | offset must be an integer, not 'abc'",
      "a negative offset | ?offset=-2            | offset must be -1 (the file's size) or more, not -2",
      "a negative length | ?offset=0&length=-3   | length must be -1 (to the end) or more, not -3"})
  void badParametersAre400(String what, String query, String message) throws IOException {
    String task = appTask("/files/bad", "x" + Math.abs(what.hashCode()));
    Reply reply = read(task, query);
    assertEquals(400, reply.status(), what);
    assertEquals(message, reply.json().get("message").asText());
  }

  @Test
  void theAgentsRefusalsKeepTheirStatusInMarathonsShape() throws IOException {
    String task = appTask("/files/refused", "r1");
    Reply missing = read(task, "?path=nope&offset=0");
    assertEquals(404, missing.status());
    assertEquals("File 'nope' in the sandbox of task '" + task + "' does not exist on agent 'agent-h1'",
        missing.json().get("message").asText());
    Reply directory = read(task, "?path=data&offset=0");
    assertEquals(400, directory.status());
    assertEquals("Cannot read 'data' in the sandbox of task '" + task + "': Cannot read a directory",
        directory.json().get("message").asText());
  }

  @Test
  void unknownTasksAre404AsInMarathon() throws IOException {
    String known = appTask("/files/known", "k1");
    for (String task : List.of(taskId("/files/unknown", "u1"), known.replace("._app.1", "._app.2"), "not-a-task")) {
      Reply reply = read(task, "?offset=0");
      assertEquals(404, reply.status(), task);
      assertEquals("{\"message\":\"Task '" + task + "' does not exist\"}", reply.raw().body());
    }
  }

  @Test
  void anAgentMesosNoLongerKnowsIs404AndOneThatDoesNotAnswerIs503() throws IOException {
    String task = appTask("/files/away", "w1");
    neighbours.agents.clear();
    Reply gone = read(task, "?offset=0");
    assertEquals(404, gone.status());
    assertTrue(gone.json().get("message").asText().contains("its agent 'agent-h1' is not registered with the Mesos"
        + " master"), gone.raw().body());

    String silent = "http://127.0.0.1:" + Ports.free();
    neighbours.agents.put(AGENT, silent);
    Reply down = read(task, "?offset=0");
    assertEquals(503, down.status());
    assertEquals("The agent of task '" + task + "' at " + silent + " cannot be reached",
        down.json().get("message").asText());

    neighbours.offerServiceDown = true;
    assertEquals(503, read(task, "?offset=0").status());
  }

  @Test
  void pathsAreEncodedOnTheirWayToTheAgent() throws IOException {
    String task = appTask("/files/encoded", "n1");
    Path sandbox = work.resolve("slaves").resolve(AGENT).resolve("frameworks").resolve(FRAMEWORK)
        .resolve("executors").resolve(task).resolve("runs").resolve("latest");
    Files.writeString(sandbox.resolve("a b&c=d+é"), "odd\n");
    String path = URLEncoder.encode("a b&c=d+é", StandardCharsets.UTF_8);
    assertEquals("{\"data\":\"odd\\n\",\"offset\":0}", read(task, "?offset=0&path=" + path).raw().body());
  }
}
