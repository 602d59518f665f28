package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/**
 * What is left of an offer for this framework while one pass places instances on it: immutable; each placement
 * yields a new pool without the pieces it took, so the next request cannot take them again.
 */
final class ResourcePool {
  private final List<Resource> resources;
  /** Each resource without its value, built once per offer: {@link #minus} compares them for every piece. */
  private final List<Resource> identities;

  private ResourcePool(List<Resource> resources) {
    this(resources, resources.stream().map(ResourcePool::identity).toList());
  }

  private ResourcePool(List<Resource> resources, List<Resource> identities) {
    this.resources = List.copyOf(resources);
    this.identities = List.copyOf(identities);
  }

  /** The offer's resources allocated to our role (MULTI_ROLE offers carry allocation_info on each resource). */
  static ResourcePool of(Offer offer, String role) {
    return new ResourcePool(offer.getResourcesList().stream().filter(r -> Ownership.usable(r, role)).toList());
  }

  /** Resources already chosen, to share out among several users (the parts of a pod). */
  static ResourcePool of(List<Resource> resources) {
    return new ResourcePool(resources);
  }

  List<Resource> resources() {
    return resources;
  }

  List<Resource> select(Predicate<Resource> predicate) {
    return resources.stream().filter(predicate).toList();
  }

  /**
   * The pool without the pieces taken: a piece is a copy of one pool resource with a smaller value (scalar or
   * ranges); exclusive resources (MOUNT disks, persistent volumes) are taken whole.
   */
  ResourcePool minus(List<Resource> taken) {
    List<Resource> left = new ArrayList<>(resources);
    List<Resource> identities = new ArrayList<>(this.identities);
    for (Resource piece : taken) {
      int index = indexOfSource(left, identities, piece);
      if (index < 0) throw new IllegalArgumentException("Not in the pool: " + piece);
      Resource rest = subtract(left.get(index), piece);
      if (rest == null) {
        left.remove(index);
        identities.remove(index);
      } else {
        left.set(index, rest);
      }
    }
    return new ResourcePool(left, identities);
  }

  private static int indexOfSource(List<Resource> left, List<Resource> identities, Resource piece) {
    Resource identity = identity(piece);
    for (int i = 0; i < left.size(); i++) {
      Resource candidate = left.get(i);
      if (!candidate.getName().equals(piece.getName()) || !identities.get(i).equals(identity)) continue;
      if (piece.hasScalar() && Scalars.millis(candidate) < Scalars.millis(piece)) continue;
      return i;
    }
    return -1;
  }

  /** A resource without its value: two resources with equal identities are pieces of one another. */
  private static Resource identity(Resource r) {
    return r.toBuilder().clearScalar().clearRanges().clearSet().build();
  }

  /** What remains of {@code from} once {@code piece} is taken; null when nothing does. */
  private static Resource subtract(Resource from, Resource piece) {
    if (from.hasRanges()) {
      var rest = Ranges.minus(from.getRanges().getRangeList(), piece.getRanges().getRangeList());
      if (rest.isEmpty()) return null;
      return from.toBuilder().setRanges(from.getRanges().toBuilder().clearRange().addAllRange(rest)).build();
    }
    if (!from.hasScalar() || DiskKind.isExclusive(from)) return null;
    long rest = Scalars.millis(from) - Scalars.millis(piece);
    return rest <= 0 ? null : Scalars.withMillis(from, rest);
  }
}
