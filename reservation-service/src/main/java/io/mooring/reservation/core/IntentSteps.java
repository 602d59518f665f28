package io.mooring.reservation.core;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.reservation.core.InstanceEvent.GoalChange;
import io.mooring.reservation.core.InstanceEvent.NewVersion;
import io.mooring.reservation.core.InstanceEvent.NewVolumes;

/**
 * The table's steps for what Mooring itself wants of an instance: its goal, a kill, its version, new volumes, a delay
 * reset.
 */
final class IntentSteps {
  private IntentSteps() {}

  /** Stopped and running swap freely; decommissioned is final, because its volumes are about to be destroyed. */
  static Outcome changeGoal(Instance instance, InstanceEvent event, Backoff backoff) {
    Goal goal = ((GoalChange) event).goal();
    if (goal == Goal.GOAL_UNSPECIFIED || goal == Goal.UNRECOGNIZED) {
      return Outcome.refused(instance, "no goal given");
    }
    if (instance.getGoal() == Goal.DECOMMISSIONED && goal != Goal.DECOMMISSIONED) {
      return Outcome.refused(instance, "a decommissioned instance cannot become " + goal);
    }
    return Outcome.to(instance.toBuilder().setGoal(goal).build());
  }

  /** Kill without wipe: the kill queue kills the current task, which is then relaunched on the same reservation. */
  static Outcome markKill(Instance instance, InstanceEvent event, Backoff backoff) {
    return instance.getTasksCount() == 0 ? Outcome.to(instance)
        : Outcome.to(instance.toBuilder().setKillTaskId(instance.getTasks(0).getTaskId()).build());
  }

  /** No task runs: the next launch takes the new version. A new configuration also forgets past failures. */
  static Outcome newVersion(Instance instance, InstanceEvent event, Backoff backoff) {
    NewVersion version = (NewVersion) event;
    Instance.Builder next = instance.toBuilder()
        .setRunSpecVersion(version.runSpecVersion()).setConfigVersion(version.configVersion());
    if (!version.configVersion().equals(instance.getConfigVersion())) {
      next.setFailures(0).setBackoffUntilMillis(0);
    }
    return Outcome.to(next.build());
  }

  /**
   * Legal in every state: failures and backoff are the run spec's launch history, not the task's lifecycle. A
   * running instance had none left to forget, and one that fails later starts its backoff over.
   */
  static Outcome resetDelay(Instance instance, InstanceEvent event, Backoff backoff) {
    return Outcome.to(instance.toBuilder().setFailures(0).setBackoffUntilMillis(0).build());
  }

  /**
   * A task may run: only a scale-only version bump is legal. A new configuration would claim the running task
   * runs it; the planner stops such instances first and gives them the new version once their task ended.
   */
  static Outcome newVersionOfSameConfig(Instance instance, InstanceEvent event, Backoff backoff) {
    NewVersion version = (NewVersion) event;
    if (!version.configVersion().equals(instance.getConfigVersion())) {
      return Outcome.refused(instance, "config version " + version.configVersion()
          + " cannot be given to an instance whose task may run " + instance.getConfigVersion());
    }
    return Outcome.to(instance.toBuilder().setRunSpecVersion(version.runSpecVersion()).build());
  }

  /** The agent is gone: start over anywhere, with fresh volumes, as the same instance (next incarnation). */
  static Outcome relocate(Instance instance, InstanceEvent event, Backoff backoff) {
    NewVolumes volumes = (NewVolumes) event;
    return Outcome.to(instance.toBuilder().setState(InstanceState.SCHEDULED).clearVolumes()
        .addAllVolumes(volumes.volumes()).clearTasks().clearReservation().clearKillTaskId().build());
  }

  /**
   * A scheduled instance without volumes (its claim was abandoned) gets fresh ones; the same volumes again (a retried
   * action) change nothing; other volumes are refused.
   */
  static Outcome repeatedVolumes(Instance instance, InstanceEvent event, Backoff backoff) {
    if (instance.getVolumesCount() == 0) {
      return relocate(instance, event, backoff);
    }
    return ((NewVolumes) event).volumes().equals(instance.getVolumesList()) ? Outcome.to(instance)
        : Outcome.refused(instance, "only an instance whose agent is gone or whose claim was abandoned gets new volumes");
  }
}
