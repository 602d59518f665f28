package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.app;
import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.persistenceId;
import static io.mooring.acceptance.Moorings.reservations;
import static io.mooring.acceptance.Moorings.reservationsOf;
import static io.mooring.acceptance.Moorings.tasks;
import static io.mooring.acceptance.Moorings.volumeDirectoryExists;
import static io.mooring.acceptance.Moorings.volumeFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a volume's life on the simulator: wipe, app and pod deletion, orphans and failed claims leave no
 * reservation, no volume and no directory behind; what is still wanted (a volume in use, an unreachable agent's,
 * one whose agent rebooted) is never touched.
 */
class UnmooringTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static final Duration CLEAN_UP = Duration.ofSeconds(60);
  private static Stack stack;  // STACK's

  @Test
  void aWipeErasesTheDataAndReleasesTheReservationAndANewInstanceStartsEmpty() throws Exception {
    assertEquals(201, stack.post("/v2/apps", app("/wiped", "echo hello >> data/foo && sleep 3600", 1)).status());
    JsonNode task = awaitRunning(stack, "/wiped", 1).get(0);
    String volume = persistenceId(task);
    String instance = instanceId(task);
    await("a line in the volume", CLEAN_UP, () -> Optional.of(volumeFile(stack, volume, "foo"))
        .filter(lines -> lines.size() == 1));
    assertEquals("attached", stack.get("/v2/volumes/" + encoded(volume)).json().get("status").asText());

    Stack.Response wiped = stack.delete("/v2/apps/wiped/tasks/" + task.get("id").asText() + "?wipe=true");
    assertEquals(200, wiped.status(), wiped.body());
    JsonNode fresh = await("a new instance on a new volume", CLEAN_UP, () -> awaitRunning(stack, "/wiped", 1)
        .stream().filter(t -> !persistenceId(t).equals(volume)).findFirst());
    assertNotEquals(instance, instanceId(fresh));
    await("the old volume and reservation gone", CLEAN_UP, () -> reservations(stack).stream()
        .noneMatch(r -> instance.equals(r.label("marathon_task_id"))) && !volumeDirectoryExists(stack, volume)
        ? Optional.of(true) : Optional.empty());
    assertEquals(List.of("hello"), volumeFile(stack, persistenceId(fresh), "foo"), "the new volume started empty");
    await("the old volume unknown to /v2/volumes", CLEAN_UP, () ->
        stack.get("/v2/volumes/" + encoded(volume)).status() == 404 ? Optional.of(true) : Optional.empty());
    assertEquals(1, reservationsOf(stack, "wiped").stream().filter(r -> r.persistenceId() != null).count(),
        "one volume for the one instance");
  }

  @Test
  void deletingAnAppLeavesNothingAndVolumesShowAttachedThenDetached() throws Exception {
    assertEquals(201, stack.post("/v2/apps", app("/deleted", "echo hi >> data/foo && sleep 3600", 2)).status());
    List<String> volumes = awaitRunning(stack, "/deleted", 2).stream().map(Moorings::persistenceId).toList();
    assertEquals(Set.of("attached"), statuses("/deleted"));
    assertEquals(Set.copyOf(volumes), volumesOf("/deleted").stream().map(v -> v.get("persistenceId").asText())
        .collect(Collectors.toSet()));

    assertEquals(200, stack.put("/v2/apps/deleted?force=true", "{\"instances\": 0}").status());
    await("both volumes detached", CLEAN_UP, () -> Optional.of(statuses("/deleted"))
        .filter(s -> s.equals(Set.of("detached"))));
    assertEquals(2, volumesOf("/deleted").size(), "scaled to 0, the volumes stay");
    awaitNoDeployments("/deleted");

    assertEquals(200, stack.delete("/v2/apps/deleted").status());
    awaitNoDeployments("/deleted");  // the deletion finishes once everything is cleaned
    assertEquals(List.of(), reservationsOf(stack, "deleted"), "no reservation or volume of the app in Mesos");
    for (String volume : volumes) {
      assertFalse(volumeDirectoryExists(stack, volume), volume + " is still on disk");
    }
    assertEquals(List.of(), volumesOf("/deleted"));
    assertEquals(404, stack.get("/v2/apps/deleted").status());
  }

  @Test
  void theSeedPodSharesItsVolumeAcrossContainersKeepsItAcrossAKillAndLeavesNothingWhenDeleted() throws Exception {
    String pod = """
        {"id": "/seed-pod", "scaling": {"kind": "fixed", "instances": 1},
         "scheduling": {"upgrade": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}},
         "volumes": [{"name": "pst", "persistent": {"type": "root", "size": 10}}],
         "containers": [
           {"name": "container1", "resources": {"cpus": 0.1, "mem": 32},
            "exec": {"command": {"shell": "cd $MESOS_SANDBOX && echo 'hello' >> pst1/foo && sleep 3600"}},
            "volumeMounts": [{"name": "pst", "mountPath": "pst1"}]},
           {"name": "container2", "resources": {"cpus": 0.1, "mem": 32},
            "exec": {"command": {"shell":
              "cd $MESOS_SANDBOX && until [ -s pst2/foo ]; do sleep 0.1; done; cat pst2/foo >> pst2/read; sleep 3600"}},
            "volumeMounts": [{"name": "pst", "mountPath": "pst2"}]}]}""";
    assertEquals(201, stack.post("/v2/pods", pod).status());
    JsonNode instance = awaitStablePod("/seed-pod", "");
    String volume = instance.at("/localVolumes/0/persistenceId").asText();
    await("container2 read what container1 wrote", CLEAN_UP, () -> Optional.of(volumeFile(stack, volume, "read"))
        .filter(lines -> lines.equals(List.of("hello"))));

    stack.simulate("/sim/tasks/" + instance.at("/containers/0/containerId").asText() + "/fail");
    awaitStablePod("/seed-pod", ".2");
    await("the data kept across the kill", CLEAN_UP, () -> Optional.of(volumeFile(stack, volume, "foo"))
        .filter(lines -> lines.equals(List.of("hello", "hello"))));

    assertEquals(202, stack.delete("/v2/pods/seed-pod?force=true").status());
    awaitNoDeployments("/seed-pod");
    assertEquals(List.of(), reservationsOf(stack, "seed-pod"));
    assertFalse(volumeDirectoryExists(stack, volume));
    assertEquals(List.of(), volumesOf("/seed-pod"));
  }

  @Test
  void anOrphanIsCleanedAfterItsGracePeriodAndAnotherFrameworksReservationIsNot() throws Exception {
    String frameworkId = await("the framework id", CLEAN_UP, () -> Optional.of(
        stack.get("/v2/info").json().path("frameworkId").asText()).filter(id -> !id.isEmpty()));
    String agent = stack.masterState().get("slaves").get(0).get("id").asText();
    String orphan = "ghost#data#" + java.util.UUID.randomUUID();
    String ours = labels(frameworkId, "ghost.instance-0", "ghost.instance-0._app.1");
    String theirs = labels("another-framework", "ghost.instance-0", "ghost.instance-0._app.1");
    reserve(agent, ours, 0.1, 5, orphan);
    reserve(agent, theirs, 0.1, 0, null);

    JsonNode seen = await("the orphan listed", CLEAN_UP, () -> Optional.of(
        stack.get("/v2/volumes/" + encoded(orphan))).filter(r -> r.status() == 200).map(Stack.Response::json));
    assertEquals("orphaned", seen.get("status").asText(), seen.toString());
    assertTrue(seen.has("collectAt"), seen.toString());
    assertTrue(reservations(stack).stream().anyMatch(r -> orphan.equals(r.persistenceId())),
        "not destroyed before its grace period");

    await("the orphan destroyed and unreserved", CLEAN_UP, () -> reservations(stack).stream()
        .noneMatch(r -> frameworkId.equals(r.label("marathon_framework_id"))
            && "ghost.instance-0".equals(r.label("marathon_task_id"))) ? Optional.of(true) : Optional.empty());
    assertFalse(volumeDirectoryExists(stack, orphan));
    assertTrue(reservations(stack).stream().anyMatch(r -> "another-framework".equals(r.label("marathon_framework_id"))),
        "another framework's reservation is never touched");
  }

  @Test
  void aClaimWhoseOperationIsLostLeavesNothingAndTheInstanceRunsOnAFreshVolume() throws Exception {
    JsonNode slave = stack.masterState().get("slaves").get(1);
    stack.simulate("/sim/agents/" + slave.get("id").asText() + "/drop-next-operation");
    String pinned = app("/dropped", "echo hello >> data/foo && sleep 3600", 1)
        .replace("\"instances\": 1", "\"instances\": 1, \"constraints\": [[\"hostname\", \"CLUSTER\", \""
            + slave.get("hostname").asText() + "\"]]");
    assertEquals(201, stack.post("/v2/apps", pinned).status(), pinned);
    JsonNode task = awaitRunning(stack, "/dropped", 1).get(0);
    await("the lost claim's garbage expunged", CLEAN_UP, () -> stack.reservationService.log().lines()
        .filter(l -> l.contains("expunged garbage") && l.contains("dropped.instance-")).findFirst());
    await("one volume and one reservation of the instance", CLEAN_UP, () -> {
      List<Moorings.Reserved> held = reservationsOf(stack, "dropped");
      return held.stream().filter(r -> r.persistenceId() != null).count() == 1
          && held.stream().allMatch(r -> instanceId(task).equals(r.label("marathon_task_id")))
          ? Optional.of(true) : Optional.empty();
    });
    assertEquals(List.of("hello"), volumeFile(stack, persistenceId(task), "foo"));
  }

  @Test
  void anUnreachableAgentsVolumeIsUntouchedUntilItReturnsThenCleaned() throws Exception {
    assertEquals(201, stack.post("/v2/apps", app("/away", "sleep 3600", 1)).status());
    JsonNode task = awaitRunning(stack, "/away", 1).get(0);
    String agent = task.get("slaveId").asText();
    String volume = persistenceId(task);
    stack.simulate("/sim/agents/" + agent + "/unreachable");
    await("the task unreachable", CLEAN_UP, () -> tasks(stack, "/away").stream()
        .filter(t -> "TASK_UNREACHABLE".equals(t.get("state").asText())).findFirst());

    assertEquals(200, stack.delete("/v2/apps/away").status());
    Thread.sleep(4_000);
    assertTrue(reservations(stack).stream().anyMatch(r -> volume.equals(r.persistenceId())),
        "nothing is destroyed while the agent is away");
    assertTrue(volumeDirectoryExists(stack, volume));

    stack.simulate("/sim/agents/" + agent + "/reconnect");
    awaitNoDeployments("/away");
    assertEquals(List.of(), reservationsOf(stack, "away"));
    assertFalse(volumeDirectoryExists(stack, volume));
  }

  @Test
  void aTaskComesBackOnItsDataAfterItsAgentRebootsUnderANewId() throws Exception {
    assertEquals(201, stack.post("/v2/apps", app("/rebooted", "echo hello >> data/foo && sleep 3600", 1)).status());
    JsonNode task = awaitRunning(stack, "/rebooted", 1).get(0);
    String volume = persistenceId(task);
    await("a line in the volume", CLEAN_UP, () -> Optional.of(volumeFile(stack, volume, "foo"))
        .filter(lines -> lines.size() == 1));

    String newAgent = stack.simulate("/sim/agents/" + task.get("slaveId").asText() + "/restart", "{\"new_id\": true}")
        .get("agent_id").asText();
    assertNotEquals(task.get("slaveId").asText(), newAgent);
    JsonNode back = await("the task back on the rebooted agent", Duration.ofSeconds(90), () ->
        awaitRunning(stack, "/rebooted", 1).stream().filter(t -> newAgent.equals(t.get("slaveId").asText()))
            .findFirst());
    assertEquals(volume, persistenceId(back), "the same volume");
    assertEquals(instanceId(task), instanceId(back), "the same instance");
    await("the same data, one more line", CLEAN_UP, () -> Optional.of(volumeFile(stack, volume, "foo"))
        .filter(lines -> lines.equals(List.of("hello", "hello"))));
    assertEquals(1, reservationsOf(stack, "rebooted").stream().filter(r -> r.persistenceId() != null).count());
  }

  @Test
  void anAgentMarkedGoneTookItsDataAndTheInstanceStartsElsewhereOnANewVolume() throws Exception {
    assertEquals(201, stack.post("/v2/apps", app("/lost", "echo hello >> data/foo && sleep 3600", 1)).status());
    JsonNode task = awaitRunning(stack, "/lost", 1).get(0);
    String agent = task.get("slaveId").asText();
    String volume = persistenceId(task);

    stack.simulate("/sim/agents/" + agent + "/gone");
    JsonNode elsewhere = await("the instance on another agent", Duration.ofSeconds(90), () ->
        awaitRunning(stack, "/lost", 1).stream().filter(t -> !agent.equals(t.get("slaveId").asText())).findFirst());
    assertNotEquals(volume, persistenceId(elsewhere), "a new volume: the old one went with the agent");
    assertEquals(List.of("hello"), volumeFile(stack, persistenceId(elsewhere), "foo"));
    await("the old volume forgotten", CLEAN_UP, () ->
        stack.get("/v2/volumes/" + encoded(volume)).status() == 404 ? Optional.of(true) : Optional.empty());
    assertEquals(1, reservationsOf(stack, "lost").stream().filter(r -> r.persistenceId() != null).count());
  }

  private static String instanceId(JsonNode task) {
    return task.get("id").asText().replaceAll("\\._app\\.\\d+$", "");
  }

  private static String encoded(String persistenceId) {
    return persistenceId.replace("#", "%23");
  }

  private static List<JsonNode> volumesOf(String runSpecId) throws Exception {
    Stack.Response response = stack.get("/v2/volumes?runSpecId=" + runSpecId);
    assertEquals(200, response.status(), response.body());
    List<JsonNode> volumes = new ArrayList<>();
    response.json().get("volumes").forEach(volumes::add);
    return volumes;
  }

  private static Set<String> statuses(String runSpecId) throws Exception {
    return volumesOf(runSpecId).stream().map(v -> v.get("status").asText()).collect(Collectors.toSet());
  }

  private static JsonNode awaitStablePod(String podId, String incarnation) throws Exception {
    return await("a stable pod instance", CLEAN_UP, () -> {
      JsonNode status = stack.get("/v2/pods" + podId + "::status").json();
      JsonNode instance = status.at("/instances/0");
      return status.path("instances").size() == 1 && "STABLE".equals(instance.path("status").asText())
          && instance.at("/containers/0/containerId").asText().endsWith(incarnation)
          ? Optional.of(instance) : Optional.empty();
    });
  }

  /** The run spec's deployments finished (a deletion: once everything of it is cleaned). */
  private static void awaitNoDeployments(String runSpecId) throws Exception {
    try {
      await("no running deployment of " + runSpecId, CLEAN_UP, () -> deploymentsOf(runSpecId).isEmpty()
          ? Optional.of(true) : Optional.empty());
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + deploymentsOf(runSpecId), e);
    }
  }

  private static List<JsonNode> deploymentsOf(String runSpecId) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode deployment : stack.get("/v2/deployments").json()) {
      if (deployment.toString().contains("\"" + runSpecId + "\"")) found.add(deployment);
    }
    return found;
  }

  private static String labels(String frameworkId, String instanceId, String claimId) {
    return """
        {"type": "DYNAMIC", "role": "mooring", "principal": "mooring", "labels": {"labels": [
          {"key": "marathon_framework_id", "value": "%s"}, {"key": "marathon_task_id", "value": "%s"},
          {"key": "mooring_claim_id", "value": "%s"}]}}""".formatted(frameworkId, instanceId, claimId);
  }

  /** As an operator would: RESERVE_RESOURCES of cpus (and a disk), then CREATE_VOLUMES on the disk. */
  private static void reserve(String agent, String reservation, double cpus, int disk, String persistenceId)
      throws Exception {
    String resources = """
        {"type": "SCALAR", "name": "cpus", "scalar": {"value": %s}, "reservations": [%s]}"""
        .formatted(cpus, reservation);
    String reservedDisk = """
        {"type": "SCALAR", "name": "disk", "scalar": {"value": %d}, "reservations": [%s]}"""
        .formatted(disk, reservation);
    if (disk > 0) resources += "," + reservedDisk;
    Stack.Response reserved = stack.operator("""
        {"type": "RESERVE_RESOURCES", "reserve_resources": {"agent_id": {"value": "%s"}, "resources": [%s]}}"""
        .formatted(agent, resources));
    assertEquals(202, reserved.status(), reserved.body());
    if (persistenceId == null) return;
    String volume = reservedDisk.substring(0, reservedDisk.lastIndexOf('}')) + """
        , "disk": {"persistence": {"id": "%s", "principal": "mooring"},
                   "volume": {"container_path": "data", "mode": "RW"}}}""".formatted(persistenceId);
    Stack.Response created = stack.operator("""
        {"type": "CREATE_VOLUMES", "create_volumes": {"agent_id": {"value": "%s"}, "volumes": [%s]}}"""
        .formatted(agent, volume));
    assertEquals(202, created.status(), created.body());
  }
}
