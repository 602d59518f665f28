package io.mooring.gc.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grace period of orphans: an orphan is cleaned only once it has been seen unreferenced, without a break, for
 * the whole period, so that a claim in flight (reserved in Mesos before its record is readable) is never taken for
 * one. A break (referenced again, agent away, gone) forgets it, and its period starts over when it is seen again.
 *
 * @param toRecord seen unreferenced for the first time: record when
 * @param toForget recorded, but no longer an orphan as seen now
 * @param due unreferenced since at least the grace period: clean them
 */
public record GraceReview(List<Orphan> toRecord, List<String> toForget, List<Orphan> due) {

  /** @param firstSeen the recorded orphans: key → when first seen unreferenced (millis) */
  public static GraceReview of(List<Orphan> unreferenced, Map<String, Long> firstSeen, long nowMillis,
      Duration grace) {
    List<Orphan> toRecord = new ArrayList<>();
    List<Orphan> due = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Orphan orphan : unreferenced) {
      seen.add(orphan.key());
      Long since = firstSeen.get(orphan.key());
      if (since == null) {
        toRecord.add(orphan);
      } else if (nowMillis - since >= grace.toMillis()) {
        due.add(orphan);
      }
    }
    List<String> toForget = firstSeen.keySet().stream().filter(key -> !seen.contains(key)).sorted().toList();
    return new GraceReview(List.copyOf(toRecord), toForget, List.copyOf(due));
  }
}
