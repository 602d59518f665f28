package io.mooring.offer.scheduler;

import io.mooring.proto.v1.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which claims past their deadline to ask Mesos about now. Each is asked about again only after {@code recheckMillis}:
 * in a launch storm thousands of claims are overdue merely because their statuses wait in line, and asking about all
 * of them every few seconds floods that very line with answers.
 */
final class OverdueClaims {
  private final long recheckMillis;
  /** Instance id → when Mesos was last asked about its claim; only claims still overdue are kept. */
  private final Map<String, Long> askedAt = new HashMap<>();

  OverdueClaims(long recheckMillis) {
    this.recheckMillis = recheckMillis;
  }

  synchronized List<Instance> due(List<Instance> claimed, long nowMillis) {
    List<Instance> overdue = claimed.stream().filter(i -> i.getReservation().getDeadlineMillis() <= nowMillis)
        .toList();
    Set<String> ids = overdue.stream().map(Instance::getInstanceId).collect(Collectors.toSet());
    askedAt.keySet().retainAll(ids);
    List<Instance> due = overdue.stream()
        .filter(i -> nowMillis - askedAt.getOrDefault(i.getInstanceId(), Long.MIN_VALUE / 2) >= recheckMillis)
        .toList();
    due.forEach(i -> askedAt.put(i.getInstanceId(), nowMillis));
    return due;
  }
}
