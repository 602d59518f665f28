package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.RunSpecQueueStats;
import org.junit.jupiter.api.Test;

class QueueStatsBookTest {
  /** On a whole second too: Instant.toString() would drop the ".000" Marathon's clients expect. */
  @Test
  void offerTimesAreMarathonTimestamps() {
    QueueStatsBook book = new QueueStatsBook();
    book.used("/db", 1_700_000_000_000L);
    book.unused("/db", "InsufficientCpus", 1_700_000_001_000L);

    RunSpecQueueStats stats = book.snapshot().getEntries(0);
    assertEquals("2023-11-14T22:13:20.000Z", stats.getLastUsedOfferAt());
    assertEquals("2023-11-14T22:13:21.000Z", stats.getLastUnusedOfferAt());
    assertEquals(2, stats.getProcessedOffers());
  }
}
