package io.mooring.sim.master;

import io.mooring.sim.resources.Resources;
import java.util.Iterator;
import java.util.Map;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.UUID;

/**
 * Task and operation status updates. Updates from agents carry a uuid and go through a per-task stream with one
 * update in flight until acknowledged, retried 10 s doubling to 10 min and resent at once on re-subscription (the
 * agent's status update manager). Updates the master generates carry no uuid and are sent once.
 */
final class Updates {
  static final long RETRY_MIN_MILLIS = 10_000;
  static final long RETRY_MAX_MILLIS = 600_000;

  private final Cluster cluster;

  Updates(Cluster cluster) {
    this.cluster = cluster;
  }

  /** A master-generated task update: no uuid, never acknowledged, lost if the framework is disconnected. */
  void fromMaster(SimFramework framework, TaskID taskId, String agentId, TaskState state, TaskStatus.Reason reason,
      String message) {
    framework.send(Events.update(masterStatus(taskId, agentId, state, reason, message).build()));
  }

  TaskStatus.Builder masterStatus(TaskID taskId, String agentId, TaskState state, TaskStatus.Reason reason,
      String message) {
    TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(taskId).setState(state)
        .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(reason).setMessage(message).setTimestamp(seconds());
    if (agentId != null) status.setAgentId(AgentID.newBuilder().setValue(agentId));
    return status;
  }

  /** An update from an agent or executor: the master's view moves at once, the scheduler hears it in order. */
  void fromAgent(SimAgent agent, SimTask task, TaskState state, TaskStatus.Source source, TaskStatus.Reason reason,
      String message) {
    fromAgent(agent, task, state, source, reason, message, null);
  }

  /**
   * The same, with {@code healthy} set unless null. The master keeps one status per state run, as Mesos does: an
   * update in the same state as the previous one (a health update) replaces it in the task's statuses. While the
   * master holds the task unreachable, a non-terminal update waits in the stream without changing the task's state,
   * which the agent's re-registration restores from the latest status.
   */
  void fromAgent(SimAgent agent, SimTask task, TaskState state, TaskStatus.Source source, TaskStatus.Reason reason,
      String message, Boolean healthy) {
    TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(task.info.getTaskId()).setState(state)
        .setSource(source).setAgentId(AgentID.newBuilder().setValue(agent.id))
        .setExecutorId(ExecutorID.newBuilder().setValue(task.executorId)).setTimestamp(seconds())
        .setUuid(Events.randomUuid());
    if (reason != null) status.setReason(reason);
    if (message != null && !message.isEmpty()) status.setMessage(message);
    if (healthy != null) status.setHealthy(healthy);
    TaskStatus built = status.build();
    if (task.state != TaskState.TASK_UNREACHABLE || SimTask.isTerminal(state)) task.state = state;
    task.addStatus(built.toBuilder().clearUuid().build());
    if (SimTask.isTerminal(state)) releaseResources(agent, task);
    agent.updateStreams.computeIfAbsent(task.id(), id -> new SimAgent.UpdateStream()).pending.add(built);
    pump(agent, task.id());
  }

  /** The master stops counting a task's resources as used once its latest state is terminal (or unreachable). */
  void releaseResources(SimAgent agent, SimTask task) {
    if (!task.holdsResources) return;
    task.holdsResources = false;
    agent.available.add(task.resources.unallocated());
    boolean executorIdle = agent.tasks.values().stream()
        .noneMatch(t -> t.holdsResources && t.executorId.equals(task.executorId) && t != task);
    ExecutorInfo executor = agent.executors.get(task.executorId);
    if (executorIdle && executor != null) {
      agent.executors.remove(task.executorId);
      agent.available.add(Resources.of(executor.getResourcesList()).unallocated());
    }
  }

  /** Sends the head of a task's stream if nothing is in flight and the scheduler can hear it. */
  void pump(SimAgent agent, String taskId) {
    SimAgent.UpdateStream stream = agent.updateStreams.get(taskId);
    SimTask task = agent.tasks.get(taskId);
    if (stream == null || stream.inFlight || stream.pending.isEmpty() || task == null) return;
    SimFramework framework = cluster.frameworks.get(task.frameworkId.getValue());
    if (!agent.reachable() || framework == null || !framework.connected()) return;
    stream.inFlight = true;
    stream.retryDelayMillis = RETRY_MIN_MILLIS;
    stream.nextRetryAtMillis = cluster.now() + RETRY_MIN_MILLIS;
    forward(framework, task, stream.pending.peek());
  }

  private void forward(SimFramework framework, SimTask task, TaskStatus status) {
    task.statusUpdateState = status.getState();
    framework.send(Events.update(status));
  }

  /** ACKNOWLEDGE: pops the in-flight update if the uuid matches; a terminal one ends the task's life in the master. */
  void acknowledge(SimFramework framework, AgentID agentId, TaskID taskId, ByteString uuid) {
    SimAgent agent = cluster.agent(agentId);
    if (agent == null || !agent.reachable()) return; // dropped; the agent retries later
    SimAgent.UpdateStream stream = agent.updateStreams.get(taskId.getValue());
    if (stream == null || !stream.inFlight || !stream.pending.peek().getUuid().equals(uuid)) return;
    TaskStatus acked = stream.pending.poll();
    stream.inFlight = false;
    SimTask task = agent.tasks.get(taskId.getValue());
    if (SimTask.isTerminal(acked.getState()) && task != null) {
      forget(agent, task, framework);
      return;
    }
    if (stream.pending.isEmpty()) agent.updateStreams.remove(taskId.getValue());
    else pump(agent, taskId.getValue());
  }

  /** The end of a task's life in the master: out of its agent and framework, into the bounded completed list. */
  void forget(SimAgent agent, SimTask task, SimFramework framework) {
    agent.tasks.remove(task.id());
    agent.updateStreams.remove(task.id());
    agent.containers.remove(task.id());
    agent.pendingKills.remove(task.id());
    if (framework != null) {
      framework.tasks.remove(task.id());
      framework.unreachableTasks.remove(task.id());
    }
    cluster.completedTasks.put(task.id(), task);
    Iterator<String> oldest = cluster.completedTasks.keySet().iterator();
    while (cluster.completedTasks.size() > 1000 && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Resends in-flight updates whose retry time has come, with doubling backoff. */
  void retryDue() {
    long now = cluster.now();
    for (SimAgent agent : cluster.agents.values()) {
      if (!agent.reachable()) continue;
      for (Map.Entry<String, SimAgent.UpdateStream> e : agent.updateStreams.entrySet()) {
        SimAgent.UpdateStream stream = e.getValue();
        if (!stream.inFlight || stream.nextRetryAtMillis > now) continue;
        SimTask task = agent.tasks.get(e.getKey());
        SimFramework framework = task == null ? null : cluster.frameworks.get(task.frameworkId.getValue());
        if (framework == null || !framework.connected()) continue;
        stream.retryDelayMillis = Math.min(stream.retryDelayMillis * 2, RETRY_MAX_MILLIS);
        stream.nextRetryAtMillis = now + stream.retryDelayMillis;
        forward(framework, task, stream.pending.peek());
      }
      for (SimOperation op : agent.operations.values()) {
        SimFramework framework = cluster.frameworks.get(op.frameworkId);
        if (op.nextRetryAtMillis > now || framework == null || !framework.connected()) continue;
        op.retryDelayMillis = Math.min(op.retryDelayMillis * 2, RETRY_MAX_MILLIS);
        op.nextRetryAtMillis = now + op.retryDelayMillis;
        framework.send(Events.operationUpdate(op.latest));
      }
    }
  }

  /** On (re-)subscription agents resend pending updates at once. */
  void resendPending(SimFramework framework) {
    for (SimAgent agent : cluster.agents.values()) {
      for (Map.Entry<String, SimAgent.UpdateStream> e : Map.copyOf(agent.updateStreams).entrySet()) {
        SimTask task = agent.tasks.get(e.getKey());
        if (task == null || !task.frameworkId.equals(framework.id)) continue;
        e.getValue().inFlight = false;
        pump(agent, e.getKey());
      }
      if (!agent.reachable()) continue;
      for (SimOperation op : agent.operations.values()) {
        if (!op.frameworkId.equals(framework.idValue())) continue;
        op.retryDelayMillis = RETRY_MIN_MILLIS;
        op.nextRetryAtMillis = cluster.now() + RETRY_MIN_MILLIS;
        framework.send(Events.operationUpdate(op.latest));
      }
    }
  }

  /** The agent's answer to an applied operation with an id: FINISHED (or FAILED) with a uuid, until acknowledged. */
  void operationFromAgent(SimFramework framework, SimAgent agent, Offer.Operation operation, OperationState state,
      String message, Resources converted) {
    if (!operation.hasId()) return; // no feedback requested: the master acknowledges the agent itself
    OperationStatus.Builder status = OperationStatus.newBuilder().setOperationId(operation.getId()).setState(state)
        .setUuid(UUID.newBuilder().setValue(Events.randomUuid())).setAgentId(AgentID.newBuilder().setValue(agent.id));
    if (message != null) status.setMessage(message);
    if (converted != null) status.addAllConvertedResources(converted.toList());
    SimOperation op = new SimOperation(framework.idValue(), status.build());
    op.retryDelayMillis = RETRY_MIN_MILLIS;
    op.nextRetryAtMillis = cluster.now() + RETRY_MIN_MILLIS;
    agent.operations.put(op.key(), op);
    framework.send(Events.operationUpdate(op.latest));
  }

  /** The master's drop(): OPERATION_ERROR without uuid or agent id, only when the operation has an id. */
  void operationError(SimFramework framework, Offer.Operation operation, String message) {
    if (!operation.hasId()) return;
    framework.send(Events.operationUpdate(OperationStatus.newBuilder().setOperationId(operation.getId())
        .setState(OperationState.OPERATION_ERROR).setMessage(message).build()));
  }

  /** ACKNOWLEDGE_OPERATION_STATUS: the agent stops resending; every status it sends is terminal, so it forgets it. */
  void acknowledgeOperation(SimFramework framework, AgentID agentId, OperationID operationId, ByteString uuid) {
    SimAgent agent = cluster.agent(agentId);
    if (agent == null || !agent.reachable()) return;
    String key = SimOperation.key(framework.idValue(), operationId.getValue());
    SimOperation op = agent.operations.get(key);
    if (op != null && op.latest.getUuid().getValue().equals(uuid)) agent.operations.remove(key);
  }

  double seconds() {
    return cluster.now() / 1000.0;
  }
}
