package io.mooring.offer.scheduler;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.RunSpecQueueStats;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Why offers were used or not, per run spec, for GET /v2/queue. */
@Singleton
public class QueueStatsBook {
  private final Map<String, RunSpecQueueStats.Builder> stats = new ConcurrentHashMap<>();

  void used(String runSpecId, long nowMillis) {
    update(runSpecId, s -> s.setProcessedOffers(s.getProcessedOffers() + 1)
        .setLastUsedOfferAt(Timestamps.format(nowMillis)));
  }

  void unused(String runSpecId, String reason, long nowMillis) {
    update(runSpecId, s -> s.setProcessedOffers(s.getProcessedOffers() + 1)
        .setUnusedOffers(s.getUnusedOffers() + 1)
        .putRejectReasons(reason, s.getRejectReasonsOrDefault(reason, 0) + 1)
        .setLastUnusedOfferAt(Timestamps.format(nowMillis)));
  }

  /** Forgets run specs that no longer wait for offers. */
  void retain(Set<String> waiting) {
    stats.keySet().retainAll(waiting);
  }

  public QueueStats snapshot() {
    QueueStats.Builder all = QueueStats.newBuilder();
    stats.values().forEach(s -> {
      synchronized (s) {
        all.addEntries(s.build());
      }
    });
    return all.build();
  }

  private void update(String runSpecId, java.util.function.Consumer<RunSpecQueueStats.Builder> change) {
    RunSpecQueueStats.Builder entry = stats.computeIfAbsent(runSpecId,
        id -> RunSpecQueueStats.newBuilder().setRunSpecId(id));
    synchronized (entry) {
      change.accept(entry);
    }
  }
}
