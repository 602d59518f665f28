package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task's stdout and stderr through the gateway, read from the simulated agent's files API as from a real Mesos
 * agent: the gateway finds the agent through offer-service and the sandbox by the framework and executor ids.
 */
class TaskSandboxTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static Stack stack;  // STACK's

  @Test
  void anAppsOutputIsReadWhileItRunsAndAfterItWasScaledToZero() throws Exception {
    String app = """
        {"id": "/logs", "cmd": "echo to-stdout; echo to-stderr >&2; echo kept > data/file; sleep 3600",
         "cpus": 0.1, "mem": 32,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";
    assertEquals(201, stack.post("/v2/apps", app).status());
    String task = awaitRunning(stack, "/logs", 1).get(0).get("id").asText();
    String files = "/v2/tasks/" + task + "/files";

    Stack.Response stdout = await("the task's stdout", WAIT, () -> Optional.of(stack.get(files + "/read?offset=0"))
        .filter(r -> r.status() == 200 && r.body().contains("to-stdout")));
    assertEquals("{\"data\":\"to-stdout\\n\",\"offset\":0}", stdout.body());
    assertEquals("application/json", stdout.header("Content-Type"));
    Stack.Response stderr = stack.get(files + "/read?path=stderr&offset=0");
    assertEquals(200, stderr.status(), stderr.body());
    assertTrue(stderr.json().get("data").asText().contains("to-stderr\n"), stderr.body());
    assertEquals("{\"data\":\"\",\"offset\":10}", stack.get(files + "/read").body(), "the size, where a tail starts");
    assertEquals("{\"data\":\"stdout\\n\",\"offset\":3}", stack.get(files + "/read?offset=3&length=100").body());
    assertEquals("{\"data\":\"kept\\n\",\"offset\":0}", await("the volume's file", WAIT, () ->
        Optional.of(stack.get(files + "/read?path=data/file&offset=0")).filter(r -> r.status() == 200)).body());
    assertTrue(names(stack.get(files + "/browse")).containsAll(List.of("data", "stderr", "stdout")));

    assertEquals(400, stack.get(files + "/read?path=../../../..&offset=0").status());
    assertEquals(404, stack.get(files + "/read?path=nothing&offset=0").status());
    Stack.Response unknown = stack.get("/v2/tasks/logs.instance-nope._app.1/files/read");
    assertEquals(404, unknown.status());
    assertEquals("Task 'logs.instance-nope._app.1' does not exist", unknown.json().get("message").asText());

    // Scaled to 0: the task ended, its sandbox stays on the agent and is still read
    assertEquals(200, stack.put("/v2/apps/logs?force=true", "{\"instances\": 0}").status());
    await("the task ended", WAIT, () -> tasks(stack, "/logs").stream()
        .filter(t -> t.get("id").asText().equals(task) && !"TASK_RUNNING".equals(t.path("state").asText()))
        .findFirst());
    assertEquals("{\"data\":\"to-stdout\\n\",\"offset\":0}", stack.get(files + "/read?offset=0").body());
    assertTrue(stack.get(files + "/read?path=stderr&offset=0").body().contains("to-stderr"));
  }

  @Test
  void aPodContainersOutputIsReadInItsOwnSandbox() throws Exception {
    String pod = """
        {"id": "/logged-pod", "scaling": {"kind": "fixed", "instances": 1},
         "containers": [
           {"name": "web", "exec": {"command": {"shell": "echo from-web && sleep 3600"}},
            "resources": {"cpus": 0.1, "mem": 32}, "volumeMounts": [{"name": "data", "mountPath": "data"}]},
           {"name": "sidecar", "exec": {"command": {"shell": "echo from-sidecar && sleep 3600"}},
            "resources": {"cpus": 0.1, "mem": 32}}],
         "volumes": [{"name": "data", "persistent": {"size": 10}}]}""";
    assertEquals(201, stack.post("/v2/pods", pod).status());
    String web = await("the web container running", WAIT, () -> container("/logged-pod", "web"));
    String sidecar = container("/logged-pod", "sidecar").orElseThrow();

    assertEquals("{\"data\":\"from-web\\n\",\"offset\":0}", await("web's stdout", WAIT, () ->
        Optional.of(stack.get("/v2/tasks/" + web + "/files/read?offset=0")).filter(r -> r.body().contains("from-")))
        .body());
    assertEquals("{\"data\":\"from-sidecar\\n\",\"offset\":0}", await("sidecar's stdout", WAIT, () ->
        Optional.of(stack.get("/v2/tasks/" + sidecar + "/files/read?offset=0")).filter(r -> r.body().contains("from-")))
        .body());
  }

  /** The task id of a running container of the pod's first instance. */
  private static Optional<String> container(String podId, String name) throws Exception {
    JsonNode instance = stack.get("/v2/pods" + podId + "::status").json().at("/instances/0");
    for (JsonNode container : instance.path("containers")) {
      if (name.equals(container.path("name").asText()) && "TASK_RUNNING".equals(container.path("status").asText())) {
        return Optional.of(container.path("containerId").asText());
      }
    }
    return Optional.empty();
  }

  private static List<String> names(Stack.Response listing) {
    assertEquals(200, listing.status(), listing.body());
    List<String> names = new ArrayList<>();
    listing.json().forEach(entry -> names.add(entry.get("path").asText()));
    return names;
  }
}
