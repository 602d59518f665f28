package io.mooring.sim.resources;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Predicates and conversions on a single resource, as Mesos' static {@code Resources::is*} helpers. All expect the
 * post-refinement format ({@code reservations[]}); convert inbound resources with {@link ResourceFormat#upgrade}.
 */
public final class ResourceRules {
  private ResourceRules() {}

  public static boolean isPersistentVolume(Resource r) {
    return r.hasDisk() && r.getDisk().hasPersistence();
  }

  public static boolean isUnreserved(Resource r) {
    return r.getReservationsCount() == 0;
  }

  public static boolean isReserved(Resource r) {
    return r.getReservationsCount() > 0;
  }

  /** The last (current) reservation is DYNAMIC: UNRESERVE can pop it. */
  public static boolean isDynamicallyReserved(Resource r) {
    return isReserved(r) && lastReservation(r).getType() == ReservationInfo.Type.DYNAMIC;
  }

  /** More than one reservation: never shown to frameworks without RESERVATION_REFINEMENT. */
  public static boolean isRefined(Resource r) {
    return r.getReservationsCount() > 1;
  }

  /** The role of the last reservation, or "*" when unreserved. */
  public static String reservationRole(Resource r) {
    return isReserved(r) ? lastReservation(r).getRole() : Roles.ANY;
  }

  public static boolean isReservedTo(Resource r, String role) {
    return isReserved(r) && lastReservation(r).getRole().equals(role);
  }

  public static boolean isMount(Resource r) {
    return isDisk(r, DiskInfo.Source.Type.MOUNT);
  }

  public static boolean isDisk(Resource r, DiskInfo.Source.Type type) {
    return r.hasDisk() && r.getDisk().hasSource() && r.getDisk().getSource().getType() == type;
  }

  public static boolean isRevocable(Resource r) {
    return r.hasRevocable();
  }

  public static boolean isShared(Resource r) {
    return r.hasShared();
  }

  /** Unreserved, or reserved to role or to one of its ancestors ({@code eng} resources are allocatable to eng/a). */
  public static boolean isAllocatableTo(Resource r, String role) {
    return isUnreserved(r) || isAncestorOrSelf(lastReservation(r).getRole(), role);
  }

  public static boolean isAncestorOrSelf(String ancestor, String role) {
    return ancestor.equals(role) || Roles.isStrictAncestor(ancestor, role);
  }

  /**
   * The disk a persistent volume was created on (DESTROY's conversion): persistence and volume dropped; a root-disk
   * volume (no source) loses its DiskInfo entirely; no longer shared. Other resources are returned unchanged.
   */
  public static Resource stripVolume(Resource r) {
    if (!isPersistentVolume(r)) return r;
    Resource.Builder b = r.toBuilder().clearShared();
    if (r.getDisk().hasSource()) b.getDiskBuilder().clearPersistence().clearVolume();
    else b.clearDisk();
    return b.build();
  }

  /** The resource with its last reservation removed (UNRESERVE's conversion); refined ones go back to the parent. */
  public static Resource popReservation(Resource r) {
    if (!isReserved(r)) throw new IllegalArgumentException("Cannot pop the reservation of an unreserved resource");
    return r.toBuilder().removeReservations(r.getReservationsCount() - 1).build();
  }

  /** The resource with one more reservation on its stack (RESERVE's conversion). */
  public static Resource pushReservation(Resource r, ReservationInfo reservation) {
    return r.toBuilder().addReservations(reservation).build();
  }

  private static ReservationInfo lastReservation(Resource r) {
    return r.getReservations(r.getReservationsCount() - 1);
  }
}
