package io.mooring.sim.master;

import io.mooring.sim.resources.ResourceFormat;
import io.mooring.sim.resources.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The hierarchical allocator's observable behaviour: on every tick, for each agent (shuffled) and each role, the first
 * eligible framework gets everything available on that agent for that role — unreserved resources plus those
 * reserved to the role or its ancestors — unless it is below the minimum allocatable (cpus 0.01 or mem 32) or a
 * refuse filter covers it. One OFFERS event per framework per tick.
 */
final class Allocator {
  static final long MIN_CPUS_MILLIS = 10;
  static final long MIN_MEM_MILLIS = 32_000;

  private final Cluster cluster;

  Allocator(Cluster cluster) {
    this.cluster = cluster;
  }

  /** Runs one allocation cycle; returns the number of offers made. */
  int allocate() {
    if (cluster.recovering()) return 0;
    long now = cluster.now();
    List<SimFramework> frameworks = cluster.frameworks.values().stream().filter(SimFramework::connected).toList();
    if (frameworks.isEmpty()) return 0;
    List<SimAgent> agents = new ArrayList<>(cluster.agents.values());
    Collections.shuffle(agents);
    Map<SimFramework, List<Offer>> batches = new HashMap<>();
    int made = 0;
    for (SimAgent agent : agents) {
      if (!agent.reachable() || agent.available.isEmpty()) continue;
      for (SimFramework framework : frameworks) {
        for (String role : framework.roles()) {
          if (framework.suppressedRoles.contains(role)) continue;
          Resources candidate = offerable(agent, role, framework.refinement());
          if (!allocatable(candidate)) continue;
          if (refused(framework, role, agent.id, candidate, now)) continue;
          agent.available.subtract(candidate);
          SimOffer offer = new SimOffer(cluster.nextOfferId(), framework.idValue(), agent.id, role,
              candidate.allocatedTo(role));
          framework.offers.put(offer.id(), offer);
          batches.computeIfAbsent(framework, f -> new ArrayList<>()).add(toProto(offer, framework, agent));
          made++;
        }
      }
    }
    batches.forEach((framework, offers) -> framework.send(Events.offers(offers)));
    return made;
  }

  /** What an agent can offer to a role: unreserved resources and those reserved to the role or an ancestor. */
  private static Resources offerable(SimAgent agent, String role, boolean refinement) {
    Resources offerable = agent.available.snapshot().allocatableTo(role);
    return refinement ? offerable : offerable.filter(r -> r.getReservationsCount() <= 1);
  }

  /** Mesos checks each filter on its own: a candidate is refused while any live filter covers all of it. */
  private static boolean refused(SimFramework framework, String role, String agentId, Resources candidate, long now) {
    List<RefuseFilter> filters = framework.filters.get(filterKey(role, agentId));
    if (filters == null) return false;
    filters.removeIf(f -> now >= f.expiresAtMillis());
    if (filters.isEmpty()) {
      framework.filters.remove(filterKey(role, agentId));
      return false;
    }
    return filters.stream().anyMatch(f -> f.filters(candidate, now));
  }

  static boolean allocatable(Resources candidate) {
    return candidate.scalarMillis("cpus") >= MIN_CPUS_MILLIS || candidate.scalarMillis("mem") >= MIN_MEM_MILLIS;
  }

  static String filterKey(String role, String agentId) {
    return role + " " + agentId;
  }

  Offer toProto(SimOffer offer, SimFramework framework, SimAgent agent) {
    Offer.Builder b = Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue(offer.id())).setFrameworkId(framework.id)
        .setAgentId(AgentID.newBuilder().setValue(agent.id)).setHostname(agent.info.getHostname())
        .setUrl(agent.url).addAllAttributes(agent.info.getAttributesList());
    for (Resource r : offer.resources()) b.addResources(forFramework(r, framework));
    if (framework.multiRole()) {
      b.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(offer.role()));
    }
    agent.executors.values().stream().filter(e -> e.getFrameworkId().equals(framework.id))
        .forEach(e -> b.addExecutorIds(e.getExecutorId()));
    return b.build();
  }

  /** Resources in the format the framework's capabilities ask for. */
  static Resource forFramework(Resource r, SimFramework framework) {
    Resource out = framework.refinement() ? r : ResourceFormat.downgrade(r);
    return framework.multiRole() ? out : ResourceFormat.stripAllocationInfo(out);
  }
}
