package io.mooring.offer.scheduler;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.RunSpecQueueStats;
import io.mooring.proto.v1.UnusedOffer;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Why offers were used or not, per run spec waiting for offers, for GET /v2/queue: counts, and the last few unused
 * offers (embed=lastUnusedOffers).
 */
@Singleton
public class QueueStatsBook {
  /**
   * Unused offers kept per run spec. Marathon keeps the last one of every agent, which grows with the cluster times
   * the queue; the newest few, one per agent, say as much about why a run spec waits.
   */
  static final int LAST_UNUSED_OFFERS = 10;
  private final Map<String, Entry> stats = new ConcurrentHashMap<>();

  /** One run spec's statistics; guarded by itself (offers are matched on one thread, read on others). */
  private static final class Entry {
    final RunSpecQueueStats.Builder counts;
    /** Newest first. The views are shared: every run spec that could not use an offer holds the same one. */
    final Deque<Unused> lastUnused = new ArrayDeque<>();

    Entry(String runSpecId) {
      counts = RunSpecQueueStats.newBuilder().setRunSpecId(runSpecId);
    }
  }

  /** Small on purpose: with thousands of run specs queued, these are the many objects. */
  private record Unused(OfferView offer, String reason, long atMillis) {
    UnusedOffer entry() {
      return UnusedOffer.newBuilder().setOfferId(offer.getId()).setTimestamp(Timestamps.format(atMillis))
          .addReasons(reason).build();
    }
  }

  void used(String runSpecId, long nowMillis) {
    update(runSpecId, e -> e.counts.setProcessedOffers(e.counts.getProcessedOffers() + 1)
        .setLastUsedOfferAt(Timestamps.format(nowMillis)));
  }

  /** {@code offer}: made once per offer, whatever the number of run specs that could not use it. */
  void unused(String runSpecId, String reason, OfferView offer, long nowMillis) {
    update(runSpecId, e -> {
      e.counts.setProcessedOffers(e.counts.getProcessedOffers() + 1)
          .setUnusedOffers(e.counts.getUnusedOffers() + 1)
          .putRejectReasons(reason, e.counts.getRejectReasonsOrDefault(reason, 0) + 1)
          .setLastUnusedOfferAt(Timestamps.format(nowMillis));
      e.lastUnused.removeIf(u -> u.offer().getAgentId().equals(offer.getAgentId()));
      e.lastUnused.addFirst(new Unused(offer, reason, nowMillis));
      if (e.lastUnused.size() > LAST_UNUSED_OFFERS) {
        e.lastUnused.removeLast();
      }
    });
  }

  /** Forgets run specs that no longer wait for offers. */
  void retain(Set<String> waiting) {
    stats.keySet().retainAll(waiting);
  }

  /** With {@code withLastUnusedOffers}, each entry names its last unused offers, and each of those is sent once. */
  public QueueStats snapshot(boolean withLastUnusedOffers) {
    QueueStats.Builder all = QueueStats.newBuilder();
    Map<String, OfferView> offers = new LinkedHashMap<>();
    stats.values().forEach(e -> {
      synchronized (e) {
        RunSpecQueueStats.Builder entry = e.counts.clone();
        if (withLastUnusedOffers) {
          e.lastUnused.forEach(u -> {
            entry.addLastUnusedOffers(u.entry());
            offers.putIfAbsent(u.offer().getId(), u.offer());
          });
        }
        all.addEntries(entry);
      }
    });
    return all.addAllOffers(offers.values()).build();
  }

  private void update(String runSpecId, Consumer<Entry> change) {
    Entry entry = stats.computeIfAbsent(runSpecId, Entry::new);
    synchronized (entry) {
      change.accept(entry);
    }
  }
}
