package io.mooring.sim.resources;

import org.apache.mesos.v1.Protos.Resource;

/**
 * The value of one resource entry in a normal form (scalars in milli-units, ranges sorted and coalesced, sets sorted
 * and unique), so that equal amounts compare equal whatever their proto encoding. Immutable.
 */
sealed interface Quantity permits ScalarQuantity, RangesQuantity, SetQuantity {

  /** The value of a resource of any supported type; null if the resource lacks the value for its type or is TEXT. */
  static Quantity of(Resource r) {
    return switch (r.getType()) {
      case SCALAR -> r.hasScalar() ? ScalarQuantity.of(r.getScalar().getValue()) : null;
      case RANGES -> r.hasRanges() ? RangesQuantity.of(r.getRanges()) : null;
      case SET -> r.hasSet() ? SetQuantity.of(r.getSet()) : null;
      default -> null;
    };
  }

  /** Both quantities have the same type: callers only combine entries of equal {@link ResourceKey}. */
  Quantity plus(Quantity other);

  /** What is left; for scalars it may be zero or negative, which {@link #isEmpty} treats as nothing. */
  Quantity minus(Quantity other);

  boolean contains(Quantity other);

  /** Nothing left: zero or negative scalar, no ranges, no items. */
  boolean isEmpty();

  /** True if the resource already carries exactly this value in normal form, so its proto can be reused as is. */
  boolean isEncodedIn(Resource r);

  void writeTo(Resource.Builder b);
}
