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
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.CancelDeploymentRequest;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code /v2/deployments}: the deployments in progress, in Marathon's shape, and their rollback or cancellation. */
@Controller("/v2/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeploymentsController {
  private final DefinitionClient definitions;

  private final ReservationClient reservations;

  public DeploymentsController(DefinitionClient definitions, ReservationClient reservations) {
    this.definitions = definitions;
    this.reservations = reservations;
  }

  /** Each current action with the readiness results of its app: the instances are read only when one has a check. */
  @Get
  public HttpResponse<String> list() {
    ArrayNode deployments = MarathonJson.MAPPER.createArrayNode();
    List<Deployment> running = definitions.runningDeployments();
    if (running.isEmpty()) {
      return JsonResponses.ok(deployments);
    }
    Map<String, App> checked = new HashMap<>();
    definitions.list(RunSpecKind.APP).stream().map(RunSpec::getApp)
        .filter(app -> app.getReadinessChecksCount() > 0).forEach(app -> checked.put(app.getId(), app));
    Map<String, List<Instance>> instances = checked.isEmpty() ? Map.of()
        : AppViews.instancesByRunSpec(reservations.allInstances());
    Function<String, ArrayNode> readiness = appId -> checked.containsKey(appId)
        ? ReadinessViews.results(checked.get(appId), instances.getOrDefault(appId, List.of()))
        : MarathonJson.MAPPER.createArrayNode();
    for (Deployment deployment : running) {
      deployments.add(DeploymentViews.deployment(deployment, readiness));
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
