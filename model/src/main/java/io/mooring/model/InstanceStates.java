package io.mooring.model;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.util.EnumSet;
import java.util.Set;

/** What an instance's state says about its task: the state machine, the planner, the collector and the reconciler. */
public final class InstanceStates {
  /** A task is launching or running: it can be killed, and it occupies one of the run spec's slots. */
  private static final Set<InstanceState> ACTIVE =
      EnumSet.of(InstanceState.RESERVING, InstanceState.STAGING, InstanceState.RUNNING_STATE);
  /** No task can be running: a new version may be given at once. */
  private static final Set<InstanceState> IDLE =
      EnumSet.of(InstanceState.SCHEDULED, InstanceState.SUSPENDED, InstanceState.GONE);

  /** Waiting for an offer (SCHEDULED, SUSPENDED), or for Mesos to confirm the launch on one (RESERVING). */
  private static final Set<InstanceState> QUEUED =
      EnumSet.of(InstanceState.SCHEDULED, InstanceState.RESERVING, InstanceState.SUSPENDED);

  private InstanceStates() {}

  /**
   * In Marathon's launch queue (GET /v2/queue, DELETE /v2/queue/{id}/delay): the instance wants to run and no task
   * of it is known to be launching or running.
   */
  public static boolean isQueued(Instance instance) {
    return instance.getGoal() == Goal.RUNNING && QUEUED.contains(instance.getState());
  }

  public static boolean isActive(InstanceState state) {
    return ACTIVE.contains(state);
  }

  public static boolean isActive(Instance instance) {
    return isActive(instance.getState());
  }

  public static boolean isIdle(InstanceState state) {
    return IDLE.contains(state);
  }

  public static boolean isIdle(Instance instance) {
    return isIdle(instance.getState());
  }

  /**
   * A task may run: active, or unreachable (it may still run out of sight). A claim counts too, since its ACCEPT may
   * still launch the task. Nothing an instance holds may be collected while this is true, and Mesos is asked about it.
   */
  public static boolean mayRun(InstanceState state) {
    return isActive(state) || state == InstanceState.UNREACHABLE;
  }

  public static boolean mayRun(Instance instance) {
    return mayRun(instance.getState());
  }
}
