package io.mooring.offer.matching;

import io.mooring.model.ReservationLabels;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Whose a resource is, read from the refined reservation stack (RESERVATION_REFINEMENT): unreserved iff the stack is
 * empty; ours iff its last reservation is for our role and carries our framework and instance labels.
 */
final class Ownership {
  private Ownership() {}

  /** Offered to us under our role, and of a kind we may reserve or launch on (revocable and shared ones are not). */
  static boolean usable(Resource r, String role) {
    return r.hasAllocationInfo() && r.getAllocationInfo().getRole().equals(role) && !r.hasRevocable()
        && !r.hasShared();
  }

  static boolean isUnreserved(Resource r) {
    return r.getReservationsCount() == 0;
  }

  /** Carries a reservation label of Marathon or Mooring: never used for a new reservation, whoever it belongs to. */
  static boolean hasMarathonLabels(Resource r) {
    for (Resource.ReservationInfo reservation : r.getReservationsList()) {
      for (Label label : reservation.getLabels().getLabelsList()) {
        String key = label.getKey();
        if (key.equals(ReservationLabels.FRAMEWORK) || key.equals(ReservationLabels.INSTANCE)) return true;
      }
    }
    return false;
  }

  /** Reserved (last reservation) for the role with the labels of this framework and instance. */
  static boolean reservedFor(Resource r, MatchSettings settings, String instanceId) {
    if (r.getReservationsCount() == 0) return false;
    Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
    if (!last.getRole().equals(settings.role())) return false;
    return hasLabel(last, ReservationLabels.FRAMEWORK, settings.frameworkId())
        && hasLabel(last, ReservationLabels.INSTANCE, instanceId);
  }

  /** The claim label of the last reservation; "" when it has none (reserved before Mooring labelled claims). */
  static String claimOf(Resource r) {
    if (r.getReservationsCount() == 0) return "";
    for (Label label : r.getReservations(r.getReservationsCount() - 1).getLabels().getLabelsList()) {
      if (label.getKey().equals(ReservationLabels.CLAIM)) return label.getValue();
    }
    return "";
  }

  private static boolean hasLabel(Resource.ReservationInfo reservation, String key, String value) {
    for (Label label : reservation.getLabels().getLabelsList()) {
      if (label.getKey().equals(key) && label.getValue().equals(value)) return true;
    }
    return false;
  }

  static boolean isPersistentVolume(Resource r) {
    return r.hasDisk() && r.getDisk().hasPersistence();
  }
}
