package io.mooring.gateway.api;

import static io.mooring.gateway.api.JsonResponses.DEPLOYMENT_HEADER;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.json.GroupJson;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.PathIds;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.GroupRef;
import io.mooring.proto.v1.GroupUpdate;
import io.mooring.proto.v1.GroupUpdateRequest;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Violation;
import io.mooring.runtime.grpc.Errors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code /v2/groups}: Marathon's group tree over the run specs, and group changes through definition-service. */
@Controller("/v2/groups")
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GroupsController {
  private static final String VERSIONS = "/versions";
  private static final String APPS = "/apps";

  private final DefinitionClient definitions;
  private final ReservationClient reservations;
  private final PodStatuses pods;

  public GroupsController(DefinitionClient definitions, ReservationClient reservations, PodStatuses pods) {
    this.definitions = definitions;
    this.reservations = reservations;
    this.pods = pods;
  }

  @Get
  public HttpResponse<String> root(@Nullable @QueryValue List<String> embed) {
    return show("", embed);
  }

  /** A group; {@code .../versions} its versions; {@code .../apps} the apps in it, at any depth. */
  @Get("/{+path}")
  public HttpResponse<String> show(@PathVariable String path, @Nullable @QueryValue List<String> embed) {
    String id = RunSpecPath.normalize(path);
    if (id.endsWith(VERSIONS) || id.equals(VERSIONS)) {
      ArrayNode versions = MarathonJson.MAPPER.createArrayNode();
      definitions.groupVersions(parentOf(id, VERSIONS)).forEach(versions::add);
      return JsonResponses.ok(versions);
    }
    if (id.contains(VERSIONS + "/")) {
      throw Errors.notFound("Mooring does not keep whole groups by version; see " + VERSIONS);
    }
    GroupEmbeds embeds = GroupEmbeds.parse(embed);
    List<RunSpec> specs = definitions.list(RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED);
    Map<String, List<Instance>> instances = embeds.needInstances()
        ? AppViews.instancesByRunSpec(reservations.allInstances()) : Map.of();
    Map<String, List<String>> deployments = embeds.needDeployments()
        ? AppViews.deploymentsByApp(definitions.runningDeployments()) : Map.of();
    Function<App, ObjectNode> app = embeds.appView(instances, deployments);
    if (id.endsWith(APPS) || id.equals(APPS)) {
      String group = parentOf(id, APPS);
      ArrayNode apps = MarathonJson.MAPPER.createArrayNode();
      specs.stream().filter(RunSpec::hasApp)
          .filter(spec -> group.equals("/") || spec.getApp().getId().startsWith(group + "/"))
          .forEach(spec -> apps.add(app.apply(spec.getApp())));
      return JsonResponses.ok(apps);
    }
    GroupViews.Tree tree = new GroupViews.Tree(specs, definitions.groups());
    if (!tree.exists(id)) {
      throw unknownGroup(id);
    }
    return JsonResponses.ok(GroupViews.group(tree, id, embeds.group(), app,
        pod -> pods.status(pod, instances.getOrDefault(pod.getId(), List.of()))));
  }

  @Post
  public HttpResponse<String> createAtRoot(@Nullable @Body String body, @QueryValue(defaultValue = "false")
      boolean force) {
    return create("", body, force);
  }

  /** Creates the group the body names, relative to this path. */
  @Post("/{+path}")
  public HttpResponse<String> create(@PathVariable String path, @Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force) {
    String base = RunSpecPath.normalize(path);
    GroupUpdate update = GroupJson.update(body);
    if (update.getId().isEmpty()) {
      throw Errors.invalid(List.of(Violation.newBuilder().setPath("/id").addErrors("Group id must be set").build()));
    }
    String id = PathIds.absolute(update.getId(), base);
    ChangeResult result = definitions.updateGroup(GroupUpdateRequest.newBuilder()
        .setUpdate(update.toBuilder().setId(id)).setMode(GroupUpdateRequest.Mode.CREATE).setForce(force).build());
    return changed(HttpStatus.CREATED, result).header(HttpHeaders.LOCATION, "/v2/groups" + id);
  }

  @Put
  public HttpResponse<String> replaceRoot(@Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force, @QueryValue(defaultValue = "false") boolean dryRun) {
    return replace("", body, force, dryRun);
  }

  @Put("/{+path}")
  public HttpResponse<String> replace(@PathVariable String path, @Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force, @QueryValue(defaultValue = "false") boolean dryRun) {
    return change(path, body, GroupUpdateRequest.Mode.UPDATE, force, dryRun);
  }

  /** Only {@code enforceRole} of a top-level group; nothing restarts. */
  @Patch("/{+path}")
  public HttpResponse<String> patch(@PathVariable String path, @Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force) {
    return change(path, body, GroupUpdateRequest.Mode.PATCH, force, false);
  }

  @Delete
  public HttpResponse<String> deleteRoot(@QueryValue(defaultValue = "false") boolean force) {
    return delete("", force);
  }

  @Delete("/{+path}")
  public HttpResponse<String> delete(@PathVariable String path, @QueryValue(defaultValue = "false") boolean force) {
    String id = RunSpecPath.normalize(path);
    return changed(HttpStatus.OK, definitions.deleteGroup(GroupRef.newBuilder().setId(id).setForce(force).build()));
  }

  private HttpResponse<String> change(String path, String body, GroupUpdateRequest.Mode mode, boolean force,
      boolean dryRun) {
    String id = RunSpecPath.normalize(path);
    GroupUpdate update = GroupJson.update(body).toBuilder().setId(id).build();
    ChangeResult result = definitions.updateGroup(GroupUpdateRequest.newBuilder().setUpdate(update).setMode(mode)
        .setForce(force).setDryRun(dryRun).build());
    if (result.getDryRun()) {
      ObjectNode json = MarathonJson.MAPPER.createObjectNode();
      ArrayNode steps = json.putArray("steps");
      result.getDeployment().getStepsList().forEach(step -> steps.add(DeploymentViews.step(step)));
      return JsonResponses.ok(json);
    }
    return changed(HttpStatus.OK, result);
  }

  private static MutableHttpResponse<String> changed(HttpStatus status, ChangeResult result) {
    return JsonResponses.json(status, AppViews.deploymentResult(result))
        .header(DEPLOYMENT_HEADER, result.getDeployment().getId());
  }

  /** {@code /a/versions} → {@code /a}; {@code /versions} → {@code /}. */
  private static String parentOf(String id, String suffix) {
    String group = id.substring(0, id.length() - suffix.length());
    return group.isEmpty() ? "/" : group;
  }

  private static RuntimeException unknownGroup(String id) {
    return Errors.notFound("Group '" + id + "' does not exist");
  }
}
