package io.mooring.sim.master;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for the control API (/sim/...): what a test does to the cluster that a real one does by itself.
 * Methods aimed at an agent, task or framework return false (or null) when it does not exist.
 */
public final class Faults {
  private static final Logger log = LoggerFactory.getLogger(Faults.class);

  private final Master master;
  private final Cluster cluster;
  private final Agents agents;

  Faults(Master master, Cluster cluster, Agents agents) {
    this.master = master;
    this.cluster = cluster;
    this.agents = agents;
  }

  /** The current agent ids, in registration order (an agent restarted with a new id moves to the end). */
  public List<String> agentIds() {
    return master.call(() -> cluster.agents.values().stream().map(a -> a.id).toList());
  }

  public boolean disconnectAgent(String agentId) {
    return onAgent(agentId, agents::disconnect);
  }

  public boolean reconnectAgent(String agentId) {
    return onAgent(agentId, agents::reconnect);
  }

  public boolean makeUnreachable(String agentId) {
    return onAgent(agentId, agents::markUnreachable);
  }

  public boolean markGone(String agentId) {
    return onAgent(agentId, agents::markGone);
  }

  /** Restarts an agent; returns its agent id afterwards (a new one when newId), or null if unknown. */
  public String restartAgent(String agentId, boolean newId) {
    return master.call(() -> {
      SimAgent agent = cluster.agents.get(agentId);
      if (agent == null) return null;
      agents.restart(agent, newId);
      return agent.id;
    });
  }

  /** Ends a task as if its command exited: FINISHED when success, else FAILED. */
  public boolean endTask(String taskId, boolean success, String message) {
    return master.call(() -> {
      for (SimAgent agent : cluster.agents.values()) {
        SimTask task = agent.tasks.get(taskId);
        if (task == null || SimTask.isTerminal(task.state)) continue; // an unreachable agent's tasks run on
        var container = agent.containers.get(taskId);
        if (container == null) return false;
        container.end(taskId, success, message);
        return true;
      }
      return false;
    });
  }

  /** Rescinds every outstanding offer (of one framework when frameworkId is set); returns how many. */
  public int rescindOffers(String frameworkId) {
    return master.call(() -> {
      List<SimOffer> offers = cluster.frameworks.values().stream()
          .filter(f -> frameworkId == null || f.idValue().equals(frameworkId))
          .flatMap(f -> f.offers.values().stream()).toList();
      offers.forEach(cluster::rescind);
      return offers.size();
    });
  }

  /** The next speculative operation on the agent fails (FAIL) or is lost without a word (DROP). */
  public boolean injectOperationFault(String agentId, boolean drop) {
    return onAgent(agentId, a -> a.nextOperationFault = drop ? SimAgent.OperationFault.DROP : SimAgent.OperationFault.FAIL);
  }

  /** The next ACCEPT is answered 202 and lost: nothing of it happens, as if it never reached the master. */
  public void dropNextAccept() {
    master.call(() -> cluster.dropNextAccept = true);
  }

  /** Every scheduler and operator call waits this long before it is handled. */
  public void setLatency(Duration latency) {
    master.call(() -> cluster.latencyMillis = latency.toMillis());
  }

  /**
   * Makes this master a non-leader that redirects every API call to the given host:port (307, as a Mesos master that
   * lost the election does), or the leader again when null. Losing leadership closes every subscription.
   */
  public void redirectTo(String leader) {
    master.call(() -> {
      cluster.leader = leader;
      if (leader != null) cluster.frameworks.values().forEach(f -> {
        if (f.sink != null) f.sink.close();
      });
      return null;
    });
  }

  public void pauseHeartbeats(boolean paused) {
    master.call(() -> cluster.heartbeatsPaused = paused);
  }

  /** Cuts a framework's stream without an ERROR event, as a network failure would. */
  public boolean dropStream(String frameworkId) {
    return master.call(() -> {
      SimFramework framework = cluster.frameworks.get(frameworkId);
      if (framework == null || framework.sink == null) return false;
      framework.sink.close();
      return true;
    });
  }

  /**
   * A new master is elected: streams dropped, frameworks and offers forgotten (they come back when they re-subscribe
   * or their agents re-register), 503 until recovery ends, connected agents re-register after the given delay; an
   * agent that has not re-registered within the timeout (Mesos: 10 min) is marked unreachable.
   */
  public void failoverMaster(Duration recovery, Duration reregister, Duration reregisterTimeout) {
    master.call(() -> {
      for (SimFramework framework : cluster.frameworks.values()) {
        if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
        if (framework.sink != null) framework.sink.close();
        framework.sink = null;
        cluster.discardOffers(framework);
      }
      cluster.frameworks.clear();
      cluster.completedFrameworks.clear(); // frameworks are not in the registry
      cluster.elect();
      cluster.recoveredAtMillis = cluster.now() + recovery.toMillis();
      List<SimAgent> reregistering = new java.util.ArrayList<>();
      for (SimAgent agent : cluster.agents.values()) {
        if (agent.status == SimAgent.Status.UNREACHABLE) continue; // still partitioned: it stays unreachable
        if (agent.status == SimAgent.Status.ACTIVE) reregistering.add(agent); // a disconnected one waits for /reconnect
        agent.status = SimAgent.Status.RECOVERING;
        agent.updateStreams.values().forEach(s -> s.inFlight = false);
      }
      log.info("Master failed over; new master {}", cluster.masterInfo.getId());
      cluster.schedule(() -> reregistering.forEach(agents::reconnect), recovery.toMillis() + reregister.toMillis());
      // --agent_reregister_timeout: whoever has not re-registered by then is unreachable (and may still come back)
      cluster.schedule(() -> List.copyOf(cluster.agents.values()).stream()
          .filter(a -> a.status == SimAgent.Status.RECOVERING).forEach(agents::markUnreachable),
          recovery.toMillis() + reregisterTimeout.toMillis());
      return null;
    });
  }

  private boolean onAgent(String agentId, java.util.function.Consumer<SimAgent> action) {
    return master.call(() -> {
      SimAgent agent = cluster.agents.get(agentId);
      if (agent == null) return false;
      action.accept(agent);
      return true;
    });
  }
}
