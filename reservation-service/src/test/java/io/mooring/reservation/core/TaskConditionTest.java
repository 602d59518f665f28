package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.model.TaskStates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskConditionTest {
  /** The state machine's finer reading of a Mesos state agrees with what every service takes it to mean. */
  @ParameterizedTest
  @ValueSource(strings = {"TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_FINISHED",
      "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_LOST",
      "TASK_UNREACHABLE", "TASK_UNKNOWN"})
  void agreesWithTheSharedTaskStates(String mesosState) {
    TaskCondition condition = TaskCondition.of(mesosState).orElseThrow();
    assertEquals(TaskStates.isActive(mesosState), condition.isActive());
    assertEquals(TaskStates.isTerminal(mesosState), condition.isTerminal());
  }
}
