package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** Marathon's deployment JSON, as {@code /v2/deployments} lists it, and its plan, as deployment events carry it. */
final class DeploymentViews {
  /** Marathon always prints these, also when empty or zero (currentStep 0, affectedPods []). */
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().includingDefaultValueFields(Set.copyOf(
      Stream.concat(
          fields(Deployment.getDescriptor(), "affected_apps", "affected_pods", "steps", "current_actions",
              "current_step", "total_steps"),
          fields(DeploymentStep.getDescriptor(), "actions")).toList()));
  /** definition-service's bookkeeping, no part of Marathon's deployment JSON. */
  private static final List<String> INTERNAL_FIELDS = List.of("state", "createdAt", "finishedAt", "origin");

  private DeploymentViews() {}

  static ObjectNode deployment(Deployment deployment) {
    ObjectNode json = MarathonJson.print(PRINTER, deployment);
    json.remove(INTERNAL_FIELDS);
    return json;
  }

  /** As {@link #deployment(Deployment)}, each current action with the readiness results of its app's tasks. */
  static ObjectNode deployment(Deployment deployment, Function<String, ArrayNode> readiness) {
    ObjectNode json = deployment(deployment);
    for (JsonNode action : json.withArray("currentActions")) {
      ((ObjectNode) action).set("readinessCheckResults", action.has("app")
          ? readiness.apply(action.get("app").asText()) : MarathonJson.MAPPER.createArrayNode());
    }
    return json;
  }

  /** The deployment plan of Marathon's events: id, version and steps (a light plan: no original or target group). */
  static ObjectNode plan(Deployment deployment) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode().put("id", deployment.getId());
    ArrayNode steps = json.putArray("steps");
    deployment.getStepsList().forEach(step -> steps.add(step(step)));
    return json.put("version", deployment.getVersion());
  }

  static ObjectNode step(DeploymentStep step) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode actions = json.putArray("actions");
    for (DeploymentAction action : step.getActionsList()) {
      actions.add(MarathonJson.print(action));
    }
    return json;
  }

  private static Stream<FieldDescriptor> fields(Descriptor type, String... names) {
    return Stream.of(names).map(type::findFieldByName);
  }
}
