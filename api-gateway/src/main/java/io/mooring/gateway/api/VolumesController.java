package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.client.VolumeGcClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Instance;
import io.mooring.runtime.grpc.Errors;
import java.util.List;

/**
 * {@code /v2/volumes}, beyond Marathon: every persistent volume on an agent, whose instance it belongs to and what
 * is becoming of it. The volumes are reservation-service's instances'; volume-gc-service adds those it is about to
 * destroy, and while it is unavailable the list holds the instances' volumes alone.
 */
@Controller("/v2/volumes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class VolumesController {
  private final ReservationClient reservations;
  private final VolumeGcClient collector;

  public VolumesController(ReservationClient reservations, VolumeGcClient collector) {
    this.reservations = reservations;
    this.collector = collector;
  }

  /**
   * {"volumes": [...]}, of one app or pod with {@code runSpecId}, and with {@code status} only those in the
   * statuses it names (repeated, or comma-separated).
   */
  @Get
  public HttpResponse<String> list(@Nullable @QueryValue String runSpecId, HttpRequest<?> request) {
    VolumeViews.Filter filter = VolumeViews.Filter.of(runSpecId, request.getParameters().getAll("status"));
    List<VolumeView> volumes = VolumeViews.volumes(
        reservations.instances(filter.runSpecId() == null ? "" : filter.runSpecId()),
        collector.pendingCleanups(), filter);
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode list = json.putArray("volumes");
    volumes.forEach(volume -> list.add(volume.json()));
    return JsonResponses.ok(json);
  }

  /**
   * One volume; 404 if no agent holds it. The id's {@code #} must come URL-encoded ({@code %23}); the rest of the
   * path is taken, so that an encoded {@code /} that a proxy may decode on the way still names the volume.
   */
  @Get("/{+persistenceId}")
  public HttpResponse<String> show(@PathVariable String persistenceId) {
    List<Instance> instances = reservations.allInstances();
    VolumeView volume = VolumeViews.volumes(instances, collector.pendingCleanups(), VolumeViews.Filter.ALL)
        .stream().filter(found -> found.persistenceId().equals(persistenceId)).findFirst()
        .orElseThrow(() -> Errors.notFound("Volume '" + persistenceId + "' does not exist"));
    ObjectNode json = volume.json();
    instances.stream().filter(instance -> instance.getInstanceId().equals(volume.instanceId())).findFirst()
        .ifPresent(instance -> json.set("instance", VolumeViews.history(instance)));
    return JsonResponses.ok(json);
  }
}
