package io.mooring.offer.scheduler;

import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The latest launch queue, minus what this leader claimed since: reservation-service's next snapshot drops a
 * claimed instance, but offers may be matched before that snapshot arrives.
 */
final class LaunchQueueView {
  private static final long CLAIM_MEMORY_MILLIS = 5_000;
  private volatile LaunchQueueUpdate latest = LaunchQueueUpdate.getDefaultInstance();
  private final Map<String, Long> claimedAt = new ConcurrentHashMap<>();

  /** Takes a new snapshot; returns whether it asks for an instance the previous one did not. */
  boolean update(LaunchQueueUpdate update) {
    Set<String> before = ids(latest.getRequestsList());
    latest = update;
    Set<String> now = ids(update.getRequestsList());
    claimedAt.keySet().retainAll(now);
    return !before.containsAll(now);
  }

  List<LaunchRequest> pending(long nowMillis) {
    claimedAt.values().removeIf(at -> nowMillis - at > CLAIM_MEMORY_MILLIS);
    return latest.getRequestsList().stream()
        .filter(r -> !claimedAt.containsKey(r.getInstance().getInstanceId())).toList();
  }

  void claimed(String instanceId, long nowMillis) {
    claimedAt.put(instanceId, nowMillis);
  }

  boolean wantsOffers() {
    return latest.getRequestsCount() > 0;
  }

  private static Set<String> ids(List<LaunchRequest> requests) {
    return requests.stream().map(r -> r.getInstance().getInstanceId()).collect(Collectors.toSet());
  }
}
