package io.mooring.offer.scheduler;

import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.RunSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The launch queue as reservation-service streams it, minus what this leader claimed from it. The claim's reply and
 * the stream travel apart, so a message published before the claim committed may still show the instance after the
 * claim returned: a claim hides its instance until the queue shows it at the claimed incarnation or a later one (the
 * claim expired, or the task ended), which only a message published after the claim can.
 */
final class LaunchQueueView {
  /** Far longer than any message can trail a claim; keeps the hidden claims few. */
  private static final long HIDE_CLAIMS_MILLIS = Duration.ofMinutes(5).toMillis();
  /** reservation-service's order: run spec id, then instance id. */
  private static final Comparator<LaunchRequest> QUEUE_ORDER = Comparator
      .comparing((LaunchRequest r) -> r.getInstance().getRunSpecId())
      .thenComparing(r -> r.getInstance().getInstanceId());
  private final Clock clock;
  private final QueueMirror<LaunchRequest> requests = new QueueMirror<>(LaunchQueueView::instanceId, QUEUE_ORDER);
  /** The run spec versions the stream sent, by key. */
  private final Map<String, RunSpec> specs = new HashMap<>();
  /** Instance id → the claim hiding it, oldest first. */
  private final Map<String, Claim> claims = new LinkedHashMap<>();
  /** What {@link #pending()} answers until the queue or the claims change; null: to compute. */
  private List<LaunchRequest> pending;

  private record Claim(int incarnation, long atMillis) {}

  LaunchQueueView(Clock clock) {
    this.clock = clock;
  }

  /**
   * Applies one message of the stream; returns whether the queue now asks for an instance it did not. Throws
   * IllegalStateException for a request naming a run spec version the stream never sent: the stream must start over.
   */
  synchronized boolean update(LaunchQueueUpdate update) {
    if (update.getReset()) {
      specs.clear();
    }
    update.getSpecsList().forEach(spec -> specs.put(spec.getKey(), spec.getSpec()));
    List<LaunchRequest> resolved = update.getRequestsList().stream().map(this::withSpec).toList();
    boolean appeared = requests.apply(update.getReset(), resolved, update.getRemovedInstanceIdsList(),
        update.getComplete());
    update.getRemovedSpecKeysList().forEach(specs::remove);
    resolved.forEach(request -> forgetClaimIfRequeued(instanceId(request)));
    forgetOldClaims();
    pending = null;
    return appeared;
  }

  /** The requests to match offers against, in the queue's order. */
  synchronized List<LaunchRequest> pending() {
    if (pending == null) {
      pending = requests.values().stream().filter(request -> !hidden(request)).toList();
    }
    return pending;
  }

  /** Hides the instance until the queue shows it at {@code incarnation}, the claimed task's, or later. */
  synchronized void claimed(String instanceId, int incarnation) {
    claims.remove(instanceId);
    claims.put(instanceId, new Claim(incarnation, clock.millis()));
    forgetOldClaims();
    pending = null;
  }

  /** How many requests the queue holds, claimed ones included. */
  int size() {
    return requests.size();
  }

  boolean wantsOffers() {
    return requests.size() > 0;
  }

  Set<String> runSpecIds() {
    return requests.values().stream().map(r -> r.getInstance().getRunSpecId()).collect(Collectors.toSet());
  }

  private LaunchRequest withSpec(LaunchRequest request) {
    RunSpec spec = specs.get(request.getSpecKey());
    if (spec == null) {
      throw new IllegalStateException("launch request of " + instanceId(request) + " names run spec "
          + request.getSpecKey() + ", which the stream never sent");
    }
    return request.toBuilder().setSpec(spec).build();
  }

  private boolean hidden(LaunchRequest request) {
    Claim claim = claims.get(instanceId(request));
    return claim != null && request.getInstance().getIncarnation() < claim.incarnation();
  }

  /** The queue (not a reset still being received) shows the instance as claimed or later: the claim is history. */
  private void forgetClaimIfRequeued(String instanceId) {
    Claim claim = claims.get(instanceId);
    LaunchRequest shown = requests.get(instanceId);
    if (claim != null && shown != null && shown.getInstance().getIncarnation() >= claim.incarnation()) {
      claims.remove(instanceId);
    }
  }

  private void forgetOldClaims() {
    long oldest = clock.millis() - HIDE_CLAIMS_MILLIS;
    Iterator<Claim> inClaimOrder = claims.values().iterator();
    while (inClaimOrder.hasNext() && inClaimOrder.next().atMillis() < oldest) {
      inClaimOrder.remove();
    }
  }

  private static String instanceId(LaunchRequest request) {
    return request.getInstance().getInstanceId();
  }
}
