package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentStep;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code GET /v2/deployments}: the deployments in progress, in Marathon's shape. */
@Controller("/v2/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeploymentsController {
  /** Marathon always prints these, also when empty or zero (currentStep 0, affectedPods []). */
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().includingDefaultValueFields(Set.copyOf(
      Stream.concat(
          fields(Deployment.getDescriptor(), "affected_apps", "affected_pods", "steps", "current_actions",
              "current_step", "total_steps"),
          fields(DeploymentStep.getDescriptor(), "actions")).toList()));
  /** definition-service's bookkeeping, no part of Marathon's deployment JSON. */
  private static final List<String> INTERNAL_FIELDS = List.of("state", "createdAt", "finishedAt");

  private final DefinitionClient definitions;

  public DeploymentsController(DefinitionClient definitions) {
    this.definitions = definitions;
  }

  @Get
  public HttpResponse<String> list() {
    ArrayNode deployments = MarathonJson.MAPPER.createArrayNode();
    for (Deployment deployment : definitions.runningDeployments()) {
      ObjectNode json = MarathonJson.print(PRINTER, deployment);
      json.remove(INTERNAL_FIELDS);
      deployments.add(json);
    }
    return JsonResponses.ok(deployments);
  }

  private static Stream<FieldDescriptor> fields(Descriptor type, String... names) {
    return Stream.of(names).map(type::findFieldByName);
  }
}
