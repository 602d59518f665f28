package io.mooring.reservation.core;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Task;
import io.mooring.reservation.core.InstanceEvent.TaskUpdate;

/** The table's steps for a status of one of the instance's current tasks. */
final class TaskSteps {
  private TaskSteps() {}

  static Outcome starting(Instance instance, InstanceEvent event, Backoff backoff) {
    return Outcome.to(instance.toBuilder().setState(InstanceState.STAGING).build());
  }

  /** Running proves the reservation and volumes exist, whatever the operation statuses say (or have not said yet). */
  static Outcome running(Instance instance, InstanceEvent event, Backoff backoff) {
    TaskUpdate update = (TaskUpdate) event;
    Instance.Builder next = instance.toBuilder().setState(InstanceState.RUNNING_STATE)
        .setFailures(0).setBackoffUntilMillis(0);
    next.getReservationBuilder().setConfirmed(true).clearOperationIds();
    for (Task.Builder task : next.getTasksBuilderList()) {
      if (task.getTaskId().equals(update.taskId()) && task.getStartedAt().isEmpty()) {
        task.setStartedAt(Timestamps.format(update.nowMillis()));
      }
    }
    return Outcome.to(next.build());
  }

  /** A task we thought ended or lost is alive after all (Marathon: "status update while reserved"). */
  static Outcome activeAgain(Instance instance, InstanceEvent event, Backoff backoff) {
    return Outcome.to(instance.toBuilder().setState(InstanceState.RUNNING_STATE).build());
  }

  static Outcome unreachable(Instance instance, InstanceEvent event, Backoff backoff) {
    return Outcome.to(instance.toBuilder().setState(InstanceState.UNREACHABLE).build());
  }

  /**
   * The task is over. On a confirmed reservation the instance waits there for its next launch (SUSPENDED); a first
   * launch that never confirmed gives up what it may have reserved and starts over anywhere (SCHEDULED).
   */
  static Outcome ended(Instance instance, InstanceEvent event, Backoff backoff) {
    Instance counted = countFailure(instance, (TaskUpdate) event, backoff);
    if (counted.getReservation().getConfirmed()) {
      return Outcome.to(counted.toBuilder().setState(InstanceState.SUSPENDED).clearKillTaskId().build());
    }
    return ReservationSteps.abandonClaim(counted);
  }

  /**
   * The master no longer knows a task it had reported: nothing runs. The instance waits for its next launch as after
   * an ending, without counting a failure, since the task did not fail (Mesos lost track of it).
   */
  static Outcome lost(Instance instance, InstanceEvent event, Backoff backoff) {
    if (instance.getReservation().getConfirmed()) {
      return Outcome.to(instance.toBuilder().setState(InstanceState.SUSPENDED).clearKillTaskId().build());
    }
    return ReservationSteps.abandonClaim(instance);
  }

  /** The operator marked the agent gone: the reservation and its volumes went with it, so there is nothing to clean. */
  static Outcome goneByOperator(Instance instance, InstanceEvent event, Backoff backoff) {
    return Outcome.to(instance.toBuilder().setState(InstanceState.GONE).clearReservation().clearKillTaskId().build());
  }

  /** An abandoned task (its agent was marked gone) reports itself alive: nobody wants it. */
  static Outcome killStray(Instance instance, InstanceEvent event, Backoff backoff) {
    TaskUpdate update = (TaskUpdate) event;
    String agentId = !update.agentId().isEmpty() ? update.agentId()
        : instance.hasReservation() ? instance.getReservation().getAgentId() : "";
    return Outcome.to(instance, new SideEffect.KillStray(update.taskId(), agentId));
  }

  /** Unless we stopped or killed it on purpose, an ending counts as a failure and delays the next launch. */
  private static Instance countFailure(Instance instance, TaskUpdate update, Backoff backoff) {
    boolean wanted = instance.getGoal() == Goal.RUNNING && instance.getKillTaskId().isEmpty();
    if (!wanted) {
      return instance;
    }
    int failures = instance.getFailures() + 1;
    return instance.toBuilder().setFailures(failures)
        .setBackoffUntilMillis(update.nowMillis() + backoff.delayMillis(failures)).build();
  }
}
