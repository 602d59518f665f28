package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.OfferClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecQueueStats;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /v2/queue}: the run specs with instances waiting to launch, and the reset of their launch delay. The queue
 * and the delays are reservation-service's; the offer statistics are offer-service's and stay at zero while it is
 * unavailable.
 */
@Controller("/v2/queue")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueueController {
  /** Marathon's embed option that adds each entry's last unused offers. */
  static final String EMBED_LAST_UNUSED_OFFERS = "lastUnusedOffers";
  /** As Marathon's route {@code {runSpecId:.+}/delay}: an app's or a pod's id, then {@code /delay}. */
  private static final Pattern DELAY = Pattern.compile("(.+)/delay/*");
  private final ReservationClient reservations;
  private final DefinitionClient definitions;
  private final OfferClient offers;
  private final Clock clock = Clock.systemUTC();

  public QueueController(ReservationClient reservations, DefinitionClient definitions, OfferClient offers) {
    this.reservations = reservations;
    this.definitions = definitions;
    this.offers = offers;
  }

  @Get
  public HttpResponse<String> list(@Nullable @QueryValue List<String> embed) {
    boolean withLastUnusedOffers = embed != null && embed.contains(EMBED_LAST_UNUSED_OFFERS);
    SortedMap<String, List<Instance>> waiting = QueueViews.waiting(reservations.allInstances());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode queue = json.putArray("queue");
    if (waiting.isEmpty()) {
      return JsonResponses.ok(json);
    }
    Map<String, RunSpec> specs = specs(waiting);
    QueueStats stats = offers.queueStats(withLastUnusedOffers);
    Map<String, RunSpecQueueStats> statsById = stats.getEntriesList().stream()
        .collect(Collectors.toMap(RunSpecQueueStats::getRunSpecId, Function.identity(), (a, b) -> b));
    Map<String, OfferView> offersById = stats.getOffersList().stream()
        .collect(Collectors.toMap(OfferView::getId, Function.identity(), (a, b) -> a));
    waiting.forEach((id, instances) -> {
      RunSpec spec = specs.get(id);
      if (spec != null) {  // none: deleted since, its instances are on their way out
        RunSpecQueueStats runSpecStats = statsById.getOrDefault(id, RunSpecQueueStats.getDefaultInstance());
        ObjectNode entry = QueueViews.entry(spec, instances, runSpecStats, clock.instant());
        if (withLastUnusedOffers) {
          entry.set(EMBED_LAST_UNUSED_OFFERS, UnusedOfferViews.of(runSpecStats, offersById));
        }
        queue.add(entry);
      }
    });
    return JsonResponses.ok(json);
  }

  /** The run spec's queued instances launch without waiting for their backoff: 204, or Marathon's 404. */
  @Delete("/{+path}")
  public HttpResponse<String> resetDelay(@PathVariable String path) {
    Matcher matcher = DELAY.matcher(path);
    if (!matcher.matches()) {
      throw RunSpecPath.unknownUri();
    }
    reservations.resetDelay(RunSpecPath.normalize(matcher.group(1)));
    return HttpResponse.noContent();
  }

  /** The run specs by id: the apps, and the pods only if a pod is waiting. */
  private Map<String, RunSpec> specs(SortedMap<String, List<Instance>> waiting) {
    Map<String, RunSpec> specs = new HashMap<>();
    definitions.list(RunSpecKind.APP).forEach(spec -> specs.put(spec.getApp().getId(), spec));
    boolean podsWait = waiting.values().stream()
        .anyMatch(instances -> instances.get(0).getKind() == RunSpecKind.POD);
    if (podsWait) {
      definitions.list(RunSpecKind.POD).forEach(spec -> specs.put(spec.getPod().getId(), spec));
    }
    return specs;
  }
}
