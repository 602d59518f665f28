package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.OfferClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecQueueStats;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code GET /v2/queue}: the run specs with instances waiting to launch. The queue is reservation-service's; the
 * offer statistics are offer-service's and stay at zero while it is unavailable.
 */
@Controller("/v2/queue")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueueController {
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
  public HttpResponse<String> list() {
    SortedMap<String, List<Instance>> waiting = QueueViews.waiting(reservations.allInstances());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode queue = json.putArray("queue");
    if (waiting.isEmpty()) {
      return JsonResponses.ok(json);
    }
    Map<String, RunSpec> specs = specs(waiting);
    Map<String, RunSpecQueueStats> stats = offers.queueStats();
    waiting.forEach((id, instances) -> {
      RunSpec spec = specs.get(id);
      if (spec != null) {  // none: deleted since, its instances are on their way out
        queue.add(QueueViews.entry(spec, instances, stats.getOrDefault(id, RunSpecQueueStats.getDefaultInstance()),
            clock.instant()));
      }
    });
    return JsonResponses.ok(json);
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
