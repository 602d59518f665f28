package io.mooring.reservation.core;

import io.mooring.model.InstanceIds;
import io.mooring.model.TaskIds;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.proto.v1.UnknownTaskStatus;
import java.util.Optional;

/**
 * Which statuses of tasks of no instance are recorded for Marathon's {@code unknown_instance_terminated_event}: as in
 * Marathon's status processor, every state but the active ones (staging, starting, running, killing), so also
 * unreachable, lost and unknown to the master; and only for a task id that names an instance, whose run spec it
 * names in turn. An active one is killed instead, and announced by nothing.
 */
public final class UnknownTasks {
  private UnknownTasks() {}

  /** The record of a status whose task belongs to no known instance (the caller knows that), if it is one. */
  public static Optional<UnknownTaskStatus> terminated(TaskStatusReport report) {
    if (TaskCondition.of(report.getState()).filter(condition -> !condition.isActive()).isEmpty()) {
      return Optional.empty();
    }
    return TaskIds.instanceIdOf(report.getTaskId()).flatMap(instanceId -> InstanceIds.runSpecIdOfInstance(instanceId)
        .map(runSpecId -> UnknownTaskStatus.newBuilder().setTaskId(report.getTaskId()).setInstanceId(instanceId)
            .setRunSpecId(runSpecId).setState(report.getState()).setAgentId(report.getAgentId()).build()));
  }
}
