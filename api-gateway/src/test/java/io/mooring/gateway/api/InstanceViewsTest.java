package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.podPlaced;
import static io.mooring.gateway.Instances.podScheduled;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.gateway.Instances;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceViewsTest {
  private static final TextNode DISABLED = TextNode.valueOf("disabled");

  /** A pod instance on h1 with the containers a and b in the given Mesos states. */
  private static Instance pod(InstanceState state, String stateOfA, String stateOfB) {
    Instance.Builder instance = podPlaced("/pg", "1", "h1", stateOfA, "a", "b").setState(state);
    instance.getTasksBuilder(1).setMesosState(stateOfB);
    return instance.build();
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        Arguments.of("scheduled", podScheduled("/pg", "1").build(), "Scheduled"),
        Arguments.of("reserving", podScheduled("/pg", "1").setState(InstanceState.RESERVING).build(), "Provisioned"),
        Arguments.of("staging", pod(InstanceState.STAGING, "TASK_STAGING", "TASK_STAGING"), "Staging"),
        Arguments.of("staging, nothing reported yet", pod(InstanceState.STAGING, "", ""), "Staging"),
        Arguments.of("staging, one starting", pod(InstanceState.STAGING, "TASK_STAGING", "TASK_STARTING"),
            "Starting"),
        Arguments.of("staging, one running already", pod(InstanceState.STAGING, "TASK_RUNNING", "TASK_STAGING"),
            "Staging"),
        Arguments.of("running", pod(InstanceState.RUNNING_STATE, "TASK_RUNNING", "TASK_RUNNING"), "Running"),
        Arguments.of("running, one container done", pod(InstanceState.RUNNING_STATE, "TASK_RUNNING",
            "TASK_FINISHED"), "Running"),
        Arguments.of("running, one being killed", pod(InstanceState.RUNNING_STATE, "TASK_RUNNING", "TASK_KILLING"),
            "Killing"),
        Arguments.of("suspended: killed", pod(InstanceState.SUSPENDED, "TASK_KILLED", "TASK_KILLED"), "Killed"),
        Arguments.of("suspended: one failed", pod(InstanceState.SUSPENDED, "TASK_KILLED", "TASK_FAILED"), "Failed"),
        Arguments.of("suspended: finished", pod(InstanceState.SUSPENDED, "TASK_FINISHED", "TASK_KILLED"),
            "Finished"),
        Arguments.of("suspended: one not reported terminal yet", pod(InstanceState.SUSPENDED, "TASK_RUNNING",
            "TASK_KILLED"), "Killed"),
        Arguments.of("suspended: gone by operator", pod(InstanceState.SUSPENDED, "TASK_GONE_BY_OPERATOR",
            "TASK_KILLED"), "Gone"),
        Arguments.of("suspended, no task", podScheduled("/pg", "1").setState(InstanceState.SUSPENDED).build(),
            "Killed"),
        Arguments.of("unreachable", pod(InstanceState.UNREACHABLE, "TASK_UNREACHABLE", "TASK_RUNNING"),
            "Unreachable"),
        Arguments.of("gone", pod(InstanceState.GONE, "TASK_GONE", "TASK_GONE"), "Gone"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conditions")
  void condition(String name, Instance instance, String condition) {
    assertEquals(condition, InstanceViews.condition(instance));
  }

  @Test
  void aRunningInstanceIsActiveSinceItsFirstTaskStarted() {
    Instance.Builder instance = podPlaced("/pg", "1", "h1", "TASK_RUNNING", "a", "b");
    instance.getTasksBuilder(1).setStartedAt("2026-01-02T03:05:09.000Z");
    assertEquals(parse("""
        {"instanceId":"pg.instance-1",
         "state":{"condition":"Running","since":"%s","activeSince":"2026-01-02T03:05:09.000Z","goal":"Running"},
         "agentInfo":{"host":"h1","agentId":"agent-h1","attributes":[]},
         "runSpecVersion":"%s","unreachableStrategy":"disabled"}""".formatted(Instances.STAGED_AT,
        Instances.VERSION)), InstanceViews.instance(instance.build(), DISABLED));
  }

  @Test
  void anInstanceNotPlacedHasNoAgentAndOneThatIsOverIsActiveNoMore() {
    Instance scheduled = podScheduled("/pg", "1").setGoal(Goal.DECOMMISSIONED).build();
    assertEquals(parse("""
        {"instanceId":"pg.instance-1","state":{"condition":"Scheduled","since":"%s","goal":"Decommissioned"},
         "runSpecVersion":"%s","unreachableStrategy":{"inactiveAfterSeconds":0}}""".formatted(Instances.STAGED_AT,
        Instances.VERSION)), InstanceViews.instance(scheduled, parse("{\"inactiveAfterSeconds\":0}")));

    Instance stopped = pod(InstanceState.SUSPENDED, "TASK_KILLED", "TASK_KILLED").toBuilder().setGoal(Goal.STOPPED)
        .build();
    assertEquals(parse("{\"condition\":\"Killed\",\"since\":\"%s\",\"goal\":\"Stopped\"}"
        .formatted(Instances.STAGED_AT)), InstanceViews.instance(stopped, DISABLED).get("state"));
  }
}
