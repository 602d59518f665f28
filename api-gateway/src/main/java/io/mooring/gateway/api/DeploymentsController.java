package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.CancelDeploymentRequest;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;

/** {@code /v2/deployments}: the deployments in progress, in Marathon's shape, and their rollback or cancellation. */
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

  /**
   * Without {@code force}: rolls the deployment back with a new deployment (200, its id and version); with it:
   * cancels it, leaving its run specs as they are (202, no body).
   */
  @Delete("/{id}")
  public HttpResponse<String> cancel(@PathVariable String id, @QueryValue(defaultValue = "false") boolean force) {
    ChangeResult result = definitions.cancelDeployment(CancelDeploymentRequest.newBuilder().setId(id)
        .setForce(force).build());
    if (force) {
      return HttpResponse.accepted();
    }
    return JsonResponses.ok(AppViews.deploymentResult(result))
        .header(JsonResponses.DEPLOYMENT_HEADER, result.getDeployment().getId());
  }
}
