package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Deployment;

/** {@code GET /v2/deployments}: the deployments in progress, in Marathon's shape. */
@Controller("/v2/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeploymentsController {
  private final DefinitionClient definitions;

  public DeploymentsController(DefinitionClient definitions) {
    this.definitions = definitions;
  }

  @Get
  public HttpResponse<String> list() {
    ArrayNode deployments = MarathonJson.MAPPER.createArrayNode();
    for (Deployment deployment : definitions.runningDeployments()) {
      deployments.add(DeploymentViews.deployment(deployment));
    }
    return JsonResponses.ok(deployments);
  }
}
