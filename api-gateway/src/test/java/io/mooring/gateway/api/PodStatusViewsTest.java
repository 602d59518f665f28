package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.podPlaced;
import static io.mooring.gateway.Instances.podScheduled;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.assertPreserved;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import io.mooring.gateway.Instances;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.ExecutorResources;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodScaling;
import io.mooring.proto.v1.Resources;
import io.mooring.proto.v1.Task;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodStatusViewsTest {
  private static final String NOW = "2026-01-02T04:00:00.000Z";
  /** Two instances wanted; on host networking db's endpoints both take a host port, the sidecar has none. */
  private static final Pod POD = Pod.newBuilder().setId("/pg").setVersion(Instances.VERSION)
      .setScaling(PodScaling.newBuilder().setInstances(2))
      .setExecutorResources(ExecutorResources.newBuilder().setCpus(0.25).setMem(32).setDisk(10))
      .addNetworks(Network.newBuilder().setMode("host"))
      .addContainers(PodContainer.newBuilder().setName("db")
          .setResources(Resources.newBuilder().setCpus(0.5).setMem(256).setDisk(0).setGpus(0))
          .addEndpoints(Endpoint.newBuilder().setName("pg").setHostPort(0))
          .addEndpoints(Endpoint.newBuilder().setName("admin")))
      .addContainers(PodContainer.newBuilder().setName("sidecar")
          .setResources(Resources.newBuilder().setCpus(0.25).setMem(64).setDisk(0).setGpus(0)))
      .build();

  /** A pod instance whose db task has host ports 31001 and 31005, its sidecar task none. */
  private static Instance.Builder placed(String uuid, String mesosState) {
    Instance.Builder instance = podPlaced("/pg", uuid, "h1", mesosState, "db", "sidecar");
    instance.getTasksBuilder(0).addHostPorts(31005);
    instance.getTasksBuilder(1).clearHostPorts();
    return instance;
  }

  @ParameterizedTest
  @CsvSource({
      "Scheduled, RUNNING, PENDING",
      "Provisioned, RUNNING, PENDING",
      "Scheduled, STOPPED, TERMINAL",
      "Provisioned, DECOMMISSIONED, TERMINAL",
      "Staging, RUNNING, STAGING",
      "Starting, STOPPED, STAGING",
      "Running, RUNNING, STABLE",
      "Running, STOPPED, STABLE",
      "Unreachable, RUNNING, DEGRADED",
      "Killing, RUNNING, TERMINAL",
      "Killed, RUNNING, PENDING",
      "Failed, RUNNING, PENDING",
      "Finished, RUNNING, PENDING",
      "Gone, RUNNING, PENDING",
      "Killed, STOPPED, TERMINAL",
      "Error, DECOMMISSIONED, TERMINAL",
      "Unknown, STOPPED, TERMINAL"})
  void instanceStatusByConditionAndGoal(String condition, Goal goal, String status) {
    assertEquals(status, PodStatusViews.status(condition, goal));
  }

  @Test
  void aRunningInstanceWithItsContainersEndpointsAndResources() {
    assertPreserved(parse("""
        {"id":"pg.instance-1","status":"STABLE","statusSince":"%1$s","conditions":[],
         "agentHostname":"h1","agentId":"agent-h1",
         "resources":{"cpus":1.0,"mem":352,"disk":10,"gpus":0},"networks":[],
         "containers":[
           {"name":"db","status":"TASK_RUNNING","statusSince":"%2$s","containerId":"pg.instance-1.db.1",
            "endpoints":[{"name":"pg","allocatedHostPort":31001},{"name":"admin","allocatedHostPort":31005}],
            "conditions":[],"resources":{"cpus":0.5,"mem":256.0,"disk":0.0,"gpus":0},
            "lastUpdated":"%2$s","lastChanged":"%2$s"},
           {"name":"sidecar","status":"TASK_RUNNING","statusSince":"%2$s","containerId":"pg.instance-1.sidecar.1",
            "endpoints":[],"conditions":[],"resources":{"cpus":0.25,"mem":64.0,"disk":0.0,"gpus":0},
            "lastUpdated":"%2$s","lastChanged":"%2$s"}],
         "specReference":"/v2/pods/pg::versions/%3$s",
         "localVolumes":[{"runSpecId":"/pg","containerPath":"pst","uuid":"1","persistenceId":"pg#pst#1"}],
         "lastUpdated":"%1$s","lastChanged":"%1$s","role":"mooring"}"""
        .formatted(Instances.STAGED_AT, Instances.STARTED_AT, Instances.VERSION)),
        PodStatusViews.instance(POD, placed("1", "TASK_RUNNING").build()));
  }

  @Test
  void containersThatAreOverHoldNothingAndShowNoEndpoints() {
    ObjectNode status = PodStatusViews.instance(POD, placed("1", "TASK_KILLED").setState(InstanceState.SUSPENDED)
        .setGoal(Goal.STOPPED).build());
    assertEquals("TERMINAL", status.get("status").asText());
    assertPreserved(parse("{\"cpus\":0.25,\"mem\":32,\"disk\":10,\"gpus\":0}"), status.get("resources"));
    assertEquals(parse("""
        {"name":"db","status":"TASK_KILLED","statusSince":"%1$s","containerId":"pg.instance-1.db.1","endpoints":[],
         "conditions":[],"lastUpdated":"%1$s","lastChanged":"%1$s"}""".formatted(Instances.STAGED_AT)),
        status.at("/containers/0"));
  }

  @Test
  void anInstanceWaitingForAnOfferIsPendingWithoutAgentOrContainers() {
    ObjectNode status = PodStatusViews.instance(POD, podScheduled("/pg", "w").build());
    assertContains(parse("{\"id\":\"pg.instance-w\",\"status\":\"PENDING\",\"containers\":[]}"), status);
    assertFalse(status.has("agentHostname"), status.toString());
    assertFalse(status.has("agentId"), status.toString());
  }

  @Test
  void anUnreachableInstanceIsDegradedAndSaysWhy() {
    ObjectNode status = PodStatusViews.instance(POD, placed("1", "TASK_UNREACHABLE")
        .setState(InstanceState.UNREACHABLE).build());
    assertContains(parse("{\"status\":\"DEGRADED\",\"message\":\"pod instance has become unreachable\"}"), status);
  }

  @Test
  void aTaskIdOfAnotherShapeIsItsOwnName() {
    Instance instance = placed("1", "TASK_RUNNING").setTasks(1, Task.newBuilder().setTaskId("stray")).build();
    assertEquals("stray", PodContainerViews.name(instance, instance.getTasks(1)));
    assertEquals("db", PodContainerViews.name(instance, instance.getTasks(0)));
  }

  @Test
  void thePodIsStableOnceEnoughInstancesAreAndChangedWithItsLatestInstance() {
    Instance running = placed("1", "TASK_RUNNING").setSince("2026-01-02T03:30:00Z").build();
    Instance staging = placed("2", "TASK_STAGING").setState(InstanceState.STAGING)
        .setSince("2026-01-02T03:40:00.5Z").build();
    ObjectNode degraded = PodStatusViews.pod(POD, List.of(running, staging), version -> POD, NOW);
    assertEquals(parse("""
        {"id":"/pg","spec":%s,"status":"DEGRADED","statusSince":"2026-01-02T03:40:00.5Z",
         "terminationHistory":[],"lastUpdated":"%s","lastChanged":"2026-01-02T03:40:00.5Z"}"""
        .formatted(MarathonJson.print(POD), NOW)), without(degraded, "instances"));
    assertEquals("STABLE", degraded.at("/instances/0/status").asText());
    assertEquals("STAGING", degraded.at("/instances/1/status").asText());

    Instance second = placed("2", "TASK_RUNNING").setSince("2026-01-02T03:20:00Z").build();
    ObjectNode stable = PodStatusViews.pod(POD, List.of(running, second), version -> POD, NOW);
    assertEquals("STABLE", stable.get("status").asText());
    assertEquals("2026-01-02T03:30:00Z", stable.get("statusSince").asText());
  }

  @Test
  void aPodWithoutInstancesChangedNowAndIsStableOnlyIfItWantsNone() {
    ObjectNode none = PodStatusViews.pod(POD, List.of(), version -> POD, NOW);
    assertContains(parse("{\"status\":\"DEGRADED\",\"statusSince\":\"%1$s\",\"instances\":[],\"lastChanged\":\"%1$s\"}"
        .formatted(NOW)), none);
    Pod scaledToZero = POD.toBuilder().setScaling(PodScaling.newBuilder().setInstances(0)).build();
    assertEquals("STABLE", PodStatusViews.pod(scaledToZero, List.of(), v -> scaledToZero, NOW).get("status").asText());
  }

  @Test
  void anInstanceIsShownAgainstTheVersionItRuns() {
    Pod old = POD.toBuilder().setVersion("2025-12-01T00:00:00.000Z").setContainers(0, POD.getContainers(0)
        .toBuilder().setResources(Resources.newBuilder().setCpus(2).setMem(1024))).build();
    Instance instance = placed("1", "TASK_RUNNING").setRunSpecVersion(old.getVersion()).build();
    ObjectNode status = PodStatusViews.pod(POD, List.of(instance),
        version -> version.equals(old.getVersion()) ? old : POD, NOW);
    assertContains(parse("""
        {"specReference":"/v2/pods/pg::versions/2025-12-01T00:00:00.000Z",
         "resources":{"cpus":2.5,"mem":1120,"disk":10,"gpus":0}}"""), status.at("/instances/0"));
  }

  /**
   * db's health check (a tcp one on its endpoint "pg", an exec one, or none) as the pod status shows it: db's
   * "healthy" condition ("value reason", or "-" for none), pg's endpoint "healthy" ("-": absent), the instance's
   * status and message. Health is what Mesos last said of db's task, "-" for nothing yet; the sidecar has no check.
   */
  @ParameterizedTest(name = "{0} check, {1}, healthy {3}")
  @CsvSource(delimiter = '|', value = {
      "tcp  | TASK_RUNNING     | RUNNING_STATE | true  | true health-reported-by-mesos    | true  | STABLE   | -",
      "tcp  | TASK_RUNNING     | RUNNING_STATE | false | false health-reported-by-mesos   | false | DEGRADED "
          + "| at least one container is not healthy",
      "tcp  | TASK_RUNNING     | RUNNING_STATE | -     | false health-unreported-by-mesos | -     | DEGRADED "
          + "| at least one container is not healthy",
      "exec | TASK_RUNNING     | RUNNING_STATE | false | false health-reported-by-mesos   | -     | DEGRADED "
          + "| at least one container is not healthy",
      "exec | TASK_RUNNING     | RUNNING_STATE | true  | true health-reported-by-mesos    | -     | STABLE   | -",
      "tcp  | TASK_STAGING     | STAGING       | -     | -                                | -     | STAGING  | -",
      "tcp  | TASK_KILLING     | RUNNING_STATE | true  | true health-reported-by-mesos    | true  | TERMINAL | -",
      "tcp  | TASK_UNREACHABLE | UNREACHABLE   | false | false health-reported-by-mesos   | false | DEGRADED "
          + "| pod instance has become unreachable",
      "tcp  | TASK_KILLED      | SUSPENDED     | true  | -                                | -     | PENDING  | -",
      "none | TASK_RUNNING     | RUNNING_STATE | false | -                                | -     | STABLE   | -"})
  void containerHealthAsMarathonShowsIt(String check, String mesosState, InstanceState state, String healthy,
      String condition, String endpointHealthy, String status, String message) throws Exception {
    Pod pod = withCheck(check);
    Instance.Builder instance = placed("1", mesosState).setState(state);
    if (!healthy.equals("-")) instance.getTasksBuilder(0).setHealthy(Boolean.parseBoolean(healthy));

    ObjectNode json = PodStatusViews.instance(pod, instance.build());

    JsonNode conditions = json.at("/containers/0/conditions");
    assertEquals(condition, conditions.isEmpty() ? "-" : conditions.get(0).get("value").asText() + " "
        + conditions.get(0).get("reason").asText());
    if (!conditions.isEmpty()) {
      assertEquals(parse("{\"name\":\"healthy\",\"lastChanged\":\"%1$s\",\"lastUpdated\":\"%1$s\"}"
          .formatted(json.at("/containers/0/statusSince").asText())),
          without(without((ObjectNode) conditions.get(0), "value"), "reason"), "since the container's status");
    }
    assertEquals(endpointHealthy, json.at("/containers/0/endpoints/0/healthy").asText("-"));
    assertFalse(json.at("/containers/0/endpoints/1").has("healthy"), "only the checked endpoint");
    assertEquals(0, json.at("/containers/1/conditions").size(), "the sidecar has no check");
    assertEquals(status, json.get("status").asText());
    assertEquals(message, json.path("message").asText("-"));
  }

  @Test
  void aPodWithAnUnhealthyInstanceIsDegraded() throws Exception {
    Pod pod = withCheck("exec");
    Instance healthy = placed("1", "TASK_RUNNING").setTasks(0, placed("1", "TASK_RUNNING").getTasks(0).toBuilder()
        .setHealthy(true)).build();
    Instance unhealthy = placed("2", "TASK_RUNNING").build();

    assertEquals("DEGRADED", PodStatusViews.pod(pod, List.of(healthy, unhealthy), v -> pod, NOW).get("status")
        .asText());
    Instance second = placed("2", "TASK_RUNNING").setTasks(0, placed("2", "TASK_RUNNING").getTasks(0).toBuilder()
        .setHealthy(true)).build();
    assertEquals("STABLE", PodStatusViews.pod(pod, List.of(healthy, second), v -> pod, NOW).get("status").asText());
  }

  /** POD with a health check on db: "tcp" on its endpoint pg, "exec", or "none". */
  private static Pod withCheck(String check) throws Exception {
    Pod.Builder pod = POD.toBuilder();
    String json = switch (check) {
      case "tcp" -> "{\"tcp\": {\"endpoint\": \"pg\"}}";
      case "exec" -> "{\"exec\": {\"command\": {\"shell\": \"pg_isready\"}}}";
      default -> null;
    };
    if (json != null) JsonFormat.parser().merge(json, pod.getContainersBuilder(0).getHealthCheckBuilder());
    return pod.build();
  }

  private static ObjectNode without(ObjectNode json, String field) {
    ObjectNode copy = json.deepCopy();
    copy.remove(field);
    return copy;
  }
}
