package io.mooring.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micronaut.http.HttpResponse;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.error.MarathonError;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.InstanceIds;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Violation;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code DELETE /v2/pods/{id}::instances[/{instanceId}]?wipe=}, routed here by {@link PodsController}: kills pod
 * instances (relaunched on their reservation) or with {@code wipe} gives up their reservations and volumes, as
 * reservation-service's KillInstances does; answers with the instances as they were before.
 */
@Singleton
public class PodInstances {
  /** A pod instance is named by its instance id, not a task id; Marathon quotes its regex. */
  private static final String NOT_AN_INSTANCE_ID =
      "must fully match regular expression '" + InstanceIds.REGEX + "'";

  private final DefinitionClient definitions;
  private final ReservationClient reservations;

  public PodInstances(DefinitionClient definitions, ReservationClient reservations) {
    this.definitions = definitions;
    this.reservations = reservations;
  }

  /** The instance as it was; 422 for what is no instance id, 404 for an instance the pod does not have. */
  HttpResponse<String> kill(String podId, String instanceId, boolean wipe) {
    if (!InstanceIds.isInstanceId(instanceId)) {
      throw invalid(List.of(violation("/")));
    }
    JsonNode unreachableStrategy = unreachableStrategy(podId);
    Instance found = reservations.kill(request(podId, List.of(instanceId), wipe)).getInstancesList().stream()
        .filter(instance -> instance.getInstanceId().equals(instanceId)).findFirst()
        .orElseThrow(() -> Kills.unknownTask(instanceId));
    return JsonResponses.ok(InstanceViews.instance(found, unreachableStrategy));
  }

  /** The instances of the body's ids ["<instanceId>", ...] as they were; ids of no instance are passed over. */
  HttpResponse<String> killAll(String podId, String body, boolean wipe) {
    List<String> ids = instanceIds(body);
    JsonNode unreachableStrategy = unreachableStrategy(podId);
    ArrayNode json = MarathonJson.MAPPER.createArrayNode();
    for (Instance instance : killed(podId, ids, wipe)) {
      json.add(InstanceViews.instance(instance, unreachableStrategy));
    }
    return JsonResponses.ok(json);
  }

  private List<Instance> killed(String podId, List<String> ids, boolean wipe) {
    if (ids.isEmpty()) {
      return List.of();
    }
    try {
      return reservations.kill(request(podId, ids, wipe)).getInstancesList();
    } catch (DomainException e) {
      if (e.info().getCode() == ErrorCode.NOT_FOUND) {
        return List.of();  // none of them exists
      }
      throw e;
    }
  }

  /**
   * The pod's unreachable strategy, for the instance JSON; an unknown pod is 404 with Marathon's message for a kill
   * ("Path", not "Pod").
   */
  private JsonNode unreachableStrategy(String podId) {
    try {
      Pod pod = definitions.get(GetRequest.newBuilder().setKind(RunSpecKind.POD).setId(podId).build()).getPod();
      JsonNode strategy = MarathonJson.print(pod).path("scheduling").path("unreachableStrategy");
      return strategy.isMissingNode() ? TextNode.valueOf("disabled") : strategy;
    } catch (DomainException e) {
      if (e.info().getCode() == ErrorCode.NOT_FOUND) {
        throw Errors.notFound("Path '" + podId + "' does not exist");
      }
      throw e;
    }
  }

  /** The ids of a JSON array of strings (400 otherwise), without repeats, each an instance id (422 otherwise). */
  private static List<String> instanceIds(String body) {
    JsonNode tree;
    try {
      tree = MarathonJson.MAPPER.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw MarathonError.invalidJson(e.getOriginalMessage());
    }
    if (tree == null || !tree.isArray()) {
      throw MarathonError.invalidJson("Expected [\"<instanceId>\", ...]");
    }
    Set<String> ids = new LinkedHashSet<>();
    tree.forEach(id -> ids.add(id.asText()));
    List<Violation> violations = new ArrayList<>();
    int position = 0;
    for (String id : ids) {
      if (!InstanceIds.isInstanceId(id)) {
        violations.add(violation("/(" + position + ")"));
      }
      position++;
    }
    if (!violations.isEmpty()) {
      throw invalid(violations);
    }
    return List.copyOf(ids);
  }

  private static Violation violation(String path) {
    return Violation.newBuilder().setPath(path).addErrors(NOT_AN_INSTANCE_ID).build();
  }

  /** Marathon's 422, answered as every validation failure of a service is. */
  private static DomainException invalid(List<Violation> violations) {
    return Errors.invalid(violations);
  }

  private static KillInstancesRequest request(String podId, List<String> ids, boolean wipe) {
    return KillInstancesRequest.newBuilder().setRunSpecId(podId).setKind(RunSpecKind.POD)
        .addAllTaskOrInstanceIds(ids).setWipe(wipe).build();
  }
}
