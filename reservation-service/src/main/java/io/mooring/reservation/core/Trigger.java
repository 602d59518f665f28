package io.mooring.reservation.core;

/** An event as the transition table sees it: task and operation statuses are classified first. */
enum Trigger {
  CLAIM,
  OPERATION_FINISHED, OPERATION_FAILED,
  TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_ENDED, TASK_FAILED, TASK_UNREACHABLE, TASK_GONE_BY_OPERATOR,
  TASK_UNKNOWN,
  GOAL_CHANGE, KILL_REQUESTED, NEW_VERSION, NEW_VOLUMES, DELAY_RESET;

  static Trigger of(TaskCondition condition) {
    return switch (condition) {
      case STARTING -> TASK_STARTING;
      case RUNNING -> TASK_RUNNING;
      case KILLING -> TASK_KILLING;
      case ENDED -> TASK_ENDED;
      case FAILED -> TASK_FAILED;
      case UNREACHABLE -> TASK_UNREACHABLE;
      case GONE_BY_OPERATOR -> TASK_GONE_BY_OPERATOR;
      case UNKNOWN -> TASK_UNKNOWN;
    };
  }
}
