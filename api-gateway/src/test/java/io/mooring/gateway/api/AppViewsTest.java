package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppViewsTest {
  private static final App APP = App.newBuilder().setId("/db").setInstances(6).build();

  /** One instance per task state, and two that have no task to count. */
  private static final List<Instance> INSTANCES = List.of(
      placed("/db", "1", "h1", "TASK_RUNNING").build(),
      placed("/db", "2", "h2", "TASK_RUNNING").build(),
      placed("/db", "3", "h1", "TASK_STAGING").build(),
      placed("/db", "4", "h1", "TASK_STARTING").build(),
      placed("/db", "5", "h1", "").build(),
      placed("/db", "6", "h1", "TASK_KILLED").build(),
      placed("/db", "7", "h1", "TASK_UNREACHABLE").build(),
      scheduled("/db", "8").build(),
      placed("/db", "9", "h1", "TASK_RUNNING").clearReservation().build());

  @Test
  void countsRunningAndStagedTasksOfListedInstances() {
    ObjectNode json = AppViews.withStatus(APP, List.of("d1"), INSTANCES);
    assertContains(parse("""
        {"id":"/db","instances":6,"tasksStaged":3,"tasksRunning":2,"tasksHealthy":0,"tasksUnhealthy":0,
         "deployments":[{"id":"d1"}]}"""), json);
    assertFalse(json.has("tasks"));
  }

  /** As Marathon counts: by each active task's last health result; a task without one is neither. */
  @Test
  void countsHealthyAndUnhealthyTasksByTheirLastResult() {
    List<Instance> instances = List.of(
        withHealth(placed("/db", "1", "h1", "TASK_RUNNING"), true),
        withHealth(placed("/db", "2", "h1", "TASK_RUNNING"), false),
        withHealth(placed("/db", "3", "h1", "TASK_KILLED"), false),
        placed("/db", "4", "h1", "TASK_RUNNING").build());
    assertContains(parse("{\"tasksRunning\":3,\"tasksHealthy\":1,\"tasksUnhealthy\":1}"),
        AppViews.withStatus(APP, List.of(), instances));
  }

  private static Instance withHealth(Instance.Builder instance, boolean healthy) {
    instance.getTasksBuilder(0).setHealthy(healthy);
    return instance.build();
  }

  @Test
  void withoutInstancesEveryCountIsZero() {
    assertContains(parse("{\"tasksStaged\":0,\"tasksRunning\":0,\"tasksHealthy\":0,\"tasksUnhealthy\":0}"),
        AppViews.withStatus(APP, List.of(), List.of()));
  }

  @Test
  void theDetailedViewEmbedsTheListedTasks() {
    ObjectNode json = AppViews.detailed(APP, List.of(), INSTANCES);
    assertEquals(TaskViews.tasks(INSTANCES), json.get("tasks"));
    assertEquals(7, json.get("tasks").size());
    assertEquals(2, json.get("tasksRunning").asInt());
  }

  @Test
  void instancesAreGroupedByRunSpec() {
    Instance other = placed("/other", "1", "h1", "TASK_RUNNING").build();
    var byRunSpec = AppViews.instancesByRunSpec(List.of(INSTANCES.get(0), other, INSTANCES.get(1)));
    assertEquals(List.of(INSTANCES.get(0), INSTANCES.get(1)), byRunSpec.get("/db"));
    assertEquals(List.of(other), byRunSpec.get("/other"));
  }
}
