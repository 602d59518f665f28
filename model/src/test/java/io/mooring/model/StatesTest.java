package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole truth table of the state predicates: a new state must be placed here on purpose. */
class StatesTest {
  @ParameterizedTest(name = "{0}: active {1}, idle {2}, may run {3}, queued {4}")
  @CsvSource({
      "INSTANCE_STATE_UNSPECIFIED, false, false, false, false",
      "SCHEDULED,                  false, true,  false, true",
      "RESERVING,                  true,  false, true,  true",
      "STAGING,                    true,  false, true,  false",
      "RUNNING_STATE,              true,  false, true,  false",
      "SUSPENDED,                  false, true,  false, true",
      "UNREACHABLE,                false, false, true,  false",
      "GONE,                       false, true,  false, false"})
  void instanceStates(InstanceState state, boolean active, boolean idle, boolean mayRun, boolean queued) {
    assertEquals(active, InstanceStates.isActive(state));
    assertEquals(idle, InstanceStates.isIdle(state));
    assertEquals(mayRun, InstanceStates.mayRun(state));
    Instance running = Instance.newBuilder().setGoal(Goal.RUNNING).setState(state).build();
    assertEquals(queued, InstanceStates.isQueued(running));
    for (Goal goal : List.of(Goal.STOPPED, Goal.DECOMMISSIONED)) {
      assertFalse(InstanceStates.isQueued(running.toBuilder().setGoal(goal).build()), "only what wants to run waits");
    }
  }

  @ParameterizedTest(name = "{0}: active {1}, terminal {2}, failure {3}")
  @CsvSource({
      "TASK_STAGING,          true,  false, false",
      "TASK_STARTING,         true,  false, false",
      "TASK_RUNNING,          true,  false, false",
      "TASK_KILLING,          true,  false, false",
      "TASK_FINISHED,         false, true,  false",
      "TASK_FAILED,           false, true,  true",
      "TASK_KILLED,           false, true,  false",
      "TASK_ERROR,            false, true,  true",
      "TASK_DROPPED,          false, true,  true",
      "TASK_GONE,             false, true,  true",
      "TASK_GONE_BY_OPERATOR, false, true,  true",
      "TASK_LOST,             false, false, true",
      "TASK_UNREACHABLE,      false, false, false",
      "TASK_UNKNOWN,          false, false, true",
      "'',                    false, false, false"})
  void taskStates(String mesosState, boolean active, boolean terminal, boolean failure) {
    assertEquals(active, TaskStates.isActive(mesosState));
    assertEquals(terminal, TaskStates.isTerminal(mesosState));
    assertEquals(failure, TaskStates.isFailure(mesosState));
  }

  @Test
  void theTableHasEveryInstanceState() {
    // protobuf adds UNRECOGNIZED to every enum; the other eight are in the table above.
    assertEquals(8, EnumSet.complementOf(EnumSet.of(InstanceState.UNRECOGNIZED)).size());
  }
}
