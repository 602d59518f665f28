package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecQueueStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Marathon's launch queue JSON: the instances waiting to launch per run spec, with offer-service's statistics. */
final class QueueViews {
  private static final Set<InstanceState> WAITING =
      Set.of(InstanceState.SCHEDULED, InstanceState.RESERVING, InstanceState.SUSPENDED);
  /**
   * Marathon's funnel of reasons to decline an offer, in the order it applies them: each step shows how many offers
   * reached it ({@code processed}) and how many it declined.
   */
  static final List<String> REASON_FUNNEL = List.of("UnfulfilledRole", "UnfulfilledConstraint",
      "NoCorrespondingReservationFound", "InsufficientCpus", "InsufficientMemory", "InsufficientDisk",
      "InsufficientGpus", "InsufficientPorts");

  private QueueViews() {}

  /** The instances that want to run and wait for an offer, per run spec id in id order. */
  static SortedMap<String, List<Instance>> waiting(List<Instance> instances) {
    return instances.stream()
        .filter(i -> i.getGoal() == Goal.RUNNING && WAITING.contains(i.getState()))
        .collect(Collectors.groupingBy(Instance::getRunSpecId, TreeMap::new, Collectors.toList()));
  }

  /** One queue entry: the waiting instances of {@code spec}, and its offer statistics (default: none yet). */
  static ObjectNode entry(RunSpec spec, List<Instance> waiting, RunSpecQueueStats stats, Instant now) {
    long backoffUntil = waiting.stream().mapToLong(Instance::getBackoffUntilMillis).max().orElse(0);
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("count", waiting.size())
        .put("role", waiting.get(0).getRole());
    json.putObject("delay")
        .put("timeLeftSeconds", Math.max(0, (backoffUntil - now.toEpochMilli()) / 1000))
        .put("overdue", false);
    json.put("since", oldestSince(waiting));
    json.set("processedOffersSummary", offersSummary(stats));
    if (spec.hasPod()) {
      json.set("pod", MarathonJson.print(spec.getPod()));
    } else {
      json.set("app", MarathonJson.print(spec.getApp()));
    }
    return json;
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
