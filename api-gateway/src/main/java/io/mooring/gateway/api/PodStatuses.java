package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.runtime.grpc.DomainException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /v2/pods/{id}::status} and {@code GET /v2/pods/::status}, routed here by {@link PodsController}: the
 * pods from definition-service, their instances from reservation-service.
 */
@Singleton
public class PodStatuses {
  private final DefinitionClient definitions;
  private final ReservationClient reservations;
  private final Clock clock = Clock.systemUTC();

  public PodStatuses(DefinitionClient definitions, ReservationClient reservations) {
    this.definitions = definitions;
    this.reservations = reservations;
  }

  /** The pod's status; 404 if there is no such pod. */
  ObjectNode of(String podId) {
    Pod pod = get(GetRequest.newBuilder().setId(podId));
    return PodStatusViews.pod(pod, reservations.instances(podId), versions(pod), now());
  }

  /** The status of {@code pod}, whose instances the caller read. */
  ObjectNode status(Pod pod, List<Instance> instances) {
    return PodStatusViews.pod(pod, instances, versions(pod), now());
  }

  /** The status of every pod, with one call for the instances of all of them. */
  ArrayNode all() {
    ArrayNode statuses = MarathonJson.MAPPER.createArrayNode();
    List<RunSpec> pods = definitions.list(RunSpecKind.POD);
    if (pods.isEmpty()) {
      return statuses;
    }
    Map<String, List<Instance>> instances = AppViews.instancesByRunSpec(reservations.allInstances());
    String now = now();
    for (RunSpec spec : pods) {
      Pod pod = spec.getPod();
      statuses.add(PodStatusViews.pod(pod, instances.getOrDefault(pod.getId(), List.of()), versions(pod), now));
    }
    return statuses;
  }

  /**
   * The pod at a version, each version fetched at most once. A version definition-service no longer has (or none)
   * is shown against the current one rather than hiding the instance.
   */
  private Function<String, Pod> versions(Pod current) {
    Map<String, Pod> byVersion = new HashMap<>(Map.of(current.getVersion(), current));
    return version -> byVersion.computeIfAbsent(version, v -> {
      try {
        return v.isEmpty() ? current : get(GetRequest.newBuilder().setId(current.getId()).setVersion(v));
      } catch (DomainException e) {
        if (e.info().getCode() == ErrorCode.NOT_FOUND) {
          return current;
        }
        throw e;
      }
    });
  }

  private Pod get(GetRequest.Builder request) {
    return definitions.get(request.setKind(RunSpecKind.POD).build()).getPod();
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }
}
