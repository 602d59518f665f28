package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.Instances;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.TaskFailure;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Each embed adds its keys and no others; the spec's own keys are always there. */
  static Stream<Arguments> embeds() {
    return Stream.of(
        Arguments.of(Set.of(), Set.of()),
        Arguments.of(Set.of(AppEmbed.COUNTS), Set.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy")),
        Arguments.of(Set.of(AppEmbed.DEPLOYMENTS), Set.of("deployments")),
        Arguments.of(Set.of(AppEmbed.READINESS), Set.of("readinessCheckResults")),
        Arguments.of(Set.of(AppEmbed.TASKS), Set.of("tasks")),
        Arguments.of(Set.of(AppEmbed.LAST_TASK_FAILURE), Set.of("lastTaskFailure")),
        Arguments.of(Set.of(AppEmbed.TASK_STATS), Set.of("tasksStats")),
        Arguments.of(AppEmbed.LIST, Set.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy",
            "deployments")),
        Arguments.of(AppEmbed.SINGLE, Set.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy",
            "deployments", "tasks", "lastTaskFailure")));
  }

  @ParameterizedTest
  @MethodSource("embeds")
  void embedsDecideTheKeys(Set<AppEmbed> embeds, Set<String> added) {
    Set<String> spec = names(MarathonJson.print(APP));
    Set<String> expected = new HashSet<>(spec);
    expected.addAll(added);
    assertEquals(expected, names(AppViews.view(APP, List.of("d1"), withFailures(), embeds)));
  }

  @Test
  void theDefaultViewsAreTheirEmbeds() {
    assertEquals(AppViews.view(APP, List.of("d1"), INSTANCES, AppEmbed.LIST),
        AppViews.withStatus(APP, List.of("d1"), INSTANCES));
    assertEquals(AppViews.view(APP, List.of("d1"), INSTANCES, EnumSet.of(AppEmbed.TASKS, AppEmbed.DEPLOYMENTS,
        AppEmbed.COUNTS)), AppViews.detailed(APP, List.of("d1"), INSTANCES));
  }

  /** The newest failure any instance keeps, as Marathon shows it; slaveId only when known. */
  @Test
  void theLastTaskFailureIsTheNewestOfTheInstances() {
    assertEquals(parse("""
        {"appId":"/db","host":"h2","message":"exit 2","state":"TASK_ERROR","taskId":"db.instance-2._app.1",
         "timestamp":"2026-01-03T00:00:00.000Z","version":"2026-01-01T00:00:00.000Z","slaveId":"agent-h2"}"""),
        AppViews.lastTaskFailure(withFailures()).orElseThrow());
    Instance withoutAgent = placed("/db", "4", "h1", "TASK_FAILED")
        .setLastFailure(failure("4", "h1", "", "2026-01-05T00:00:00.000Z")).build();
    assertFalse(AppViews.lastTaskFailure(List.of(withoutAgent)).orElseThrow().has("slaveId"));
    assertEquals(Optional.empty(), AppViews.lastTaskFailure(INSTANCES));
  }

  private static List<Instance> withFailures() {
    return List.of(
        placed("/db", "1", "h1", "TASK_RUNNING").setLastFailure(
            failure("1", "h1", "agent-h1", "2026-01-02T00:00:00.000Z")).build(),
        placed("/db", "2", "h2", "TASK_RUNNING").setLastFailure(
            failure("2", "h2", "agent-h2", "2026-01-03T00:00:00.000Z").toBuilder().setState("TASK_ERROR")
                .setMessage("exit 2")).build(),
        placed("/db", "3", "h1", "TASK_RUNNING").build());
  }

  private static TaskFailure failure(String uuid, String host, String agentId, String timestamp) {
    return TaskFailure.newBuilder().setTaskId(Instances.taskId("/db", uuid)).setState("TASK_FAILED")
        .setMessage("exit 1").setHost(host).setAgentId(agentId).setRunSpecVersion("2026-01-01T00:00:00.000Z")
        .setTimestamp(timestamp).build();
  }

  private static Set<String> names(ObjectNode json) {
    Set<String> names = new HashSet<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void instancesAreGroupedByRunSpec() {
    Instance other = placed("/other", "1", "h1", "TASK_RUNNING").build();
    var byRunSpec = AppViews.instancesByRunSpec(List.of(INSTANCES.get(0), other, INSTANCES.get(1)));
    assertEquals(List.of(INSTANCES.get(0), INSTANCES.get(1)), byRunSpec.get("/db"));
    assertEquals(List.of(other), byRunSpec.get("/other"));
  }
}
