package io.mooring.reservation.engine;

import java.util.Set;

/** Mesos task states as reservation-service reads them. */
final class TaskStates {
  private static final Set<String> ACTIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING");

  private TaskStates() {}

  static boolean isActive(String state) {
    return ACTIVE.contains(state);
  }
}
