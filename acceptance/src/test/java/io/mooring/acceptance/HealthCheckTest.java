package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.persistenceId;
import static io.mooring.acceptance.Moorings.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health checks that Mesos runs (the simulator's process runner), as Mooring follows them on the real stack. */
class HealthCheckTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static final Duration WAIT = Duration.ofSeconds(90);
  /** A real HTTP server on the task's port (each simulated agent has its own ports, so servers never collide). */
  private static final String SERVER = "python3 -m http.server $PORT0";
  private static Stack stack;  // STACK's

  @Test
  void anHttpServerWithAnHttpCheckIsReportedHealthy() throws Exception {
    assumeTrue(python(), "python3 serves the checked HTTP");
    assertEquals(201, stack.post("/v2/apps", app("/healthy", SERVER, 1, "MESOS_HTTP", 30)).status());
    JsonNode task = await("a healthy task", WAIT, () -> tasks(stack, "/healthy").stream()
        .filter(t -> t.path("healthCheckResults").path(0).path("alive").asBoolean(false)).findFirst());
    assertEquals(task.get("id").asText().replaceAll("\\._app\\.\\d+$", ""),
        task.path("healthCheckResults").get(0).path("instanceId").asText());
    JsonNode app = stack.get("/v2/apps/healthy").json().get("app");
    assertEquals(List.of(1, 0), List.of(app.get("tasksHealthy").asInt(), app.get("tasksUnhealthy").asInt()));
  }

  @Test
  void aFailingCheckGetsTheTaskKilledAndRelaunchedOnItsReservation() throws Exception {
    // Nothing listens on the checked port (not the task's: the agents share this host's ports), so the TCP check
    // fails from the start (no grace period).
    String app = app("/failing", "sleep 3600", 1, "MESOS_TCP", 0).replace("\"portIndex\": 0", "\"port\": "
        + Ports.free());
    assertEquals(201, stack.post("/v2/apps", app).status());
    JsonNode first = await("the first task", WAIT, () -> tasks(stack, "/failing").stream()
        .filter(t -> t.get("id").asText().endsWith("._app.1") && t.has("startedAt")).findFirst());
    JsonNode relaunched = await("a relaunch after the check killed the task", WAIT, () -> tasks(stack, "/failing")
        .stream().filter(t -> !t.get("id").asText().endsWith("._app.1") && t.has("startedAt")).findFirst());
    assertEquals(first.get("slaveId").asText(), relaunched.get("slaveId").asText(), "on its reservation");
    assertEquals(persistenceId(first), persistenceId(relaunched), "with its volume");
  }

  @Test
  void anHttpCheckMooringRunsReportsHealthy() throws Exception {
    assumeTrue(python(), "python3 serves the checked HTTP");
    assertEquals(201, stack.post("/v2/apps", app("/probed", SERVER, 1, "HTTP", 30)).status());
    await("a healthy task", WAIT, () -> tasks(stack, "/probed").stream()
        .filter(t -> t.path("healthCheckResults").path(0).path("alive").asBoolean(false)).findFirst());
    JsonNode app = stack.get("/v2/apps/probed").json().get("app");
    assertEquals(List.of(1, 0), List.of(app.get("tasksHealthy").asInt(), app.get("tasksUnhealthy").asInt()));
  }

  @Test
  void aTcpCheckMooringRunsGetsAFailingTaskKilledAndRelaunchedOnItsReservation() throws Exception {
    String app = app("/unanswered", "sleep 3600", 1, "TCP", 0).replace("\"portIndex\": 0", "\"port\": "
        + Ports.free());
    assertEquals(201, stack.post("/v2/apps", app).status());
    JsonNode first = await("the first task", WAIT, () -> tasks(stack, "/unanswered").stream()
        .filter(t -> t.get("id").asText().endsWith("._app.1") && t.has("startedAt")).findFirst());
    JsonNode relaunched = await("a relaunch after Mooring's check killed the task", WAIT, () ->
        tasks(stack, "/unanswered").stream()
            .filter(t -> !t.get("id").asText().endsWith("._app.1") && t.has("startedAt")).findFirst());
    assertEquals(first.get("slaveId").asText(), relaunched.get("slaveId").asText(), "on its reservation");
    assertEquals(persistenceId(first), persistenceId(relaunched), "with its volume");
  }

  /** The server answers /ready once the task made the file, 3 s after it started. */
  @Test
  void aDeploymentWaitsUntilTheNewTaskIsReady() throws Exception {
    assumeTrue(python(), "python3 serves the readiness check");
    String app = """
        {"id": "/warming", "cmd": "(sleep 3 && touch ready) & %s", "cpus": 0.1, "mem": 32,
         "portDefinitions": [{"port": 0, "name": "http"}],
         "readinessChecks": [{"name": "warm", "protocol": "HTTP", "path": "/ready", "portName": "http",
                              "intervalSeconds": 1, "timeoutSeconds": 2, "httpStatusCodesForReady": [200]}],
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}"""
        .formatted(SERVER);
    Stack.Response created = stack.post("/v2/apps", app);
    assertEquals(201, created.status(), created.body());
    String deployment = created.header("Marathon-Deployment-Id");
    JsonNode waiting = await("the task running, not ready yet", WAIT, () -> {
      for (JsonNode d : stack.get("/v2/deployments").json()) {
        JsonNode result = d.at("/currentActions/0/readinessCheckResults/0");
        if (d.get("id").asText().equals(deployment) && !result.isMissingNode()) {
          return Optional.of(result);
        }
      }
      return Optional.empty();
    });
    assertEquals("warm", waiting.get("name").asText());
    assertTrue(!waiting.get("ready").asBoolean(), waiting.toString());
    await("the deployment done once ready", WAIT, () -> Optional.of(stack.get("/v2/deployments").body())
        .filter(all -> !all.contains(deployment)));
    JsonNode ready = stack.get("/v2/apps/warming?embed=app.readiness").json().at("/app/readinessCheckResults/0");
    assertTrue(ready.get("ready").asBoolean(), ready.toString());
  }

  /**
   * Command checks, which need no port: the simulated agents share this host's ports, so HTTP servers of two
   * instances could answer each other's checks.
   */
  @Test
  void aRestartWaitsForTheNewTasksToBeHealthy() throws Exception {
    assertEquals(201, stack.post("/v2/apps", commandChecked("/careful", "test -f ready")).status());
    List<JsonNode> healthy = await("2 healthy tasks", WAIT, () -> {
      List<JsonNode> tasks = tasks(stack, "/careful").stream()
          .filter(t -> t.path("healthCheckResults").path(0).path("alive").asBoolean(false)).toList();
      return tasks.size() == 2 ? Optional.of(tasks) : Optional.empty();
    });
    String oldVersion = healthy.get(0).get("version").asText();
    // The new configuration's check never passes. With minimumHealthCapacity 0.5, one old task may go at once, the
    // other only once a new one is healthy: never.
    assertEquals(200, stack.put("/v2/apps/careful?force=true", commandChecked("/careful", "test -f never")).status());
    await("one new task running", WAIT, () -> tasks(stack, "/careful").stream()
        .filter(t -> t.has("startedAt") && !t.get("version").asText().equals(oldVersion)).findFirst());
    Thread.sleep(10_000);  // several check intervals: the new task stays unhealthy
    List<JsonNode> old = tasks(stack, "/careful").stream()
        .filter(t -> "TASK_RUNNING".equals(t.path("state").asText()) && oldVersion.equals(t.path("version").asText()))
        .toList();
    assertEquals(1, old.size(), "the second old task waits for the first new one to be healthy: " + old);
    assertTrue(old.get(0).path("healthCheckResults").path(0).path("alive").asBoolean(false));
    assertTrue(stack.get("/v2/deployments").json().findValues("affectedApps").stream()
        .anyMatch(apps -> apps.toString().contains("\"/careful\"")), "the restart is still in progress");
  }

  /**
   * A pod whose "web" container has an exec check that passes once the container made its file, and whose sidecar
   * has none: the instance is STABLE once web's task is healthy, and the deployment then ends. A second pod, whose
   * check never passes (its failures are ignored for the grace period), stays DEGRADED and keeps its deployment.
   */
  @Test
  void aPodIsUpOnceItsContainersCheckPasses() throws Exception {
    Stack.Response created = stack.post("/v2/pods", checkedPod("/checked-pod", "test -f ready"));
    assertEquals(201, created.status(), created.body());
    JsonNode web = await("a stable instance with a healthy web container", WAIT, () -> {
      JsonNode status = stack.get("/v2/pods/checked-pod::status").json();
      JsonNode instance = status.at("/instances/0");
      return "STABLE".equals(instance.path("status").asText()) ? container(instance, "web") : Optional.empty();
    });
    assertEquals("healthy", web.at("/conditions/0/name").asText(), web.toString());
    assertEquals("true", web.at("/conditions/0/value").asText(), web.toString());
    String deployment = created.header("Marathon-Deployment-Id");
    await("the deployment done", WAIT, () -> Optional.of(stack.get("/v2/deployments").body())
        .filter(all -> !all.contains(deployment)));

    Stack.Response failing = stack.post("/v2/pods", checkedPod("/unchecked-pod", "test -f never"));
    assertEquals(201, failing.status(), failing.body());
    await("the second pod's containers running", WAIT, () -> {
      JsonNode instance = stack.get("/v2/pods/unchecked-pod::status").json().at("/instances/0");
      return container(instance, "web").filter(c -> "TASK_RUNNING".equals(c.path("status").asText()));
    });
    Thread.sleep(5_000);  // several check intervals: the check keeps failing
    JsonNode instance = stack.get("/v2/pods/unchecked-pod::status").json().at("/instances/0");
    assertEquals("DEGRADED", instance.path("status").asText(), instance.toString());
    assertEquals("false", container(instance, "web").orElseThrow().at("/conditions/0/value").asText());
    assertTrue(stack.get("/v2/deployments").body().contains(failing.header("Marathon-Deployment-Id")),
        "the deployment waits for the check");
  }

  private static Optional<JsonNode> container(JsonNode instance, String name) {
    for (JsonNode container : instance.path("containers")) {
      if (name.equals(container.path("name").asText())) {
        return Optional.of(container);
      }
    }
    return Optional.empty();
  }

  private static String checkedPod(String id, String check) {
    return """
        {"id": "%s", "scaling": {"kind": "fixed", "instances": 1},
         "containers": [
           {"name": "web", "exec": {"command": {"shell": "touch ready && sleep 3600"}},
            "resources": {"cpus": 0.1, "mem": 32}, "volumeMounts": [{"name": "data", "mountPath": "data"}],
            "healthCheck": {"exec": {"command": {"shell": "%s"}}, "gracePeriodSeconds": 300, "intervalSeconds": 1,
                            "timeoutSeconds": 1, "delaySeconds": 0, "maxConsecutiveFailures": 3}},
           {"name": "sidecar", "exec": {"command": {"shell": "sleep 3600"}}, "resources": {"cpus": 0.1, "mem": 32}}],
         "volumes": [{"name": "data", "persistent": {"size": 10}}]}""".formatted(id, check);
  }

  private static String commandChecked(String id, String check) {
    return """
        {"id": "%s", "cmd": "touch ready && sleep 3600", "cpus": 0.1, "mem": 32, "instances": 2,
         "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0},
         "healthChecks": [{"protocol": "COMMAND", "command": {"value": "%s"}, "gracePeriodSeconds": 30,
                           "intervalSeconds": 1, "timeoutSeconds": 2, "delaySeconds": 0, "maxConsecutiveFailures": 2}],
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}"""
        .formatted(id, check);
  }

  private static String app(String id, String cmd, int instances, String protocol, int gracePeriodSeconds) {
    return """
        {"id": "%s", "cmd": "%s", "cpus": 0.1, "mem": 32, "instances": %d,
         "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0},
         "healthChecks": [{"protocol": "%s", "path": "/", "portIndex": 0, "gracePeriodSeconds": %d,
                           "intervalSeconds": 1, "timeoutSeconds": 2, "delaySeconds": 0, "maxConsecutiveFailures": 2}],
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}"""
        .formatted(id, cmd, instances, protocol, gracePeriodSeconds);
  }

  private static boolean python() {
    return List.of("/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3").stream()
        .anyMatch(path -> Files.isExecutable(Path.of(path)));
  }
}
