package io.mooring.gc.core;

import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.ReservedResource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Resource;

/**
 * How a piece of garbage is recognised on an agent: reserved resources whose last reservation carries exactly its
 * labels (framework, instance and claim: nothing reserved by another claim matches), and volumes by persistence id
 * alone, which is unique in the cluster (and never reused: a lost claim's instance gets fresh ones).
 */
public record Identity(Map<String, String> labels, Set<String> persistenceIds) {
  /**
   * What a piece of garbage is made of. A lost claim recorded before claims were labelled cannot tell its leftovers
   * from the instance's later reservation (Mesos merges equal labels): only its volumes are recognised, by id.
   */
  public static Identity of(Garbage garbage) {
    Identity recorded = of(garbage.getResourcesList());
    boolean claimUnknown = !recorded.labels().containsKey(ReservationLabels.CLAIM)
        && garbage.getReason() != Garbage.Reason.DECOMMISSIONED;
    return claimUnknown ? new Identity(Map.of(), recorded.persistenceIds()) : recorded;
  }

  /** From the resources as reservation-service recorded them; empty for an instance that never reserved anything. */
  public static Identity of(List<ReservedResource> recorded) {
    Map<String, String> labels = Map.of();
    Set<String> ids = new HashSet<>();
    for (ReservedResource r : recorded) {
      if (labels.isEmpty() && !r.getLabelsMap().isEmpty()) labels = Map.copyOf(r.getLabelsMap());
      if (!r.getPersistenceId().isEmpty()) ids.add(r.getPersistenceId());
    }
    return new Identity(labels, Set.copyOf(ids));
  }

  public boolean isEmpty() {
    return labels.isEmpty() && persistenceIds.isEmpty();
  }

  public boolean matches(Resource r) {
    if (isVolume(r)) {
      return persistenceIds.contains(r.getDisk().getPersistence().getId()) && sameFramework(labelsOf(r));
    }
    return !labels.isEmpty() && labels.equals(labelsOf(r));
  }

  /** Another framework's volume is never ours, whatever its persistence id. */
  private boolean sameFramework(Map<String, String> theirs) {
    String ours = labels.get(ReservationLabels.FRAMEWORK);
    return ours == null || ours.equals(theirs.get(ReservationLabels.FRAMEWORK));
  }

  /** The labels of the last (the framework's own) reservation; empty for an unreserved resource. */
  public static Map<String, String> labelsOf(Resource r) {
    if (r.getReservationsCount() == 0) return Map.of();
    Map<String, String> labels = new HashMap<>();
    for (Label l : r.getReservations(r.getReservationsCount() - 1).getLabels().getLabelsList()) {
      labels.put(l.getKey(), l.getValue());
    }
    return labels;
  }

  public static boolean isVolume(Resource r) {
    return r.hasDisk() && r.getDisk().hasPersistence();
  }
}
