package io.mooring.reservation.core;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.Optional;

/** Everything that can happen to an instance. Time comes in with the event, so the state machine needs no clock. */
public sealed interface InstanceEvent {
  long nowMillis();

  /** offer-service claims the instance for an offer, before it sends the ACCEPT. */
  record Claimed(long fence, String configVersion, Reservation reservation, List<Task> tasks, long nowMillis,
      long deadlineMillis) implements InstanceEvent {
    public Claimed {
      tasks = List.copyOf(tasks);
    }
  }

  /** A Mesos task status; {@code state} is a mesos.v1.TaskState name; {@code agentId} empty when Mesos gave none. */
  /**
   * {@code healthy}: what the task's health check last said, when the status carries it; {@code ready}: that its
   * readiness check passed (Mooring's prober reports both in the task's current state).
   */
  record TaskUpdate(String taskId, String state, String reason, String message, long nowMillis, String agentId,
      Optional<Boolean> healthy, Optional<Boolean> ready) implements InstanceEvent {
    public TaskUpdate(String taskId, String state, String reason, String message, long nowMillis, String agentId,
        Optional<Boolean> healthy) {
      this(taskId, state, reason, message, nowMillis, agentId, healthy, Optional.empty());
    }

    public TaskUpdate(String taskId, String state, String reason, String message, long nowMillis, String agentId) {
      this(taskId, state, reason, message, nowMillis, agentId, Optional.empty());
    }

    public TaskUpdate(String taskId, String state, String reason, String message, long nowMillis) {
      this(taskId, state, reason, message, nowMillis, "");
    }
  }

  /** A Mesos operation status; {@code state} is a mesos.v1.OperationState name. */
  record OperationUpdate(String operationId, String state, String message, long nowMillis) implements InstanceEvent {}

  record GoalChange(Goal goal, long nowMillis) implements InstanceEvent {}

  /**
   * DELETE /v2/queue/{id}/delay: forget the failures and the backoff they set, as Marathon forgets a run spec's
   * launch delay.
   */
  record DelayReset(long nowMillis) implements InstanceEvent {}

  /** Kill without wipe: kill the current task, then relaunch on the same reservation. */
  record KillRequested(long nowMillis) implements InstanceEvent {}

  /** The planner's decision that the next launch uses this version. */
  record NewVersion(String runSpecVersion, String configVersion, long nowMillis) implements InstanceEvent {}

  /**
   * The planner's fresh volumes for an instance whose agent an operator marked gone (state GONE): the old volumes
   * are lost with the agent, so the instance starts over anywhere. The planner makes them because only it has an
   * {@link IdSource}.
   */
  record NewVolumes(List<LocalVolume> volumes, long nowMillis) implements InstanceEvent {
    public NewVolumes {
      volumes = List.copyOf(volumes);
    }
  }
}
