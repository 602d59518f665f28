package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Chooses host ports from the offered port ranges: exact requests first, then each "any" request gets the lowest free
 * port, so the same ranges always give the same ports (a relaunch on reserved ranges gets its old ports back).
 */
final class PortMatcher {
  /**
   * @param hostPorts one per request, in request order
   * @param resources the chosen ports as pieces of the offered port resources
   */
  record Match(List<Integer> hostPorts, List<Resource> resources) {}

  private PortMatcher() {}

  static Optional<Match> match(List<Resource> portResources, List<PortRequest> requests) {
    List<Resource> offered = portResources.stream().filter(r -> r.getName().equals("ports") && r.hasRanges()).toList();
    Integer[] chosen = new Integer[requests.size()];
    int[] owner = new int[requests.size()];
    Set<Long> taken = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      PortRequest request = requests.get(i);
      if (!request.exact()) continue;
      int source = holder(offered, request.port());
      if (source < 0 || !taken.add((long) request.port())) return Optional.empty();
      chosen[i] = request.port();
      owner[i] = source;
    }
    List<long[]> free = ascendingRanges(offered);
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).exact()) continue;
      long[] pick = lowestFree(free, taken);
      if (pick == null) return Optional.empty();
      taken.add(pick[0]);
      chosen[i] = (int) pick[0];
      owner[i] = (int) pick[1];
    }
    return Optional.of(new Match(List.of(chosen), pieces(offered, chosen, owner)));
  }

  private static int holder(List<Resource> offered, long port) {
    for (int i = 0; i < offered.size(); i++) {
      if (Ranges.contains(offered.get(i).getRanges().getRangeList(), port)) return i;
    }
    return -1;
  }

  /** Every offered range as {begin, end, resource index}, lowest first. */
  private static List<long[]> ascendingRanges(List<Resource> offered) {
    List<long[]> ranges = new ArrayList<>();
    for (int i = 0; i < offered.size(); i++) {
      for (Value.Range r : offered.get(i).getRanges().getRangeList()) {
        ranges.add(new long[] {r.getBegin(), r.getEnd(), i});
      }
    }
    ranges.sort(Comparator.comparingLong(r -> r[0]));
    return ranges;
  }

  /** {port, resource index}; the scan is short because only a few ports are ever taken. */
  private static long[] lowestFree(List<long[]> ranges, Set<Long> taken) {
    for (long[] r : ranges) {
      for (long port = r[0]; port <= r[1]; port++) if (!taken.contains(port)) return new long[] {port, r[2]};
    }
    return null;
  }

  private static List<Resource> pieces(List<Resource> offered, Integer[] chosen, int[] owner) {
    Map<Integer, List<Long>> bySource = new TreeMap<>();
    for (int i = 0; i < chosen.length; i++) {
      bySource.computeIfAbsent(owner[i], k -> new ArrayList<>()).add((long) chosen[i]);
    }
    List<Resource> pieces = new ArrayList<>();
    bySource.forEach((source, ports) -> {
      Resource r = offered.get(source);
      pieces.add(r.toBuilder().setRanges(Value.Ranges.newBuilder().addAllRange(Ranges.of(ports))).build());
    });
    return pieces;
  }
}
