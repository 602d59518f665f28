package io.mooring.sim.resources;

import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Mesos' one-line text of a resource (operator<< in resources.cpp), e.g.
 * {@code disk(allocated: eng)(reservations: [(DYNAMIC,eng,fw)])[MOUNT:/mnt/d0,db-0:data]:2048}; used in messages.
 */
@SuppressWarnings("deprecation") // Resource.role is the pre-refinement format this class handles
final class ResourceText {
  private ResourceText() {}

  static String describe(Resource r) {
    StringBuilder s = new StringBuilder(r.getName());
    if (r.hasRole() || r.hasReservation()) s.append(legacyReservation(r));
    if (r.hasAllocationInfo()) s.append("(allocated: ").append(r.getAllocationInfo().getRole()).append(')');
    if (r.getReservationsCount() > 0) {
      s.append("(reservations: [")
          .append(r.getReservationsList().stream().map(ResourceText::reservation).collect(Collectors.joining(",")))
          .append("])");
    }
    if (r.hasDisk()) s.append('[').append(disk(r.getDisk())).append(']');
    if (r.hasRevocable()) s.append("{REV}");
    if (r.hasShared()) s.append("<SHARED>");
    if (r.hasProviderId()) s.append("(provider: ").append(r.getProviderId().getValue()).append(')');
    s.append(':');
    Quantity quantity = Quantity.of(r);
    return s.append(quantity == null ? "?" : quantity.toString()).toString();
  }

  /** The pre-refinement format as Mesos printed it before 1.4: cpus(eng, principal):1. */
  private static String legacyReservation(Resource r) {
    StringBuilder s = new StringBuilder("(").append(r.getRole());
    if (r.getReservation().hasPrincipal()) s.append(", ").append(r.getReservation().getPrincipal());
    if (r.getReservation().hasLabels()) s.append(", ").append(labels(r.getReservation().getLabels()));
    return s.append(')').toString();
  }

  private static String reservation(ReservationInfo reservation) {
    StringBuilder s = new StringBuilder("(");
    if (reservation.hasType()) s.append(reservation.getType()).append(',');
    s.append(reservation.getRole());
    if (reservation.hasPrincipal()) s.append(',').append(reservation.getPrincipal());
    if (reservation.hasLabels()) s.append(',').append(labels(reservation.getLabels()));
    return s.append(')').toString();
  }

  private static String disk(DiskInfo disk) {
    StringBuilder s = new StringBuilder();
    if (disk.hasSource()) {
      DiskInfo.Source source = disk.getSource();
      s.append(source.getType());
      if (source.hasId()) s.append('(').append(source.getVendor()).append(',').append(source.getId()).append(')');
      if (source.getPath().hasRoot()) s.append(':').append(source.getPath().getRoot());
      if (source.getMount().hasRoot()) s.append(':').append(source.getMount().getRoot());
    }
    if (disk.hasPersistence()) {
      if (disk.hasSource()) s.append(',');
      s.append(disk.getPersistence().getId());
    }
    if (disk.hasVolume()) s.append(':').append(disk.getVolume().getContainerPath());
    return s.toString();
  }

  private static String labels(Labels labels) {
    return labels.getLabelsList().stream()
        .map(l -> l.getKey() + (l.hasValue() ? ": " + l.getValue() : ""))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
