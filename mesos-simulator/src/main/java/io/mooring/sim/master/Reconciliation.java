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

  /** The latest state, with the latest status's {@code healthy} if it has one (master.cpp reconcile). */
  private TaskStatus latest(SimTask task) {
    TaskStatus.Builder status = updates.masterStatus(task.info.getTaskId(), task.agentId(), task.reportedState(),
        TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation: Latest task state")
        .setExecutorId(ExecutorID.newBuilder().setValue(task.executorId));
    Boolean healthy = task.healthy();
    if (healthy != null) status.setHealthy(healthy);
    return status.build();
  }

  /**
   * The six cases of explicit reconciliation (master.cpp reconcile); null means no reply (the agent is still
   * recovering). Only active tasks count as known, whatever agent the call names; a task of an unreachable agent is
   * answered by what the call says of its agent, as Mesos does.
   */
  private TaskStatus explicit(SimFramework framework, TaskID taskId, String agentId) {
    SimTask task = framework.tasks.get(taskId.getValue());
    if (task != null) return latest(task);
    SimAgent agent = agentId == null ? null : cluster.agents.get(agentId);
    boolean recovering = agentId == null
        ? cluster.agents.values().stream().anyMatch(a -> a.status == SimAgent.Status.RECOVERING)
        : agent != null && agent.status == SimAgent.Status.RECOVERING;
    if (recovering) return null;
    boolean pa = framework.partitionAware();
    if (agent != null && agent.status == SimAgent.Status.UNREACHABLE) {
      return status(taskId, agentId, pa ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
          "Reconciliation: Task is unreachable").setUnreachableTime(TimeInfo.newBuilder()
          .setNanoseconds((long) (agent.unreachableAtSeconds * 1e9))).build();
    }
    if (agent != null) {
      return status(taskId, agentId, pa ? TaskState.TASK_GONE : TaskState.TASK_LOST,
          "Reconciliation: Task is unknown to the agent").build();
    }
    if (agentId != null && cluster.goneAgents.containsKey(agentId)) {
      return status(taskId, agentId, pa ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST,
          "Reconciliation: Task is gone").build();
    }
    return status(taskId, agentId, pa ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST,
        "Reconciliation: Task is unknown").build();
  }

  private TaskStatus.Builder status(TaskID taskId, String agentId, TaskState state, String message) {
    return updates.masterStatus(taskId, agentId, state, TaskStatus.Reason.REASON_RECONCILIATION, message);
  }

  /**
   * RECONCILE_OPERATIONS (master.cpp reconcileOperations): the latest status of each operation still known (awaiting
   * its acknowledgement), else a status decided by its agent. Never acknowledged, so without a uuid.
   */
  void operations(SimFramework framework, List<Call.ReconcileOperations.Operation> requested) {
    if (requested.isEmpty()) {
      for (SimAgent agent : cluster.agents.values()) {
        agent.operations.values().stream().filter(op -> op.frameworkId.equals(framework.idValue()))
            .forEach(op -> framework.send(Events.operationUpdate(withoutUuid(op.latest))));
      }
      return;
    }
    for (Call.ReconcileOperations.Operation r : requested) {
      String key = SimOperation.key(framework.idValue(), r.getOperationId().getValue());
      SimOperation known = cluster.agents.values().stream().map(a -> a.operations.get(key))
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      OperationStatus status = known != null ? withoutUuid(known.latest)
          : unknown(r.getOperationId(), r.hasAgentId() ? r.getAgentId().getValue() : null);
      framework.send(Events.operationUpdate(status));
    }
  }

  private OperationStatus unknown(OperationID operationId, String agentId) {
    SimAgent agent = agentId == null ? null : cluster.agents.get(agentId);
    OperationStatus.Builder status = OperationStatus.newBuilder().setOperationId(operationId);
    if (agentId == null) {
      return status.setState(OperationState.OPERATION_UNKNOWN)
          .setMessage("Reconciliation: Operation is unknown and no 'agent_id' was provided").build();
    }
    status.setAgentId(AgentID.newBuilder().setValue(agentId));
    if (agent != null && agent.status == SimAgent.Status.RECOVERING) {
      status.setState(OperationState.OPERATION_RECOVERING)
          .setMessage("Reconciliation: Agent is recovered but has not re-registered");
    } else if (agent != null && agent.status == SimAgent.Status.UNREACHABLE) {
      status.setState(OperationState.OPERATION_UNREACHABLE).setMessage("Reconciliation: Agent is unreachable");
    } else if (agent != null) {
      status.setState(OperationState.OPERATION_UNKNOWN).setMessage("Reconciliation: Operation is unknown");
    } else if (cluster.goneAgents.containsKey(agentId)) {
      status.setState(OperationState.OPERATION_GONE_BY_OPERATOR)
          .setMessage("Reconciliation: Agent marked gone by operator");
    } else {
      status.setState(OperationState.OPERATION_UNKNOWN)
          .setMessage("Reconciliation: Both operation and agent are unknown");
    }
    return status.build();
  }

  private static OperationStatus withoutUuid(OperationStatus status) {
    return status.toBuilder().clearUuid().build();
  }
}
