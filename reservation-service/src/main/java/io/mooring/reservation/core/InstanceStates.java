package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.util.EnumSet;
import java.util.Set;

/** Predicates over instance states shared by the state machine, the planner and the queues. */
final class InstanceStates {
  /** A task is launching or running: it can be killed, and it occupies one of the run spec's slots. */
  static final Set<InstanceState> ACTIVE =
      EnumSet.of(InstanceState.RESERVING, InstanceState.STAGING, InstanceState.RUNNING_STATE);
  /** No task can be running: a new version may be given at once. */
  static final Set<InstanceState> IDLE =
      EnumSet.of(InstanceState.SCHEDULED, InstanceState.SUSPENDED, InstanceState.GONE);

  private InstanceStates() {}

  static boolean isActive(Instance instance) {
    return ACTIVE.contains(instance.getState());
  }

  static boolean isIdle(Instance instance) {
    return IDLE.contains(instance.getState());
  }

  /** Active, or unreachable: a task may still run out of sight. */
  static boolean mayRun(Instance instance) {
    return isActive(instance) || instance.getState() == InstanceState.UNREACHABLE;
  }
}
