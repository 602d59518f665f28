package io.mooring.sim.master;

import io.mooring.sim.config.SimConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.MasterInfo;

/**
 * Everything the master knows, touched only on the master's single thread (like a libprocess actor): no locks, and
 * every call sees a consistent cluster. Only the volatile fault switches are read from other threads.
 */
final class Cluster {
  final SimConfig config;
  final ScheduledExecutorService thread;
  final LongSupplier clock;
  MasterInfo masterInfo;
  long electedAtMillis;
  long startedAtMillis;
  /** After a master failover, until this time every call gets 503 "Master has not finished recovery". */
  long recoveredAtMillis;
  final Map<String, SimFramework> frameworks = new LinkedHashMap<>();
  final Deque<SimFramework> completedFrameworks = new ArrayDeque<>();
  final Map<String, SimAgent> agents = new LinkedHashMap<>();
  final Map<String, SimAgent> goneAgents = new LinkedHashMap<>();
  final Map<String, SimTask> completedTasks = new LinkedHashMap<>();
  private long frameworkCounter;
  private long offerCounter;
  private long agentCounter;
  volatile boolean heartbeatsPaused;
  /** Set while this master plays a non-leader: every API call is redirected (307) to this host:port. */
  volatile String leader;
  volatile long latencyMillis;
  /** The next ACCEPT is answered and then lost (master thread only). */
  boolean dropNextAccept;

  Cluster(SimConfig config, ScheduledExecutorService thread, LongSupplier clock) {
    this.config = config;
    this.thread = thread;
    this.clock = clock;
    this.startedAtMillis = clock.getAsLong();
    elect();
  }

  /** A new leading master: a fresh master id, as every Mesos master process has. */
  void elect() {
    masterInfo = MasterInfo.newBuilder()
        .setId(UUID.randomUUID().toString()).setIp(0x7f000001).setPort(config.port())
        .setPid("master@" + config.host() + ":" + config.port()).setHostname(config.host())
        .setVersion(Master.VERSION).build();
    electedAtMillis = clock.getAsLong();
    offerCounter = 0;
  }

  /** Runs work on the master's thread later; after shutdown there is no master left to tell, so it is dropped. */
  void post(Runnable work) {
    try {
      thread.execute(Master.guard(work));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the simulator is stopping
    }
  }

  /** Runs work on the master's thread after a delay; a failure is logged, not lost in a future. */
  java.util.concurrent.ScheduledFuture<?> schedule(Runnable work, long delayMillis) {
    try {
      return thread.schedule(Master.guard(work), delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return null; // the simulator is stopping
    }
  }

  /** A framework's outstanding offers go back to their agents without a filter and without a RESCIND. */
  void discardOffers(SimFramework framework) {
    for (SimOffer offer : java.util.List.copyOf(framework.offers.values())) {
      framework.offers.remove(offer.id());
      recover(offer);
    }
  }

  /**
   * Installs a refuse filter for the resources on one agent and role, for max(refuse_seconds, allocation interval);
   * Mesos' rules: negative means the default 5 s, the cap is 365 days, 0 installs nothing.
   */
  void refuse(SimFramework framework, String role, String agentId, io.mooring.sim.resources.Resources refused,
      double seconds) {
    if (refused.isEmpty() || seconds == 0) return;
    double effective = seconds < 0 ? 5.0 : Math.min(seconds, 31_536_000.0);
    long millis = Math.max(config.allocationInterval().toMillis(), (long) (effective * 1000));
    framework.filters.computeIfAbsent(Allocator.filterKey(role, agentId), k -> new java.util.ArrayList<>())
        .add(new RefuseFilter(refused, now() + millis));
  }

  /** What is offered on an agent, across frameworks (allocated form). */
  io.mooring.sim.resources.Resources offered(SimAgent agent) {
    return io.mooring.sim.resources.Resources.sum(offersOn(agent.id).stream().map(SimOffer::resources).toList());
  }

  long now() {
    return clock.getAsLong();
  }

  boolean recovering() {
    return now() < recoveredAtMillis;
  }

  String nextFrameworkId() {
    return masterInfo.getId() + "-" + String.format("%04d", frameworkCounter++);
  }

  String nextOfferId() {
    return masterInfo.getId() + "-O" + offerCounter++;
  }

  String nextAgentId() {
    return masterInfo.getId() + "-S" + agentCounter++;
  }

  SimAgent agent(AgentID id) {
    return agents.get(id.getValue());
  }

  /** Returns an offer's resources to its agent's available pool; the offer itself must already be removed. */
  void recover(SimOffer offer) {
    SimAgent agent = agents.get(offer.agentId());
    if (agent != null) agent.available.add(offer.resources().unallocated());
  }

  /** Takes an outstanding offer back: RESCIND to its framework, resources recovered without a filter. */
  void rescind(SimOffer offer) {
    SimFramework framework = frameworks.get(offer.frameworkId());
    if (framework == null || framework.offers.remove(offer.id()) == null) return;
    recover(offer);
    framework.send(Events.rescind(offer.id()));
  }

  java.util.List<SimOffer> offersOn(String agentId) {
    return frameworks.values().stream().flatMap(f -> f.offers.values().stream())
        .filter(o -> o.agentId().equals(agentId)).toList();
  }
}
