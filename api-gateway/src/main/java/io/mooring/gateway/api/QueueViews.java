package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.InstanceStates;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecQueueStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Marathon's launch queue JSON: the instances waiting to launch per run spec, with offer-service's statistics. */
final class QueueViews {
  /**
   * Marathon's funnel of reasons to decline an offer, in the order it applies them: each step shows how many offers
   * reached it ({@code processed}) and how many it declined.
   */
  static final List<String> REASON_FUNNEL = List.of("UnfulfilledRole", "UnfulfilledConstraint",
      "NoCorrespondingReservationFound", "InsufficientCpus", "InsufficientMemory", "InsufficientDisk",
      "InsufficientGpus", "InsufficientPorts");

  private QueueViews() {}

  /** The instances in Marathon's launch queue, per run spec id in id order. */
  static SortedMap<String, List<Instance>> waiting(List<Instance> instances) {
    return instances.stream()
        .filter(InstanceStates::isQueued)
        .collect(Collectors.groupingBy(Instance::getRunSpecId, TreeMap::new, Collectors.toList()));
  }

  /** One queue entry: the waiting instances of {@code spec}, and its offer statistics (default: none yet). */
  static ObjectNode entry(RunSpec spec, List<Instance> waiting, RunSpecQueueStats stats, Instant now) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("count", waiting.size())
        .put("role", waiting.get(0).getRole());
    json.set("delay", delay(waiting, now));
    json.put("since", oldestSince(waiting));
    json.set("processedOffersSummary", offersSummary(stats));
    if (spec.hasPod()) {
      json.set("pod", MarathonJson.print(spec.getPod()));
    } else {
      json.set("app", MarathonJson.print(spec.getApp()));
    }
    return json;
  }

  /**
   * Marathon's delay is its run spec's, while here each instance backs off on its own: the run spec waits for offers
   * ({@code overdue}) as soon as one of its instances waiting for an offer may launch, and otherwise for the first
   * backoff to end, the next launch attempt. Instances whose launch is under way (RESERVING) wait for no offer.
   */
  static ObjectNode delay(List<Instance> waiting, Instant now) {
    long leftMillis = waiting.stream().filter(i -> i.getState() != InstanceState.RESERVING)
        .mapToLong(i -> Math.max(0, i.getBackoffUntilMillis() - now.toEpochMilli())).min().orElse(0);
    // Whole seconds, rounded down as Marathon does: less than a second left is 0 seconds, yet not overdue.
    return MarathonJson.MAPPER.createObjectNode().put("timeLeftSeconds", leftMillis / 1000)
        .put("overdue", leftMillis == 0);
  }

  static ObjectNode offersSummary(RunSpecQueueStats stats) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("processedOffersCount", stats.getProcessedOffers())
        .put("unusedOffersCount", stats.getUnusedOffers());
    if (!stats.getLastUnusedOfferAt().isEmpty()) {
      json.put("lastUnusedOfferAt", stats.getLastUnusedOfferAt());
    }
    if (!stats.getLastUsedOfferAt().isEmpty()) {
      json.put("lastUsedOfferAt", stats.getLastUsedOfferAt());
    }
    json.set("rejectSummaryLastOffers", rejectSummary(stats.getProcessedOffers(), stats.getRejectReasonsMap()));
    return json;
  }

  /** Every step of the funnel, then any reason offer-service reports that Marathon's funnel does not know. */
  private static ArrayNode rejectSummary(long processed, Map<String, Long> declinedByReason) {
    List<String> reasons = new ArrayList<>(REASON_FUNNEL);
    new TreeSet<>(declinedByReason.keySet()).stream().filter(r -> !REASON_FUNNEL.contains(r)).forEach(reasons::add);
    ArrayNode steps = MarathonJson.MAPPER.createArrayNode();
    long reaching = processed;
    for (String reason : reasons) {
      long declined = declinedByReason.getOrDefault(reason, 0L);
      steps.addObject().put("reason", reason).put("declined", declined).put("processed", reaching);
      reaching = Math.max(0, reaching - declined);
    }
    return steps;
  }

  /** The earliest {@code since}, compared as instants where they parse. */
  private static String oldestSince(List<Instance> waiting) {
    return waiting.stream().map(Instance::getSince).filter(s -> !s.isEmpty())
        .min(Comparator.comparing(QueueViews::instantOrMax).thenComparing(Comparator.naturalOrder()))
        .orElse(null);
  }

  private static Instant instantOrMax(String timestamp) {
    return Timestamps.parse(timestamp).orElse(Instant.MAX);
  }
}
