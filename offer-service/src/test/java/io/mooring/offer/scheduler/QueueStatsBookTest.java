package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.RunSpecQueueStats;
import io.mooring.proto.v1.UnusedOffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueStatsBookTest {
  private static final long T0 = 1_700_000_000_000L;

  /** On a whole second too: Instant.toString() would drop the ".000" Marathon's clients expect. */
  @Test
  void offerTimesAreMarathonTimestamps() {
    QueueStatsBook book = new QueueStatsBook();
    book.used("/db", T0);
    book.unused("/db", "InsufficientCpus", offer("o-1", "a-1"), T0 + 1_000);

    RunSpecQueueStats stats = book.snapshot(false).getEntries(0);
    assertEquals("2023-11-14T22:13:20.000Z", stats.getLastUsedOfferAt());
    assertEquals("2023-11-14T22:13:21.000Z", stats.getLastUnusedOfferAt());
    assertEquals(2, stats.getProcessedOffers());
  }

  /** Offers from these agents in turn (offer i from the i-th), and the last unused offers kept, newest first. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "a1,                                   a1",
      "a1 a2,                                a2 a1",
      "a1 a2 a1,                             a1 a2",
      "a1 a1 a1,                             a1",
      "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12, a12 a11 a10 a9 a8 a7 a6 a5 a4 a3",
      "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a1,  a1 a11 a10 a9 a8 a7 a6 a5 a4 a3"})
  void theLastUnusedOffersAreTheNewestTenOnePerAgent(String agents, String kept) {
    QueueStatsBook book = new QueueStatsBook();
    List<String> from = Arrays.asList(agents.split(" "));
    for (int i = 0; i < from.size(); i++) {
      book.unused("/db", "InsufficientMemory", offer("o-" + i, from.get(i)), T0 + i);
    }

    QueueStats stats = book.snapshot(true);
    List<UnusedOffer> last = stats.getEntries(0).getLastUnusedOffersList();
    List<String> agentOfEach = last.stream().map(u -> stats.getOffersList().stream()
        .filter(o -> o.getId().equals(u.getOfferId())).findFirst().orElseThrow().getAgentId()).toList();
    assertEquals(Arrays.asList(kept.split(" ")), agentOfEach);
    int newest = from.size() - 1;
    assertEquals(UnusedOffer.newBuilder().setOfferId("o-" + newest).addReasons("InsufficientMemory")
        .setTimestamp(Timestamps.format(T0 + newest)).build(), last.get(0));
    assertEquals(from.size(), stats.getEntries(0).getUnusedOffers(), "every offer still counts");
  }

  /** The common GET /v2/queue stays as small as before. */
  @Test
  void unusedOffersAreSentOnlyWhenAskedFor() {
    QueueStatsBook book = new QueueStatsBook();
    book.unused("/db", "InsufficientCpus", offer("o-1", "a-1"), T0);

    QueueStats plain = book.snapshot(false);
    assertEquals(0, plain.getOffersCount());
    assertEquals(0, plain.getEntries(0).getLastUnusedOffersCount());
    assertEquals(1, book.snapshot(true).getEntries(0).getLastUnusedOffersCount());
  }

  /**
   * 1,000 queued run specs, each offer of 200 agents refused by all of them: each run spec keeps 10, and an offer
   * refused by all is held and sent once.
   */
  @Test
  void aLargeQueueKeepsTenPerRunSpecAndSharesTheOffers() {
    QueueStatsBook book = new QueueStatsBook();
    List<String> runSpecs = IntStream.range(0, 1_000).mapToObj(i -> "/app-" + i).toList();
    for (int agent = 0; agent < 200; agent++) {
      OfferView offer = offer("o-" + agent, "a-" + agent);
      for (String runSpec : runSpecs) {
        book.unused(runSpec, "InsufficientCpus", offer, T0 + agent);
      }
    }

    QueueStats stats = book.snapshot(true);
    assertEquals(1_000, stats.getEntriesCount());
    stats.getEntriesList().forEach(e -> assertEquals(QueueStatsBook.LAST_UNUSED_OFFERS,
        e.getLastUnusedOffersCount()));
    assertEquals(IntStream.iterate(199, i -> i - 1).limit(10).mapToObj(i -> "o-" + i).toList(),
        stats.getOffersList().stream().map(OfferView::getId).toList());
    assertTrue(book.snapshot(false).getSerializedSize() < 200 * 1_000, "no offers without asking");

    book.retain(Set.of("/app-7"));
    assertEquals(List.of("/app-7"), book.snapshot(true).getEntriesList().stream()
        .map(RunSpecQueueStats::getRunSpecId).toList(), "only run specs still queued are kept");
  }

  private static OfferView offer(String id, String agentId) {
    return OfferView.newBuilder().setId(id).setAgentId(agentId).setHostname("host-" + agentId).build();
  }
}
