package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.reservations;
import static io.mooring.acceptance.Moorings.tasks;
import static io.mooring.acceptance.Moorings.volumeFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A moored app on the simulator: it runs on reserved resources with its volume and keeps its data. */
class MooredAppTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static Stack stack;  // STACK's

  @Test
  void theVolumeKeepsItsDataAcrossAKillAndAScaleToZeroAndBack() throws Exception {
    String app = """
        {"id": "/hello", "cmd": "echo hello >> data/foo && sleep 3600", "cpus": 0.1, "mem": 32,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";
    assertEquals(201, stack.post("/v2/apps", app).status());

    JsonNode task = awaitRunning(stack, "/hello", 1).get(0);
    JsonNode volume = task.get("localVolumes").get(0);
    String persistenceId = volume.get("persistenceId").asText();
    assertTrue(persistenceId.matches("hello#data#[0-9a-f-]{36}"), persistenceId);
    assertEquals("/hello", volume.get("runSpecId").asText());
    assertEquals("data", volume.get("containerPath").asText());
    String agent = task.get("slaveId").asText();
    awaitLines(persistenceId, 1);
    assertOneAcceptCarriedReserveCreateAndLaunch();

    // A kill without wipe: relaunched on the same reservation, with the same data.
    String firstTask = task.get("id").asText();
    assertEquals(200, stack.delete("/v2/apps/hello/tasks/" + firstTask).status());
    JsonNode relaunched = await("the relaunch", Duration.ofSeconds(60), () -> tasks(stack, "/hello").stream()
        .filter(t -> !t.get("id").asText().equals(firstTask) && t.has("startedAt")).findFirst());
    assertTrue(relaunched.get("id").asText().endsWith("._app.2"), relaunched.toString());
    assertEquals(agent, relaunched.get("slaveId").asText());
    assertEquals(persistenceId, relaunched.get("localVolumes").get(0).get("persistenceId").asText());
    awaitLines(persistenceId, 2);

    // Scale to 0: the task is listed without startedAt; the reservation and the volume stay.
    assertEquals(200, stack.put("/v2/apps/hello?force=true", "{\"instances\": 0}").status());
    JsonNode suspended = await("a suspended task", Duration.ofSeconds(60), () -> tasks(stack, "/hello").stream()
        .filter(t -> !t.has("startedAt") && !"TASK_RUNNING".equals(t.get("state").asText())).findFirst());
    assertEquals(agent, suspended.get("slaveId").asText());
    String instanceId = suspended.get("id").asText().replaceAll("\\._app\\.\\d+$", "");
    List<Moorings.Reserved> reserved = reservations(stack).stream()
        .filter(r -> instanceId.equals(r.label("marathon_task_id"))).toList();
    assertEquals(Set.of("cpus", "mem", "ports", "disk"),
        reserved.stream().map(r -> r.resource().get("name").asText()).collect(Collectors.toSet()),
        "the reservation labelled for the instance is still in /master/state");
    assertTrue(reserved.stream().anyMatch(r -> persistenceId.equals(r.persistenceId()) && agent.equals(r.agentId())),
        "the volume is still in /master/state");
    String frameworkId = frameworkId();
    assertTrue(reserved.stream().allMatch(r -> frameworkId.equals(r.label("marathon_framework_id"))));

    // Scale to 1: the same agent, the same volume, a third line.
    assertEquals(200, stack.put("/v2/apps/hello?force=true", "{\"instances\": 1}").status());
    JsonNode back = awaitRunning(stack, "/hello", 1).get(0);
    assertEquals(agent, back.get("slaveId").asText());
    assertEquals(persistenceId, back.get("localVolumes").get(0).get("persistenceId").asText());
    awaitLines(persistenceId, 3);
    awaitNoDeployments();
  }

  @Test
  void aMountDiskIsReservedWholeWithinMaxSizeAndAProfileChoosesItsDisk() throws Exception {
    String bounded = """
        {"id": "/bounded", "cmd": "sleep 3600", "cpus": 0.1, "mem": 32,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"type": "mount",
           "size": 1000, "maxSize": 5000, "constraints": [["path", "LIKE", "/mnt/ssd-.*"]]}}]}}""";
    String profiled = """
        {"id": "/profiled", "cmd": "sleep 3600", "cpus": 0.1, "mem": 32,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"type": "mount",
           "size": 100, "profileName": "fast"}}]}}""";
    assertEquals(201, stack.post("/v2/apps", bounded).status());
    assertEquals(201, stack.post("/v2/apps", profiled).status());
    String boundedVolume = awaitRunning(stack, "/bounded", 1).get(0).get("localVolumes").get(0)
        .get("persistenceId").asText();
    String profiledVolume = awaitRunning(stack, "/profiled", 1).get(0).get("localVolumes").get(0)
        .get("persistenceId").asText();

    JsonNode boundedDisk = volumeResource(boundedVolume);
    assertEquals("/mnt/ssd-0", boundedDisk.at("/disk/source/mount/root").asText(), boundedDisk.toString());
    assertEquals(4096, boundedDisk.at("/scalar/value").asInt(), "the mount disk is reserved whole");
    JsonNode profiledDisk = volumeResource(profiledVolume);
    assertEquals("fast", profiledDisk.at("/disk/source/profile").asText(), profiledDisk.toString());
    assertEquals(8192, profiledDisk.at("/scalar/value").asInt());

    String instance = awaitRunning(stack, "/bounded", 1).get(0).get("id").asText().replaceAll("\\._app\\.\\d+$", "");
    List<JsonNode> reserved = reservations(stack).stream().filter(r -> instance.equals(r.label("marathon_task_id")))
        .map(Moorings.Reserved::resource).toList();
    assertEquals(List.of("cpus", "disk", "mem", "ports"), reserved.stream().map(r -> r.get("name").asText())
        .sorted().toList(), "nothing but what the task needs is reserved: " + reserved);
  }

  @Test
  void aRestartRelaunchesEveryInstanceOnItsOwnReservationNeverExceedingTheCount() throws Exception {
    String app = """
        {"id": "/trio", "cmd": "sleep 3600", "cpus": 0.1, "mem": 32, "instances": 3,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";
    assertEquals(201, stack.post("/v2/apps", app).status());
    Map<String, String> agentByVolume = awaitRunning(stack, "/trio", 3).stream().collect(Collectors.toMap(
        t -> t.get("localVolumes").get(0).get("persistenceId").asText(), t -> t.get("slaveId").asText()));
    awaitNoDeployments();

    Stack.Response restart = stack.post("/v2/apps/trio/restart", "");
    assertEquals(200, restart.status(), restart.body());
    AtomicInteger most = new AtomicInteger();
    List<JsonNode> after = await("the restart", Duration.ofSeconds(120), () -> {
      most.accumulateAndGet(activeTasks("trio"), Math::max);
      List<JsonNode> tasks = tasks(stack, "/trio");
      boolean done = stack.get("/v2/deployments").json().isEmpty() && tasks.size() == 3
          && tasks.stream().allMatch(t -> t.get("id").asText().endsWith("._app.2") && t.has("startedAt"));
      return done ? Optional.of(tasks) : Optional.empty();
    });
    assertTrue(most.get() <= 3, "at most 3 tasks at once, saw " + most.get());
    for (JsonNode task : after) {
      String volume = task.get("localVolumes").get(0).get("persistenceId").asText();
      assertEquals(agentByVolume.get(volume), task.get("slaveId").asText(), "relaunched on its own reservation");
    }
    assertEquals(agentByVolume.keySet(), after.stream()
        .map(t -> t.get("localVolumes").get(0).get("persistenceId").asText()).collect(Collectors.toSet()));
  }

  @Test
  void aFailedTaskIsRelaunchedWithItsDataAndAWipeStartsWithAFreshVolume() throws Exception {
    String app = """
        {"id": "/phoenix", "cmd": "echo hello >> data/foo && sleep 3600", "cpus": 0.1, "mem": 32,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";
    assertEquals(201, stack.post("/v2/apps", app).status());
    JsonNode first = awaitRunning(stack, "/phoenix", 1).get(0);
    String volume = first.get("localVolumes").get(0).get("persistenceId").asText();
    awaitLines(volume, 1);

    stack.simulate("/sim/tasks/" + first.get("id").asText() + "/fail");
    JsonNode second = await("the relaunch after a failure", Duration.ofSeconds(60), () -> tasks(stack, "/phoenix")
        .stream().filter(t -> t.get("id").asText().endsWith("._app.2") && t.has("startedAt")).findFirst());
    assertEquals(first.get("slaveId").asText(), second.get("slaveId").asText());
    assertEquals(volume, second.get("localVolumes").get(0).get("persistenceId").asText());
    awaitLines(volume, 2);

    Stack.Response wiped = stack.delete("/v2/apps/phoenix/tasks/" + second.get("id").asText() + "?wipe=true");
    assertEquals(200, wiped.status(), wiped.body());
    JsonNode fresh = await("a fresh instance", Duration.ofSeconds(60), () -> tasks(stack, "/phoenix").stream()
        .filter(t -> !t.get("localVolumes").get(0).get("persistenceId").asText().equals(volume)
            && t.has("startedAt")).findFirst());
    String freshVolume = fresh.get("localVolumes").get(0).get("persistenceId").asText();
    assertNotEquals(volume, freshVolume);
    awaitLines(freshVolume, 1);
  }

  @Test
  void anUnreachableAgentIsWaitedForAndItsTaskComesBackWithoutAReplacement() throws Exception {
    String app = """
        {"id": "/patient", "cmd": "sleep 3600", "cpus": 0.1, "mem": 32,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";
    assertEquals(201, stack.post("/v2/apps", app).status());
    JsonNode task = awaitRunning(stack, "/patient", 1).get(0);
    String agent = task.get("slaveId").asText();

    stack.simulate("/sim/agents/" + agent + "/unreachable");
    await("the task unreachable", Duration.ofSeconds(30), () -> tasks(stack, "/patient").stream()
        .filter(t -> "TASK_UNREACHABLE".equals(t.get("state").asText())).findFirst());
    Thread.sleep(3_000);
    assertEquals(1, tasks(stack, "/patient").size(), "no replacement while the agent is away");
    assertEquals(List.of(), queuedApps(), "nothing waits for an offer");

    stack.simulate("/sim/agents/" + agent + "/reconnect");
    JsonNode back = awaitRunning(stack, "/patient", 1).get(0);
    assertEquals(task.get("id").asText(), back.get("id").asText(), "the same task, never relaunched");
    assertEquals(agent, back.get("slaveId").asText());
  }

  @Test
  void aPodRunsBothContainersOnOneVolumeAndKeepsItAcrossAKill() throws Exception {
    String pod = """
        {"id": "/duo", "scaling": {"kind": "fixed", "instances": 1},
         "containers": [
           {"name": "a", "exec": {"command": {"shell": "echo a >> data/log && sleep 3600"}},
            "resources": {"cpus": 0.1, "mem": 32}, "volumeMounts": [{"name": "data", "mountPath": "data"}]},
           {"name": "b", "exec": {"command": {"shell": "echo b >> data/log && sleep 3600"}},
            "resources": {"cpus": 0.1, "mem": 32}, "volumeMounts": [{"name": "data", "mountPath": "data"}]}],
         "volumes": [{"name": "data", "persistent": {"size": 10}}]}""";
    assertEquals(201, stack.post("/v2/pods", pod).status());
    JsonNode instance = await("a stable pod instance", Duration.ofSeconds(60), () -> {
      JsonNode status = stack.get("/v2/pods/duo::status").json();
      return status.path("instances").size() == 1 && "STABLE".equals(status.at("/instances/0/status").asText())
          ? Optional.of(status.get("instances").get(0)) : Optional.empty();
    });
    String volume = instance.at("/localVolumes/0/persistenceId").asText();
    assertTrue(volume.matches("duo#data#[0-9a-f-]{36}"), volume);
    await("both containers wrote", Duration.ofSeconds(30), () ->
        volumeFile(stack, volume, "log").size() == 2 ? Optional.of(true) : Optional.empty());
    assertTrue(stack.offerService.log().lines().anyMatch(line -> line.contains("duo.instance-")
        && line.contains("with operations [RESERVE, CREATE, LAUNCH_GROUP]")), "one ACCEPT for the first launch");

    stack.simulate("/sim/tasks/" + instance.at("/containers/0/containerId").asText() + "/fail");
    await("the pod relaunched on its reservation", Duration.ofSeconds(60), () -> {
      JsonNode status = stack.get("/v2/pods/duo::status").json();
      JsonNode relaunched = status.at("/instances/0");
      return "STABLE".equals(relaunched.path("status").asText())
          && relaunched.at("/containers/0/containerId").asText().endsWith(".2")
          ? Optional.of(relaunched) : Optional.empty();
    });
    await("four lines in the volume", Duration.ofSeconds(30), () ->
        volumeFile(stack, volume, "log").size() == 4 ? Optional.of(true) : Optional.empty());
  }

  private List<String> queuedApps() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    stack.get("/v2/queue").json().get("queue").forEach(entry -> ids.add(entry.path("app").path("id").asText()));
    return ids.stream().filter(id -> id.equals("/patient")).toList();
  }

  private int activeTasks(String app) throws Exception {
    int active = 0;
    for (JsonNode framework : stack.masterState().get("frameworks")) {
      for (JsonNode task : framework.get("tasks")) {
        String state = task.get("state").asText();
        if (task.get("id").asText().startsWith(app + ".") && !state.equals("TASK_KILLED")
            && !state.equals("TASK_FINISHED") && !state.equals("TASK_FAILED")) {
          active++;
        }
      }
    }
    return active;
  }

  private JsonNode volumeResource(String persistenceId) throws Exception {
    return reservations(stack).stream().filter(r -> persistenceId.equals(r.persistenceId())).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + persistenceId)).resource();
  }

  private String frameworkId() throws Exception {
    return stack.get("/v2/info").json().get("frameworkId").asText();
  }

  private void awaitLines(String persistenceId, int count) throws Exception {
    List<String> lines = await(count + " lines in the volume", Duration.ofSeconds(30), () -> {
      List<String> now = volumeFile(stack, persistenceId, "foo");
      return now.size() >= count ? Optional.of(now) : Optional.empty();
    });
    assertEquals(List.of("hello", "hello", "hello").subList(0, count), lines);
  }

  private void awaitNoDeployments() throws Exception {
    await("no running deployment", Duration.ofSeconds(60),
        () -> stack.get("/v2/deployments").json().isEmpty() ? Optional.of(true) : Optional.empty());
  }

  /** offer-service logs one line per ACCEPT: the first launch of /hello is one ACCEPT [RESERVE, CREATE, LAUNCH]. */
  private void assertOneAcceptCarriedReserveCreateAndLaunch() throws Exception {
    List<String> accepts = stack.offerService.log().lines()
        .filter(line -> line.contains("accepted offer") && line.contains("hello.instance-")).toList();
    assertEquals(1, accepts.size(), String.join("\n", accepts));
    assertTrue(accepts.get(0).contains("with operations [RESERVE, CREATE, LAUNCH]"), accepts.get(0));
  }
}
