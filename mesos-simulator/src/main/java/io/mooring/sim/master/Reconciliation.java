package io.mooring.sim.master;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * RECONCILE and RECONCILE_OPERATIONS (master.cpp reconcile): implicit answers every known task with the state last
 * sent to the scheduler; explicit answers each task by what the master knows of it and of its agent — including no
 * answer at all while the agent has not re-registered after a master failover. No uuid: never acknowledged.
 */
final class Reconciliation {
  private final Cluster cluster;
  private final Updates updates;

  Reconciliation(Cluster cluster, Updates updates) {
    this.cluster = cluster;
    this.updates = updates;
  }

  void tasks(SimFramework framework, List<Call.Reconcile.Task> requested) {
    if (requested.isEmpty()) {
      framework.tasks.values().forEach(task -> framework.send(Events.update(latest(task))));
      return;
    }
    for (Call.Reconcile.Task r : requested) {
      TaskStatus status = explicit(framework, r.getTaskId(), r.hasAgentId() ? r.getAgentId().getValue() : null);
      if (status != null) framework.send(Events.update(status));
    }
  }

  private TaskStatus latest(SimTask task) {
    return updates.masterStatus(task.info.getTaskId(), task.agentId(), task.reportedState(),
        TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Latest task state")
        .setExecutorId(ExecutorID.newBuilder().setValue(task.executorId)).build();
  }

  /** The six cases of explicit reconciliation; null means no reply (the agent is still recovering). */
  private TaskStatus explicit(SimFramework framework, TaskID taskId, String agentId) {
    SimTask task = framework.tasks.get(taskId.getValue());
    if (task != null && (agentId == null || agentId.equals(task.agentId()))) return latest(task);
    SimTask unreachable = framework.unreachableTasks.get(taskId.getValue());
    boolean pa = framework.partitionAware();
    if (unreachable != null) {
      return status(taskId, unreachable.agentId(), pa ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
          "Reconciliation: Task is unreachable").setUnreachableTime(TimeInfo.newBuilder()
          .setNanoseconds((long) (unreachable.unreachableTime * 1e9))).build();
    }
    if (agentId == null) {
      if (cluster.agents.values().stream().anyMatch(a -> a.status == SimAgent.Status.RECOVERING)) return null;
      return status(taskId, null, pa ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST,
          "Reconciliation: Task is unknown").build();
    }
    SimAgent agent = cluster.agents.get(agentId);
    if (agent != null) {
      if (agent.status == SimAgent.Status.RECOVERING) return null;
      if (agent.status == SimAgent.Status.UNREACHABLE) {
        return status(taskId, agentId, pa ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
            "Reconciliation: Task is unreachable").setUnreachableTime(TimeInfo.newBuilder()
            .setNanoseconds((long) (agent.unreachableAtSeconds * 1e9))).build();
      }
      return status(taskId, agentId, pa ? TaskState.TASK_GONE : TaskState.TASK_LOST,
          "Reconciliation: Task is unknown to the agent").build();
    }
    if (cluster.goneAgents.containsKey(agentId)) {
      return status(taskId, agentId, pa ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST,
          "Reconciliation: Task is gone").build();
    }
    return status(taskId, agentId, pa ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST,
        "Reconciliation: Task is unknown").build();
  }

  private TaskStatus.Builder status(TaskID taskId, String agentId, TaskState state, String message) {
    return updates.masterStatus(taskId, agentId, state, TaskStatus.Reason.REASON_RECONCILIATION, message);
  }

  void operations(SimFramework framework, List<Call.ReconcileOperations.Operation> requested) {
    if (requested.isEmpty()) {
      for (SimAgent agent : cluster.agents.values()) {
        agent.operations.values().stream().filter(op -> op.frameworkId.equals(framework.idValue()))
            .forEach(op -> framework.send(Events.operationUpdate(op.latest)));
      }
      return;
    }
    for (Call.ReconcileOperations.Operation r : requested) {
      String key = SimOperation.key(framework.idValue(), r.getOperationId().getValue());
      String agentId = r.hasAgentId() ? r.getAgentId().getValue() : null;
      SimOperation known = cluster.agents.values().stream()
          .filter(a -> agentId == null || a.id.equals(agentId)).map(a -> a.operations.get(key))
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (known != null) {
        framework.send(Events.operationUpdate(known.latest));
        continue;
      }
      SimAgent agent = agentId == null ? null : cluster.agents.get(agentId);
      OperationState state = OperationState.OPERATION_UNKNOWN;
      if (agent != null && agent.status == SimAgent.Status.RECOVERING) state = OperationState.OPERATION_RECOVERING;
      else if (agent != null && agent.status == SimAgent.Status.UNREACHABLE) state = OperationState.OPERATION_UNREACHABLE;
      else if (agentId != null && cluster.goneAgents.containsKey(agentId)) state = OperationState.OPERATION_GONE_BY_OPERATOR;
      OperationStatus.Builder status = OperationStatus.newBuilder().setOperationId(OperationID.newBuilder()
          .setValue(r.getOperationId().getValue())).setState(state);
      if (agentId != null) status.setAgentId(AgentID.newBuilder().setValue(agentId));
      framework.send(Events.operationUpdate(status.build()));
    }
  }
}
