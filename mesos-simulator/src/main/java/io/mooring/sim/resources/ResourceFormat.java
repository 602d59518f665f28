package io.mooring.sim.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Conversions between the two reservation formats (resources_utils.cpp convertResourceFormat) and the views of a
 * resource that frameworks without RESERVATION_REFINEMENT or MULTI_ROLE get. The simulator stores only the
 * post-refinement format and converts at its edges.
 */
@SuppressWarnings("deprecation") // Resource.role is the pre-refinement format this class handles
public final class ResourceFormat {
  private ResourceFormat() {}

  /**
   * Validates a resource in either format and returns it in the post-refinement format: a non-empty
   * {@code reservations} is kept (role and reservation cleared); role "*" is unreserved; another role is STATIC
   * without {@code reservation} and DYNAMIC (principal and labels copied) with it.
   *
   * @throws ResourceException if Mesos would refuse the resource (§3.4)
   */
  public static Resource upgrade(Resource r) {
    Optional<String> error = ResourceValidator.validate(r);
    if (error.isPresent()) {
      throw new ResourceException("Resource '" + ResourceText.describe(r) + "' is invalid: " + error.get(), error.get());
    }
    return convertToRefined(r);
  }

  /** {@link #upgrade} of each; the first invalid resource throws. */
  public static List<Resource> upgrade(Iterable<Resource> resources) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : resources) out.add(upgrade(r));
    return out;
  }

  /** The format conversion of {@link #upgrade} without validation, for resources already known to be valid. */
  static Resource convertToRefined(Resource r) {
    if (r.getReservationsCount() > 0) {
      return r.hasRole() || r.hasReservation() ? r.toBuilder().clearRole().clearReservation().build() : r;
    }
    if (!r.hasRole() && !r.hasReservation()) return r;
    if (r.getRole().equals(Roles.ANY)) return r.toBuilder().clearRole().clearReservation().build();
    ReservationInfo.Builder reservation = r.hasReservation()
        ? r.getReservation().toBuilder().setType(ReservationInfo.Type.DYNAMIC)
        : ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC);
    reservation.setRole(r.getRole());
    return r.toBuilder().clearRole().clearReservation().addReservations(reservation).build();
  }

  /**
   * The pre-refinement view for frameworks without RESERVATION_REFINEMENT: unreserved becomes role "*", a STATIC
   * reservation its role, a DYNAMIC one its role plus {@code reservation{principal, labels}}.
   *
   * @throws IllegalArgumentException for refined reservations ({@link ResourceRules#isRefined}), which such
   *     frameworks are never offered, and for resources already carrying legacy fields
   */
  public static Resource downgrade(Resource r) {
    if (r.hasRole() || r.hasReservation()) {
      throw new IllegalArgumentException("Resource is not in the post-refinement format: " + ResourceText.describe(r));
    }
    if (ResourceRules.isRefined(r)) {
      throw new IllegalArgumentException("Cannot downgrade resources containing refined reservations");
    }
    if (r.getReservationsCount() == 0) return r.toBuilder().setRole(Roles.ANY).build();
    ReservationInfo source = r.getReservations(0);
    Resource.Builder b = r.toBuilder().clearReservations().setRole(source.getRole());
    if (source.getType() == ReservationInfo.Type.DYNAMIC) {
      ReservationInfo.Builder legacy = b.getReservationBuilder();
      if (source.hasPrincipal()) legacy.setPrincipal(source.getPrincipal());
      if (source.hasLabels()) legacy.setLabels(source.getLabels());
    }
    return b.build();
  }

  public static List<Resource> downgrade(Iterable<Resource> resources) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : resources) out.add(downgrade(r));
    return out;
  }

  /** The view for frameworks without MULTI_ROLE, which know no allocation_info. */
  public static Resource stripAllocationInfo(Resource r) {
    return r.hasAllocationInfo() ? r.toBuilder().clearAllocationInfo().build() : r;
  }

  public static List<Resource> stripAllocationInfo(Iterable<Resource> resources) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : resources) out.add(stripAllocationInfo(r));
    return out;
  }
}
