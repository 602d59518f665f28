package io.mooring.sim.resources;

import java.util.Arrays;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Ranges as sorted, disjoint, non-adjacent closed intervals ([1-2],[3-4] coalesce to [1-4], as Mesos' IntervalSet),
 * stored flat as {begin0, end0, begin1, end1, ...}. Bounds are compared signed: uint64 bounds above 2^63 are not
 * supported, ports never come near.
 */
final class RangesQuantity implements Quantity {
  private final long[] bounds;

  private RangesQuantity(long[] bounds) {
    this.bounds = bounds;
  }

  /** Normalises any valid encoding; inverted ranges (invalid, refused by validation) are ignored. */
  static RangesQuantity of(Value.Ranges ranges) {
    long[][] pairs = ranges.getRangeList().stream()
        .filter(r -> r.getBegin() <= r.getEnd())
        .map(r -> new long[] {r.getBegin(), r.getEnd()})
        .sorted((a, b) -> Long.compare(a[0], b[0]))
        .toArray(long[][]::new);
    Appender out = new Appender(pairs.length);
    for (long[] p : pairs) out.add(p[0], p[1]);
    return out.result();
  }

  static RangesQuantity of(long... flatBounds) {
    Value.Ranges.Builder b = Value.Ranges.newBuilder();
    for (int i = 0; i < flatBounds.length; i += 2) b.addRangeBuilder().setBegin(flatBounds[i]).setEnd(flatBounds[i + 1]);
    return of(b.build());
  }

  int count() {
    return bounds.length / 2;
  }

  long begin(int i) {
    return bounds[2 * i];
  }

  long end(int i) {
    return bounds[2 * i + 1];
  }

  @Override
  public Quantity plus(Quantity other) {
    RangesQuantity that = (RangesQuantity) other;
    Appender out = new Appender(count() + that.count());
    int i = 0;
    int j = 0;
    while (i < count() || j < that.count()) {
      boolean takeThis = j >= that.count() || (i < count() && begin(i) <= that.begin(j));
      if (takeThis) {
        out.add(begin(i), end(i));
        i++;
      } else {
        out.add(that.begin(j), that.end(j));
        j++;
      }
    }
    return out.result();
  }

  @Override
  public Quantity minus(Quantity other) {
    RangesQuantity that = (RangesQuantity) other;
    Appender out = new Appender(count() + that.count());
    int j = 0;
    for (int i = 0; i < count(); i++) {
      long from = begin(i);
      long to = end(i);
      while (j < that.count() && that.end(j) < from) j++;
      // Cut every overlapping interval of `that` out of [from, to]; j stays, its interval may reach the next one.
      boolean consumed = false;
      for (int k = j; k < that.count() && that.begin(k) <= to; k++) {
        if (that.begin(k) > from) out.add(from, that.begin(k) - 1);
        if (that.end(k) >= to) {
          consumed = true;
          break;
        }
        from = Math.max(from, that.end(k) + 1); // end(k) < to, so no overflow
      }
      if (!consumed) out.add(from, to);
    }
    return out.result();
  }

  @Override
  public boolean contains(Quantity other) {
    RangesQuantity that = (RangesQuantity) other;
    int i = 0;
    for (int j = 0; j < that.count(); j++) {
      while (i < count() && end(i) < that.begin(j)) i++;
      // Ours are coalesced, so a contained interval lies within a single one of ours.
      if (i == count() || begin(i) > that.begin(j) || end(i) < that.end(j)) return false;
    }
    return true;
  }

  @Override
  public boolean isEmpty() {
    return bounds.length == 0;
  }

  @Override
  public boolean isEncodedIn(Resource r) {
    if (!r.hasRanges() || r.hasScalar() || r.hasSet() || r.getRanges().getRangeCount() != count()) return false;
    for (int i = 0; i < count(); i++) {
      Value.Range range = r.getRanges().getRange(i);
      if (range.getBegin() != begin(i) || range.getEnd() != end(i)) return false;
    }
    return true;
  }

  @Override
  public void writeTo(Resource.Builder b) {
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (int i = 0; i < count(); i++) ranges.addRangeBuilder().setBegin(begin(i)).setEnd(end(i));
    b.clearScalar().clearSet().setRanges(ranges);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangesQuantity that && Arrays.equals(bounds, that.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < count(); i++) {
      if (i > 0) s.append(", ");
      s.append(begin(i)).append('-').append(end(i));
    }
    return s.append(']').toString();
  }

  /** Collects intervals in ascending order of begin, coalescing overlapping and adjacent ones. */
  private static final class Appender {
    private long[] out;
    private int size;

    Appender(int capacity) {
      out = new long[2 * Math.max(capacity, 1)];
    }

    void add(long begin, long end) {
      if (size > 0 && (out[size - 1] == Long.MAX_VALUE || begin <= out[size - 1] + 1)) {
        out[size - 1] = Math.max(out[size - 1], end);
        return;
      }
      if (size == out.length) out = Arrays.copyOf(out, 2 * out.length);
      out[size++] = begin;
      out[size++] = end;
    }

    RangesQuantity result() {
      return new RangesQuantity(Arrays.copyOf(out, size));
    }
  }
}
