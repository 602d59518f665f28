package io.mooring.sim.master;

import io.mooring.sim.agent.AgentHost;
import io.mooring.sim.agent.Container;
import io.mooring.sim.config.AgentSpec;
import io.mooring.sim.files.AgentFileServers;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents joining and failing: registration (with the checkpoint applied), disconnection, becoming unreachable,
 * re-registration, restart (optionally with a new agent id after a "reboot"), and removal by the operator.
 */
final class Agents {
  private static final Logger log = LoggerFactory.getLogger(Agents.class);

  private final Cluster cluster;
  private final Updates updates;
  private final Launcher launcher;
  private final Runnable allocateSoon;

  Agents(Cluster cluster, Updates updates, Launcher launcher, Runnable allocateSoon) {
    this.cluster = cluster;
    this.updates = updates;
    this.launcher = launcher;
    this.allocateSoon = allocateSoon;
  }

  SimAgent register(AgentSpec spec, AgentHost host) {
    SimAgent agent = new SimAgent(spec, host, AgentResources.configured(spec));
    assignIdentity(agent);
    log.info("Agent {} registered as {} ({})", spec.name(), agent.id, spec.hostname());
    return agent;
  }

  private void assignIdentity(SimAgent agent) {
    agent.id = cluster.nextAgentId();
    AgentInfo.Builder info = AgentInfo.newBuilder().setId(AgentID.newBuilder().setValue(agent.id))
        .setHostname(agent.spec.hostname()).setPort(agent.host.port()).addAllResources(agent.configured);
    for (Map.Entry<String, String> a : agent.spec.attributes().entrySet()) {
      info.addAttributes(Attribute.newBuilder().setName(a.getKey()).setType(Value.Type.TEXT)
          .setText(Value.Text.newBuilder().setValue(a.getValue())));
    }
    agent.info = info.build();
    agent.url = URL.newBuilder().setScheme("http").setPath("/slave(1)").setAddress(Address.newBuilder()
        .setHostname(agent.info.getHostname()).setPort(agent.info.getPort())
        .setIp(AgentFileServers.address(agent.info.getHostname()).getHostAddress())).build();
    agent.host.registeredAs(agent.id);
    agent.status = SimAgent.Status.ACTIVE;
    agent.registeredAtMillis = cluster.now();
    agent.recover(AgentResources.withCheckpoint(agent.configured, agent.host.loadCheckpoint()));
    cluster.agents.put(agent.id, agent);
    allocateSoon.run();
  }

  /** The agent's connection breaks: offers rescinded; unreachable after the timeout unless it comes back. */
  void disconnect(SimAgent agent) {
    if (agent.status != SimAgent.Status.ACTIVE) return;
    agent.status = SimAgent.Status.DISCONNECTED;
    long at = cluster.now();
    agent.disconnectedAtMillis = at;
    cluster.offersOn(agent.id).forEach(cluster::rescind);
    for (SimTask task : List.copyOf(agent.tasks.values())) {
      SimFramework framework = cluster.frameworks.get(task.frameworkId.getValue());
      if (framework != null && !framework.info.getCheckpoint()) {
        TaskState state = framework.partitionAware() ? TaskState.TASK_GONE : TaskState.TASK_LOST;
        killAndForget(agent, task, framework, state, TaskStatus.Reason.REASON_AGENT_DISCONNECTED,
            "Agent disconnected; framework does not checkpoint");
      }
    }
    log.info("Agent {} disconnected", agent.id);
    cluster.schedule(() -> {
      if (agent.status == SimAgent.Status.DISCONNECTED && agent.disconnectedAtMillis == at) markUnreachable(agent);
    }, cluster.config.agentUnreachableTimeout().toMillis());
  }

  /** Ping timeouts exhausted: tasks unreachable (lost for frameworks that are not partition aware), FAILURE sent. */
  void markUnreachable(SimAgent agent) {
    if (agent.status == SimAgent.Status.UNREACHABLE || agent.status == SimAgent.Status.GONE) return;
    agent.status = SimAgent.Status.UNREACHABLE;
    cluster.offersOn(agent.id).forEach(cluster::rescind);
    double now = cluster.now() / 1000.0;
    agent.unreachableAtSeconds = now;
    for (SimTask task : agent.tasks.values()) {
      if (!task.holdsResources) continue;
      updates.releaseResources(agent, task);
      task.state = TaskState.TASK_UNREACHABLE;
      task.unreachableTime = now;
      SimFramework framework = cluster.frameworks.get(task.frameworkId.getValue());
      if (framework == null) continue;
      framework.tasks.remove(task.id());
      framework.unreachableTasks.put(task.id(), task);
      framework.send(Events.update(updates.masterStatus(task.info.getTaskId(), agent.id,
          framework.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
          TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agent.id + " is unreachable")
          .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds((long) (now * 1e9))).build()));
    }
    cluster.frameworks.values().forEach(f -> f.send(Events.agentFailure(agent.id)));
    log.info("Agent {} marked unreachable", agent.id);
  }

  /** The agent is back: a disconnected one resumes; an unreachable one re-registers and its tasks reappear. */
  void reconnect(SimAgent agent) {
    switch (agent.status) {
      case DISCONNECTED -> agent.status = SimAgent.Status.ACTIVE;
      case UNREACHABLE, RECOVERING -> reregister(agent);
      default -> { return; }
    }
    resend(agent);
    for (String taskId : List.copyOf(agent.pendingKills)) {
      SimTask task = agent.tasks.get(taskId);
      if (task != null) launcher.kill(agent, task, null);
    }
    agent.pendingKills.clear();
    allocateSoon.run();
    log.info("Agent {} reconnected", agent.id);
  }

  /** The agent's status update manager resends what is unacknowledged. */
  private void resend(SimAgent agent) {
    agent.updateStreams.values().forEach(s -> s.inFlight = false);
    List.copyOf(agent.updateStreams.keySet()).forEach(taskId -> updates.pump(agent, taskId));
    agent.operations.values().forEach(op -> op.nextRetryAtMillis = cluster.now());
  }

  private void reregister(SimAgent agent) {
    boolean wasUnreachable = agent.status == SimAgent.Status.UNREACHABLE;
    agent.status = SimAgent.Status.ACTIVE;
    for (SimTask task : List.copyOf(agent.tasks.values())) {
      if (cluster.completedFrameworks.stream().anyMatch(f -> f.id.equals(task.frameworkId))) {
        launcher.shutDown(agent, task); // the agent shuts down a removed framework's executors
        updates.releaseResources(agent, task);
        updates.forget(agent, task, null);
        continue;
      }
      SimFramework framework = cluster.frameworks.computeIfAbsent(task.frameworkId.getValue(), id -> {
        SimFramework recovered = new SimFramework(task.frameworkId, task.frameworkInfo, cluster.now());
        recovered.recovered = true;
        return recovered;
      });
      if (task.state == TaskState.TASK_UNREACHABLE) {
        task.state = task.statuses.isEmpty() ? TaskState.TASK_STAGING : task.statuses.get(task.statuses.size() - 1).getState();
        task.holdsResources = true;
        agent.available.subtract(task.resources.unallocated());
        if (task.info.hasExecutor() && !agent.executors.containsKey(task.executorId)) {
          agent.executors.put(task.executorId, task.info.getExecutor());
          agent.available.subtract(
              io.mooring.sim.resources.Resources.of(task.info.getExecutor().getResourcesList()).unallocated());
        }
      }
      framework.unreachableTasks.remove(task.id());
      framework.tasks.put(task.id(), task);
      if (wasUnreachable && framework.partitionAware()) {
        updates.fromMaster(framework, task.info.getTaskId(), agent.id, task.state,
            TaskStatus.Reason.REASON_AGENT_REREGISTERED, "Agent " + agent.id + " re-registered");
      }
    }
  }

  /** Restart: the same id recovers its executors; a new id (after a reboot) loses its tasks, keeps its checkpoint. */
  void restart(SimAgent agent, boolean newId) {
    if (!newId) {
      if (agent.status == SimAgent.Status.ACTIVE) resend(agent);
      else reconnect(agent);
      return;
    }
    String oldId = agent.id;
    cluster.offersOn(oldId).forEach(cluster::rescind);
    for (SimTask task : List.copyOf(agent.tasks.values())) {
      SimFramework framework = cluster.frameworks.get(task.frameworkId.getValue());
      TaskState state = framework != null && framework.partitionAware() ? TaskState.TASK_GONE : TaskState.TASK_LOST;
      killAndForget(agent, task, framework, state, TaskStatus.Reason.REASON_AGENT_RESTARTED,
          "Agent " + oldId + " restarted with a new agent id");
    }
    agent.updateStreams.clear();
    agent.executors.clear();
    agent.operations.clear();
    cluster.agents.remove(oldId);
    cluster.frameworks.values().forEach(f -> f.send(Events.agentFailure(oldId)));
    assignIdentity(agent);
    log.info("Agent {} restarted as {}", oldId, agent.id);
  }

  /** MARK_AGENT_GONE: permanent; tasks gone by operator, the agent's reservations and volumes go with it. */
  void markGone(SimAgent agent) {
    cluster.offersOn(agent.id).forEach(cluster::rescind);
    for (SimTask task : List.copyOf(agent.tasks.values())) {
      SimFramework framework = cluster.frameworks.get(task.frameworkId.getValue());
      boolean pa = framework != null && framework.partitionAware();
      killAndForget(agent, task, framework, pa ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST,
          pa ? TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR : TaskStatus.Reason.REASON_AGENT_REMOVED,
          "Agent " + agent.id + " is gone");
    }
    agent.status = SimAgent.Status.GONE;
    agent.operations.clear();
    cluster.agents.remove(agent.id);
    cluster.goneAgents.put(agent.id, agent);
    cluster.frameworks.values().forEach(f -> f.send(Events.agentFailure(agent.id)));
    log.info("Agent {} marked gone", agent.id);
  }

  /** A master-decided end of a task: its container killed, the framework told once, the task forgotten. */
  private void killAndForget(SimAgent agent, SimTask task, SimFramework framework, TaskState state,
      TaskStatus.Reason reason, String message) {
    Container container = agent.containers.remove(task.id());
    if (container != null) container.kill(java.time.Duration.ZERO);
    updates.releaseResources(agent, task);
    task.state = state;
    updates.forget(agent, task, framework);
    if (framework != null) updates.fromMaster(framework, task.info.getTaskId(), agent.id, state, reason, message);
  }
}
