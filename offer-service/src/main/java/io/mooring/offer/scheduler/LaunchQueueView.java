package io.mooring.offer.scheduler;

import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The latest launch queue, minus what this leader claimed from it. reservation-service publishes a snapshot without
 * the claimed instance before the claim returns, so a claim only needs hiding until any newer snapshot arrives.
 */
final class LaunchQueueView {
  private volatile LaunchQueueUpdate latest = LaunchQueueUpdate.getDefaultInstance();
  /** Claimed instance id → the revision of the snapshot it was claimed from. */
  private final Map<String, Long> claimed = new ConcurrentHashMap<>();

  /** Takes a new snapshot; returns whether it asks for an instance the previous one did not. */
  boolean update(LaunchQueueUpdate update) {
    Set<String> before = ids(latest.getRequestsList());
    latest = update;
    claimed.values().removeIf(revision -> revision < update.getRevision());
    return !before.containsAll(ids(update.getRequestsList()));
  }

  List<LaunchRequest> pending() {
    LaunchQueueUpdate snapshot = latest;
    return snapshot.getRequestsList().stream()
        .filter(r -> !Long.valueOf(snapshot.getRevision()).equals(claimed.get(r.getInstance().getInstanceId())))
        .toList();
  }

  void claimed(String instanceId) {
    claimed.put(instanceId, latest.getRevision());
  }

  int size() {
    return latest.getRequestsCount();
  }

  boolean wantsOffers() {
    return latest.getRequestsCount() > 0;
  }

  private static Set<String> ids(List<LaunchRequest> requests) {
    return requests.stream().map(r -> r.getInstance().getInstanceId()).collect(Collectors.toSet());
  }
}
