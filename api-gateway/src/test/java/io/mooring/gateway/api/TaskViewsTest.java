package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TaskViewsTest {
  private static final String VOLUMES = """
      "localVolumes":[{"runSpecId":"/db","containerPath":"data","uuid":"%1$s","persistenceId":"db#data#%1$s"}],
      "role":"mooring\"""";

  /** An active task: with stagedAt, version, ports and address; startedAt once Mesos has said so. */
  private static String active(String uuid, String state, String startedAt) {
    return """
        {"appId":"/db","id":"db.instance-%1$s._app.1","host":"h1","slaveId":"agent-h1","state":"%2$s",
         "stagedAt":"2026-01-02T03:05:00.000Z",%3$s"version":"2026-01-02T03:04:05.678Z","ports":[31000],
         "healthCheckResults":[],"servicePorts":[],"ipAddresses":[{"ipAddress":"h1","protocol":"IPv4"}],%4$s}"""
        .formatted(uuid, state, startedAt == null ? "" : "\"startedAt\":\"" + startedAt + "\",",
            VOLUMES.formatted(uuid));
  }

  /** A task that is over: its state, where it was, its volumes, and nothing of when or which version. */
  private static String inactive(String uuid, String state) {
    return """
        {"appId":"/db","id":"db.instance-%1$s._app.1","host":"h1","slaveId":"agent-h1","state":"%2$s",
         "healthCheckResults":[],"servicePorts":[],"ipAddresses":[],%3$s}""".formatted(uuid, state, VOLUMES.formatted(uuid));
  }

  static Stream<Arguments> instances() {
    return Stream.of(
        Arguments.of("running", placed("/db", "a", "h1", "TASK_RUNNING").build(),
            "[" + active("a", "TASK_RUNNING", "2026-01-02T03:05:10.000Z") + "]"),
        Arguments.of("staging, not started", placed("/db", "a", "h1", "TASK_STAGING").build(),
            "[" + active("a", "TASK_STAGING", null) + "]"),
        Arguments.of("no state reported yet: staging", placed("/db", "a", "h1", "").build(),
            "[" + active("a", "TASK_STAGING", null) + "]"),
        Arguments.of("starting", placed("/db", "a", "h1", "TASK_STARTING").build(),
            "[" + active("a", "TASK_STARTING", null) + "]"),
        Arguments.of("killing", placed("/db", "a", "h1", "TASK_KILLING").build(),
            "[" + active("a", "TASK_KILLING", null) + "]"),
        Arguments.of("unreachable: still active", placed("/db", "a", "h1", "TASK_UNREACHABLE").build(),
            "[" + active("a", "TASK_UNREACHABLE", null) + "]"),
        Arguments.of("killed (suspended)", placed("/db", "a", "h1", "TASK_KILLED").build(),
            "[" + inactive("a", "TASK_KILLED") + "]"),
        Arguments.of("failed", placed("/db", "a", "h1", "TASK_FAILED").build(),
            "[" + inactive("a", "TASK_FAILED") + "]"),
        Arguments.of("gone", placed("/db", "a", "h1", "TASK_GONE_BY_OPERATOR").build(),
            "[" + inactive("a", "TASK_GONE_BY_OPERATOR") + "]"),
        Arguments.of("task without a version: the instance's", withTask(placed("/db", "a", "h1", "TASK_STAGING"),
            task -> task.clearRunSpecVersion()), "[" + active("a", "TASK_STAGING", null) + "]"),
        Arguments.of("scheduled: no agent, no task", scheduled("/db", "a").build(), "[]"),
        Arguments.of("reserved, never launched: no task", placed("/db", "a", "h1", "TASK_RUNNING").clearTasks()
            .build(), "[]"),
        Arguments.of("a task but no agent", placed("/db", "a", "h1", "TASK_RUNNING").clearReservation().build(),
            "[]"),
        Arguments.of("wiped (decommissioned): gone, as in Marathon", placed("/db", "a", "h1", "TASK_KILLED")
            .setGoal(Goal.DECOMMISSIONED).build(), "[]"),
        Arguments.of("no volumes, another role", placed("/db", "a", "h1", "TASK_KILLED").clearVolumes()
            .setRole("other").build(), """
            [{"appId":"/db","id":"db.instance-a._app.1","host":"h1","slaveId":"agent-h1","state":"TASK_KILLED",
              "healthCheckResults":[],"servicePorts":[],"ipAddresses":[],"localVolumes":[],"role":"other"}]"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instances")
  void oneInstance(String name, Instance instance, String expected) {
    assertEquals(parse(expected), TaskViews.tasks(List.of(instance)));
  }

  @Test
  void aPodInstanceListsEachOfItsTasks() {
    Instance pod = placed("/db", "a", "h1", "TASK_RUNNING").setKind(RunSpecKind.POD)
        .addTasks(Task.newBuilder().setTaskId("db.instance-a.sidecar.1").setMesosState("TASK_FAILED")).build();
    var tasks = TaskViews.tasks(List.of(pod));
    assertEquals(2, tasks.size());
    assertEquals("TASK_RUNNING", tasks.get(0).get("state").asText());
    assertEquals(parse("""
        {"appId":"/db","id":"db.instance-a.sidecar.1","host":"h1","slaveId":"agent-h1","state":"TASK_FAILED",
         "healthCheckResults":[],"servicePorts":[],"ipAddresses":[],"localVolumes":[{"runSpecId":"/db","containerPath":"data",
         "uuid":"a","persistenceId":"db#data#a"}],"role":"mooring"}"""), tasks.get(1));
  }

  @ParameterizedTest
  @CsvSource({
      "'', TASK_KILLED, true",
      "running, TASK_RUNNING, true",
      "running, TASK_STAGING, false",
      "RUNNING, TASK_RUNNING, true",
      "staging, TASK_STAGING, true",
      "staging, TASK_STARTING, true",
      "staging, TASK_RUNNING, false",
      "running staging, TASK_STARTING, true",
      "running staging, TASK_KILLED, false",
      "killed, TASK_KILLED, true",
      "killed running, TASK_KILLED, false"})
  void statusFilter(String statuses, String state, boolean shown) {
    List<String> asked = statuses.isEmpty() ? List.of() : Arrays.asList(statuses.split(" "));
    assertEquals(shown, TaskViews.statusFilter(asked).test(state));
  }

  private static Instance withTask(Instance.Builder instance, Consumer<Task.Builder> change) {
    change.accept(instance.getTasksBuilder(0));
    return instance.build();
  }
}
