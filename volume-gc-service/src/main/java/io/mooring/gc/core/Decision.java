package io.mooring.gc.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The pure decision for one piece of garbage: where what is left of it is, and the next call that makes it less.
 * Stateless on purpose: after a crash anywhere between two calls, the next look at the agents decides again, so
 * every step is resumable and none is done twice (a destroyed volume is no longer there to destroy).
 */
public final class Decision {
  private Decision() {}

  /**
   * @param identity what to look for
   * @param agentId where it was recorded; it may have moved with a rebooted agent (new id), or be empty
   */
  public static Step next(Identity identity, String agentId, ClusterView cluster) {
    ClusterView.Presence presence = agentId.isEmpty() ? ClusterView.Presence.ABSENT : cluster.presence(agentId);
    if (presence == ClusterView.Presence.AWAY) {
      return new Step.Wait(agentId, "agent " + agentId + " is not connected");
    }
    if (presence == ClusterView.Presence.ACTIVE) {
      ClusterView.Agent agent = cluster.agent(agentId).orElseThrow();
      List<Resource> left = ClusterView.leftOn(agent, identity);
      return left.isEmpty() ? new Step.Expunge() : act(agent, left);
    }
    // Unknown agent: what is left may have come back under a new id; otherwise it went with the agent, or the
    // agent is unreachable.
    for (Map.Entry<ClusterView.Agent, List<Resource>> found : cluster.holding(identity).entrySet()) {
      ClusterView.Agent agent = found.getKey();
      if (cluster.presence(agent.id()) != ClusterView.Presence.ACTIVE) {
        return new Step.Wait(agent.id(), "agent " + agent.id() + " is not connected");
      }
      return act(agent, found.getValue());
    }
    if (identity.isEmpty()) {
      return new Step.Expunge();  // never reserved: nothing to look for
    }
    if (!cluster.recovered().isEmpty()) {
      // After a master failover, agents re-register one by one: what is left may be on one not seen yet.
      return new Step.Wait(agentId, "the master still waits for " + cluster.recovered().size() + " agents");
    }
    return new Step.Vanished(agentId);
  }

  private static Step act(ClusterView.Agent agent, List<Resource> left) {
    for (Resource r : left) {
      if (inUse(agent, r)) {
        return new Step.Wait(agent.id(), "a task still uses " + describe(r));
      }
    }
    List<Resource> volumes = left.stream().filter(Identity::isVolume).map(Decision::forCall).toList();
    if (volumes.isEmpty()) {
      return new Step.Unreserve(agent, left.stream().map(Decision::forCall).toList());
    }
    List<Resource> unreserve = new ArrayList<>();
    for (Resource r : left) unreserve.add(Identity.isVolume(r) ? withoutVolume(forCall(r)) : forCall(r));
    return new Step.Destroy(agent, volumes, List.copyOf(unreserve));
  }

  /** Allocated to a task or executor: Mesos would answer 409, and forcing is never an option. */
  private static boolean inUse(ClusterView.Agent agent, Resource r) {
    Resource bare = forCall(r);
    for (Resource allocated : agent.allocated()) {
      Resource other = forCall(allocated);
      if (Identity.isVolume(bare) && Identity.isVolume(other)) {
        if (bare.getDisk().getPersistence().getId().equals(other.getDisk().getPersistence().getId())) return true;
      } else if (!Identity.isVolume(bare) && !Identity.isVolume(other) && sameReservation(bare, other)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameReservation(Resource a, Resource b) {
    return a.getName().equals(b.getName()) && a.getReservationsList().equals(b.getReservationsList());
  }

  /** As an operator call takes it: never with an allocation. */
  private static Resource forCall(Resource r) {
    return r.hasAllocationInfo() ? r.toBuilder().clearAllocationInfo().build() : r;
  }

  /** A destroyed volume leaves its disk reserved as before (Mesos keeps the source), without persistence. */
  static Resource withoutVolume(Resource volume) {
    Resource.DiskInfo disk = volume.getDisk().toBuilder().clearPersistence().clearVolume().build();
    Resource.Builder plain = volume.toBuilder();
    if (disk.hasSource()) {
      plain.setDisk(disk);
    } else {
      plain.clearDisk();
    }
    return plain.build();
  }

  static String describe(Resource r) {
    return Identity.isVolume(r) ? "volume " + r.getDisk().getPersistence().getId() : r.getName();
  }
}
