package io.mooring.sim.resources;

import java.util.Objects;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.AllocationInfo;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Everything but the value that decides whether two resources may be added or subtracted (resources.cpp
 * {@code addable}): name, type, allocation, the whole reservation stack, disk identity, revocable, provider and
 * shared. The allocation is held apart from the template proto so that allocating or unallocating a bag, which the
 * allocator does every second, re-keys entries without building protos. Immutable; the hash is computed once.
 */
final class ResourceKey {
  private final Resource template;
  private final AllocationInfo allocation; // null: no allocation_info
  private final boolean divisible;
  private final int identityHash;
  private final int hash;

  private ResourceKey(Resource template, AllocationInfo allocation, boolean divisible, int identityHash) {
    this.template = template;
    this.allocation = allocation;
    this.divisible = divisible;
    this.identityHash = identityHash;
    this.hash = 31 * identityHash + Objects.hashCode(allocation);
  }

  static ResourceKey of(Resource r) {
    return new ResourceKey(r, r.hasAllocationInfo() ? r.getAllocationInfo() : null, isDivisible(r), identityHash(r));
  }

  /** The proto this key was taken from; its allocation_info and value may be stale. */
  Resource template() {
    return template;
  }

  AllocationInfo allocation() {
    return allocation;
  }

  ResourceKey withAllocation(AllocationInfo newAllocation) {
    if (Objects.equals(newAllocation, allocation)) return this;
    return new ResourceKey(template, newAllocation, divisible, identityHash);
  }

  boolean allocationMatchesTemplate() {
    return template.hasAllocationInfo() ? template.getAllocationInfo().equals(allocation) : allocation == null;
  }

  /**
   * Divisible entries merge with their equals and can be partly subtracted. The others (persistent volumes, MOUNT and
   * BLOCK disks, RAW disks with an id, shared resources) are exclusive: they never merge, and are subtracted or
   * contained only whole.
   */
  boolean divisible() {
    return divisible;
  }

  private static boolean isDivisible(Resource r) {
    if (r.hasShared()) return false;
    if (!r.hasDisk()) return true;
    DiskInfo disk = r.getDisk();
    if (disk.hasPersistence()) return false;
    if (!disk.hasSource()) return true;
    return switch (disk.getSource().getType()) {
      case MOUNT, BLOCK -> false;
      case RAW -> !disk.getSource().hasId();
      default -> true;
    };
  }

  // Covers the fields equals() compares; labels, which Mesos compares as bags, by a sum that ignores their order
  // (without them, every labelled reservation of a role collides, and sums over thousands of them turn quadratic).
  private static int identityHash(Resource r) {
    int h = r.getName().hashCode() * 31 + r.getType().getNumber();
    for (ReservationInfo reservation : r.getReservationsList()) {
      h = 31 * h + reservation.getType().getNumber();
      h = 31 * h + reservation.getRole().hashCode();
      h = 31 * h + reservation.getPrincipal().hashCode();
      // distinct: two lists Mesos calls equal hold the same labels unless one repeats a label
      h = 31 * h + reservation.getLabels().getLabelsList().stream().distinct()
          .mapToInt(label -> 31 * label.getKey().hashCode() + label.getValue().hashCode()).sum();
    }
    if (r.hasDisk()) {
      DiskInfo disk = r.getDisk();
      h = 31 * h + (disk.hasSource() ? disk.getSource().getType().getNumber() + 7 : 1);
      h = 31 * h + disk.getSource().getMount().getRoot().hashCode() + disk.getSource().getPath().getRoot().hashCode();
      h = 31 * h + disk.getSource().getId().hashCode();
      h = 31 * h + (disk.hasPersistence() ? disk.getPersistence().getId().hashCode() : 3);
    }
    h = 31 * h + (r.hasRevocable() ? 1 : 0) + (r.hasShared() ? 2 : 0);
    return 31 * h + r.getProviderId().getValue().hashCode();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ResourceKey that) || hash != that.hash || !Objects.equals(allocation, that.allocation)) {
      return false;
    }
    return template == that.template || sameIdentity(template, that.template);
  }

  private static boolean sameIdentity(Resource a, Resource b) {
    if (!a.getName().equals(b.getName()) || a.getType() != b.getType()) return false;
    if (a.getReservationsCount() != b.getReservationsCount()) return false;
    for (int i = 0; i < a.getReservationsCount(); i++) {
      if (!MesosEquality.reservation(a.getReservations(i), b.getReservations(i))) return false;
    }
    if (a.hasDisk() != b.hasDisk() || (a.hasDisk() && !MesosEquality.disk(a.getDisk(), b.getDisk()))) return false;
    if (a.hasRevocable() != b.hasRevocable() || a.hasShared() != b.hasShared()) return false;
    return a.hasProviderId() == b.hasProviderId() && a.getProviderId().equals(b.getProviderId());
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
