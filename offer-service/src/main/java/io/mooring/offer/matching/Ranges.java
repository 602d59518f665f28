package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Value;

/** Port range arithmetic on Mesos {@code Value.Range}s (inclusive bounds). */
final class Ranges {
  private Ranges() {}

  static boolean contains(List<Value.Range> ranges, long port) {
    for (Value.Range r : ranges) if (r.getBegin() <= port && port <= r.getEnd()) return true;
    return false;
  }

  /** The ports as the fewest ascending ranges. */
  static List<Value.Range> of(Collection<Long> ports) {
    List<Value.Range> ranges = new ArrayList<>();
    long begin = -1;
    long end = -1;
    for (long port : new TreeSet<>(ports)) {
      if (begin >= 0 && port == end + 1) {
        end = port;
        continue;
      }
      if (begin >= 0) ranges.add(range(begin, end));
      begin = port;
      end = port;
    }
    if (begin >= 0) ranges.add(range(begin, end));
    return ranges;
  }

  /** {@code from} without the ports of {@code taken}. */
  static List<Value.Range> minus(List<Value.Range> from, List<Value.Range> taken) {
    List<Value.Range> left = new ArrayList<>(from);
    for (Value.Range t : taken) {
      List<Value.Range> next = new ArrayList<>();
      for (Value.Range r : left) {
        if (t.getEnd() < r.getBegin() || t.getBegin() > r.getEnd()) {
          next.add(r);
          continue;
        }
        if (r.getBegin() < t.getBegin()) next.add(range(r.getBegin(), t.getBegin() - 1));
        if (t.getEnd() < r.getEnd()) next.add(range(t.getEnd() + 1, r.getEnd()));
      }
      left = next;
    }
    return left;
  }

  static Value.Range range(long begin, long end) {
    return Value.Range.newBuilder().setBegin(begin).setEnd(end).build();
  }
}
