package io.mooring.gc.core;

import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.ResourceOwner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Resources on one agent reserved with this framework's labels for one instance and claim, which no recorded
 * garbage covers: an orphan if reservation-service says no instance references them either.
 */
public record Orphan(String agentId, String hostname, ResourceOwner owner, Identity identity,
    List<Resource> resources) {

  /** Where the orphan's record is kept: one per agent, instance and claim. */
  public String key() {
    return agentId + "/" + owner.getInstanceId() + "/" + owner.getClaimId();
  }

  /** Every group of resources labelled for this framework and role on a connected agent (others must wait). */
  public static List<Orphan> scan(ClusterView cluster, String frameworkId, String role) {
    List<Orphan> orphans = new ArrayList<>();
    for (ClusterView.Agent agent : cluster.agents().values()) {
      if (!agent.active()) continue;
      Map<Map<String, String>, List<Resource>> groups = new LinkedHashMap<>();
      for (Resource r : agent.total()) {
        if (!ours(r, frameworkId, role)) continue;
        groups.computeIfAbsent(Identity.labelsOf(r), labels -> new ArrayList<>()).add(r);
      }
      groups.forEach((labels, resources) -> orphans.add(orphan(agent, labels, resources)));
    }
    return orphans;
  }

  private static Orphan orphan(ClusterView.Agent agent, Map<String, String> labels, List<Resource> resources) {
    ResourceOwner.Builder owner = ResourceOwner.newBuilder()
        .setInstanceId(labels.getOrDefault(ReservationLabels.INSTANCE, ""))
        .setClaimId(labels.getOrDefault(ReservationLabels.CLAIM, ""));
    List<String> ids = resources.stream().filter(Identity::isVolume)
        .map(r -> r.getDisk().getPersistence().getId()).toList();
    owner.addAllPersistenceIds(ids);
    return new Orphan(agent.id(), agent.hostname(), owner.build(),
        new Identity(Map.copyOf(labels), java.util.Set.copyOf(ids)), List.copyOf(resources));
  }

  /** Whether recorded garbage (one of {@code covered}) already accounts for any of it: then it is no orphan. */
  public boolean coveredBy(List<Identity> covered) {
    return resources.stream().anyMatch(r -> covered.stream().anyMatch(i -> i.matches(r)));
  }

  /** Reserved for our role, last, with our framework's label. */
  static boolean ours(Resource r, String frameworkId, String role) {
    if (r.getReservationsCount() == 0) return false;
    Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
    return last.getRole().equals(role) && frameworkId.equals(Identity.labelsOf(r).get(ReservationLabels.FRAMEWORK));
  }
}
