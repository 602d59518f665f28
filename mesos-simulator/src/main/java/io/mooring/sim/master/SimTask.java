package io.mooring.sim.master;

import io.mooring.sim.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The master's record of a task: its latest state (which may run ahead of what the scheduler has seen) and the state
 * of the last update forwarded to the scheduler, as Mesos keeps both.
 */
final class SimTask {
  final TaskInfo info;
  final FrameworkID frameworkId;
  final String executorId;
  final Resources resources; // allocated form, as launched
  final boolean taskGroup;
  /** Kept with the task, as agents keep it, so a master that failed over can recover the framework from its agents. */
  final org.apache.mesos.v1.Protos.FrameworkInfo frameworkInfo;
  TaskState state = TaskState.TASK_STAGING;
  TaskState statusUpdateState;
  final List<TaskStatus> statuses = new ArrayList<>();
  double unreachableTime;
  /** True while the task's resources count as used on its agent (latest state neither terminal nor unreachable). */
  boolean holdsResources = true;

  SimTask(TaskInfo info, org.apache.mesos.v1.Protos.FrameworkInfo frameworkInfo, String executorId,
      Resources resources, boolean group) {
    this.info = info;
    this.frameworkInfo = frameworkInfo;
    this.frameworkId = frameworkInfo.getId();
    this.executorId = executorId;
    this.resources = resources;
    this.taskGroup = group;
  }

  String id() {
    return info.getTaskId().getValue();
  }

  String agentId() {
    return info.getAgentId().getValue();
  }

  /**
   * Appends a status the way the master does (master.cpp updateTask): one that repeats the previous status's state
   * replaces it, so health updates do not pile up.
   */
  void addStatus(TaskStatus status) {
    if (!statuses.isEmpty() && statuses.get(statuses.size() - 1).getState() == status.getState()) {
      statuses.remove(statuses.size() - 1);
    }
    statuses.add(status);
  }

  /** The latest status's {@code healthy}, or null (protobuf::getTaskHealth), for reconciliation. */
  Boolean healthy() {
    if (statuses.isEmpty()) return null;
    TaskStatus last = statuses.get(statuses.size() - 1);
    return last.hasHealthy() ? last.getHealthy() : null;
  }

  /** The state reconciliation reports: the last one the scheduler was sent, else the latest. */
  TaskState reportedState() {
    return statusUpdateState != null ? statusUpdateState : state;
  }

  Task toProto() {
    Task.Builder t = Task.newBuilder()
        .setName(info.getName()).setTaskId(info.getTaskId()).setFrameworkId(frameworkId).setAgentId(info.getAgentId())
        .setState(state).addAllResources(resources.toList()).addAllStatuses(statuses);
    if (info.hasExecutor()) t.setExecutorId(info.getExecutor().getExecutorId());
    if (statusUpdateState != null) t.setStatusUpdateState(statusUpdateState);
    if (info.hasLabels()) t.setLabels(info.getLabels());
    if (info.hasDiscovery()) t.setDiscovery(info.getDiscovery());
    if (info.hasContainer()) t.setContainer(info.getContainer());
    if (info.hasKillPolicy()) t.setKillPolicy(info.getKillPolicy());
    if (info.hasHealthCheck()) t.setHealthCheck(info.getHealthCheck());
    return t.build();
  }

  static boolean isTerminal(TaskState s) {
    return switch (s) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }
}
