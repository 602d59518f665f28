package io.mooring.reservation.core;

import io.mooring.proto.v1.Task;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Mesos task states grouped by what they mean for an instance. */
enum TaskCondition {
  STARTING, RUNNING, KILLING,
  /** Ended without failing: finished, or killed. */
  ENDED,
  FAILED,
  /** The agent is partitioned: wait forever. With PARTITION_AWARE, TASK_LOST should not come; it is read the same. */
  UNREACHABLE,
  /** The operator marked the agent gone: its reservation and volumes are lost. */
  GONE_BY_OPERATOR,
  /**
   * The master does not know the task (TASK_UNKNOWN, or TASK_GONE answering reconciliation). Not an ending: a claim's ACCEPT
   * may still be on its way, so what it means depends on the instance's state.
   */
  UNKNOWN;

  private static final Map<String, TaskCondition> BY_STATE = Map.ofEntries(
      Map.entry("TASK_STAGING", STARTING), Map.entry("TASK_STARTING", STARTING),
      Map.entry("TASK_RUNNING", RUNNING), Map.entry("TASK_KILLING", KILLING),
      Map.entry("TASK_FINISHED", ENDED), Map.entry("TASK_KILLED", ENDED),
      Map.entry("TASK_FAILED", FAILED), Map.entry("TASK_ERROR", FAILED), Map.entry("TASK_DROPPED", FAILED),
      Map.entry("TASK_GONE", FAILED), Map.entry("TASK_UNKNOWN", UNKNOWN),
      Map.entry("TASK_UNREACHABLE", UNREACHABLE), Map.entry("TASK_LOST", UNREACHABLE),
      Map.entry("TASK_GONE_BY_OPERATOR", GONE_BY_OPERATOR));

  static Optional<TaskCondition> of(String mesosState) {
    return Optional.ofNullable(BY_STATE.get(mesosState));
  }

  /**
   * A status with its reason: to explicit reconciliation, the master answers TASK_GONE for a task it does not know on
   * a registered agent (TASK_UNKNOWN when it does not know the agent either). Both say only that it does not know it.
   */
  static Optional<TaskCondition> of(String mesosState, String reason) {
    if (mesosState.equals("TASK_GONE") && reason.equals("REASON_RECONCILIATION")) {
      return Optional.of(UNKNOWN);
    }
    return of(mesosState);
  }

  /** A task not yet reported (just claimed) counts as starting. */
  static TaskCondition of(Task task) {
    return task.getMesosState().isEmpty() ? STARTING : of(task.getMesosState()).orElse(STARTING);
  }

  boolean isActive() {
    return this == STARTING || this == RUNNING || this == KILLING;
  }

  boolean isTerminal() {
    return this == ENDED || this == FAILED || this == GONE_BY_OPERATOR;
  }

  /**
   * The condition of an instance from its tasks (pods have several; apps one): any task still starting makes it
   * starting, then running or killing, then unreachable; only when all are terminal is it terminal, and then the
   * gravest ending decides.
   */
  static TaskCondition ofInstance(Collection<Task> tasks) {
    TaskCondition result = null;
    for (TaskCondition candidate : new TaskCondition[] {STARTING, KILLING, RUNNING, UNREACHABLE, UNKNOWN,
        GONE_BY_OPERATOR, FAILED, ENDED}) {
      if (result == null && tasks.stream().anyMatch(t -> of(t) == candidate)) {
        result = candidate;
      }
    }
    return result == null ? ENDED : result;
  }
}
