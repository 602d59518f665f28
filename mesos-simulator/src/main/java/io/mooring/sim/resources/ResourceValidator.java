package io.mooring.sim.resources;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;

/** Validation of a single Resource in either reservation format, as Resources::validate (resources.cpp). */
@SuppressWarnings("deprecation") // Resource.role is the pre-refinement format this class handles
public final class ResourceValidator {
  private ResourceValidator() {}

  /** Empty if valid, otherwise Mesos' reason, e.g. "Invalid scalar resource: value <= 0". */
  public static Optional<String> validate(Resource r) {
    if (r.getName().isEmpty()) return error("Empty resource name");
    Optional<String> error = validateValue(r);
    if (error.isEmpty()) error = validateDisk(r);
    if (error.isEmpty()) error = r.getReservationsCount() == 0 ? validateLegacy(r) : validateRefined(r);
    if (error.isEmpty()) error = validateShared(r);
    return error;
  }

  private static Optional<String> validateValue(Resource r) {
    switch (r.getType()) {
      case SCALAR -> {
        if (!r.hasScalar() || r.hasRanges() || r.hasSet()) return error("Invalid scalar resource");
        double value = r.getScalar().getValue();
        // Negative values, and non-zero ones that fixed point would turn into zero.
        if (value != 0 && ScalarQuantity.toMillis(value) <= 0) return error("Invalid scalar resource: value <= 0");
      }
      case RANGES -> {
        if (r.hasScalar() || !r.hasRanges() || r.hasSet()) return error("Invalid ranges resource");
        List<Value.Range> ranges = r.getRanges().getRangeList();
        for (int i = 0; i < ranges.size(); i++) {
          Value.Range range = ranges.get(i);
          if (range.getBegin() > range.getEnd()) return error("Invalid ranges resource: begin > end");
          for (int j = i + 1; j < ranges.size(); j++) {
            Value.Range other = ranges.get(j);
            boolean overlap = range.getBegin() <= other.getEnd() && other.getBegin() <= range.getEnd();
            if (overlap) return error("Invalid ranges resource: overlapping ranges");
          }
        }
      }
      case SET -> {
        if (r.hasScalar() || r.hasRanges() || !r.hasSet()) return error("Invalid set resource");
        Set<String> seen = new HashSet<>();
        for (String item : r.getSet().getItemList()) {
          if (!seen.add(item)) return error("Invalid set resource: duplicated elements");
        }
      }
      default -> {
        return error("Unsupported resource type");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> validateDisk(Resource r) {
    if (!r.hasDisk()) return Optional.empty();
    if (!r.getName().equals("disk")) return error("DiskInfo should not be set for " + r.getName() + " resource");
    if (!r.getDisk().hasSource()) return Optional.empty();
    DiskInfo.Source source = r.getDisk().getSource();
    switch (source.getType()) {
      case PATH, MOUNT -> {
        return Optional.empty();
      }
      case BLOCK, RAW -> {
        if (source.hasMount()) return error("Mount should not be set for " + source.getType() + " disk source");
        if (source.hasPath()) return error("Path should not be set for " + source.getType() + " disk source");
        return Optional.empty();
      }
      default -> {
        return error("Unsupported 'DiskInfo.Source.Type' in '" + source.getType() + "'");
      }
    }
  }

  /** The pre-refinement format: {@code role} (default "*") and an optional {@code reservation}. */
  private static Optional<String> validateLegacy(Resource r) {
    Optional<String> roleError = Roles.validate(r.getRole());
    if (roleError.isPresent() || !r.hasReservation()) return roleError;
    if (r.getReservation().hasType()) {
      return error("'Resource.ReservationInfo.type' must not be set for the 'Resource.reservation' field");
    }
    if (r.getReservation().hasRole()) {
      return error("'Resource.ReservationInfo.role' must not be set for the 'Resource.reservation' field");
    }
    if (r.getRole().equals(Roles.ANY)) {
      return error("Invalid reservation: role \"*\" cannot be dynamically reserved");
    }
    return Optional.empty();
  }

  /** The post-refinement stack; the legacy fields may also be present only when they say the same (Mesos' rule). */
  private static Optional<String> validateRefined(Resource r) {
    for (ReservationInfo reservation : r.getReservationsList()) {
      if (!reservation.hasType()) return error("Invalid reservation: 'Resource.ReservationInfo.type' field must be set.");
      if (!reservation.hasRole()) return error("Invalid reservation: 'Resource.ReservationInfo.role' field must be set.");
      Optional<String> roleError = Roles.validate(reservation.getRole());
      if (roleError.isPresent()) return roleError;
      if (reservation.getRole().equals(Roles.ANY)) return error("Invalid reservation: role \"*\" cannot be reserved");
    }
    String ancestor = r.getReservations(0).getRole();
    for (int i = 1; i < r.getReservationsCount(); i++) {
      ReservationInfo reservation = r.getReservations(i);
      if (reservation.getType() == ReservationInfo.Type.STATIC) {
        return error("Invalid refined reservation: A refined reservation cannot be STATIC");
      }
      if (!Roles.isStrictAncestor(ancestor, reservation.getRole())) {
        return error("Invalid refined reservation: role '" + reservation.getRole() + "' is not a refinement of '"
            + ancestor + "'");
      }
      ancestor = reservation.getRole();
    }
    return r.getReservationsCount() == 1 ? validateBothFormats(r) : validateNoLegacyFields(r);
  }

  private static Optional<String> validateBothFormats(Resource r) {
    ReservationInfo reservation = r.getReservations(0);
    if (r.hasRole() && !r.getRole().equals(reservation.getRole())) {
      return error("Invalid resource format: 'Resource.role' field with '" + r.getRole()
          + "' does not match the role '" + reservation.getRole() + "' in 'Resource.reservations'");
    }
    switch (reservation.getType()) {
      case STATIC -> {
        if (r.hasReservation()) {
          return error("Invalid resource format: 'Resource.reservation' must not be set if the single reservation"
              + " in 'Resource.reservations' is STATIC");
        }
      }
      case DYNAMIC -> {
        if (r.hasRole() != r.hasReservation()) {
          return error("Invalid resource format: 'Resource.role' and 'Resource.reservation' must either be both set"
              + " or both not set if the single reservation in 'Resource.reservations' is DYNAMIC");
        }
        if (r.hasReservation() && !r.getReservation().getPrincipal().equals(reservation.getPrincipal())) {
          return error("Invalid resource format: 'Resource.reservation.principal' field with '"
              + r.getReservation().getPrincipal() + "' does not match the principal '" + reservation.getPrincipal()
              + "' in 'Resource.reservations'");
        }
        if (r.hasReservation() && !MesosEquality.labels(r.getReservation().getLabels(), reservation.getLabels())) {
          return error("Invalid resource format: 'Resource.reservation.labels' field does not match the labels in"
              + " 'Resource.reservations'");
        }
      }
      default -> {
        return error("Unsupported 'Resource.ReservationInfo.Type'");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> validateNoLegacyFields(Resource r) {
    if (r.hasRole()) {
      return error("Invalid resource format: 'Resource.role' must not be set if there is more than one reservation"
          + " in 'Resource.reservations'");
    }
    if (r.hasReservation()) {
      return error("Invalid resource format: 'Resource.reservation' must not be set if there is more than one"
          + " reservation in 'Resource.reservations'");
    }
    return Optional.empty();
  }

  private static Optional<String> validateShared(Resource r) {
    if (!r.hasShared()) return Optional.empty();
    if (!r.getName().equals("disk")) return error("Resource " + r.getName() + " cannot be shared");
    if (!r.hasDisk() || !r.getDisk().hasPersistence()) return error("Only persistent volumes can be shared");
    return Optional.empty();
  }

  private static Optional<String> error(String message) {
    return Optional.of(message);
  }
}
