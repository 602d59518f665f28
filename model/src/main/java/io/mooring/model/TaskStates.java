package io.mooring.model;

import java.util.Set;

/**
 * Mesos task states by what they say about the task. TASK_UNREACHABLE, TASK_LOST (a partition, with PARTITION_AWARE)
 * and TASK_UNKNOWN are neither: the task may still run out of sight.
 */
public final class TaskStates {
  /** The task is launching, running or being killed: an active task that belongs to no instance is killed. */
  private static final Set<String> ACTIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING");
  /** The task has ended for good; the master soon forgets it. */
  private static final Set<String> TERMINAL = Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR",
      "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR");
  /**
   * What Marathon records as a task's failure (its TaskFailure.isFailureState): the terminal failures, and also
   * TASK_LOST and TASK_UNKNOWN, whatever the reason.
   */
  private static final Set<String> FAILURE = Set.of("TASK_FAILED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED",
      "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN");

  private TaskStates() {}

  public static boolean isActive(String mesosState) {
    return ACTIVE.contains(mesosState);
  }

  public static boolean isTerminal(String mesosState) {
    return TERMINAL.contains(mesosState);
  }

  public static boolean isFailure(String mesosState) {
    return FAILURE.contains(mesosState);
  }
}
