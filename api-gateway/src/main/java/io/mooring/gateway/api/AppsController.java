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
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.api.RunSpecPath.Resource;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.error.MarathonError;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.gateway.json.MarathonJson.Parsed;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateManyRequest;
import io.mooring.proto.v1.UpdateRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2/apps}: Marathon's app resource over definition-service. */
@Controller("/v2/apps")
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppsController {
  private final DefinitionClient definitions;
  private final ReservationClient reservations;
  private final AppTasks tasks;

  public AppsController(DefinitionClient definitions, ReservationClient reservations, AppTasks tasks) {
    this.definitions = definitions;
    this.reservations = reservations;
    this.tasks = tasks;
  }

  @Post
  public HttpResponse<String> create(@Nullable @Body String body, @QueryValue(defaultValue = "false") boolean force) {
    App.Builder app = MarathonJson.app(body).spec();
    ChangeResult result = definitions.create(CreateRequest.newBuilder()
        .setSpec(RunSpec.newBuilder().setApp(app)).setForce(force).build());
    App stored = result.getSpec().getApp();
    // A new app has no instances yet.
    ObjectNode json = AppViews.withStatus(stored, List.of(result.getDeployment().getId()), List.of());
    return JsonResponses.json(HttpStatus.CREATED, json)
        .header(HttpHeaders.LOCATION, "/v2/apps" + stored.getId())
        .header(DEPLOYMENT_HEADER, result.getDeployment().getId());
  }

  /**
   * The apps {@link AppFilter} selects by {@code id}, {@code cmd} and {@code label} (a selector that does not parse is
   * Marathon's 422), with their task counts and deployments and what {@code embed} adds. One call for the instances
   * of all apps, whatever their number.
   */
  @Get
  public HttpResponse<String> list(@Nullable @QueryValue String id, @Nullable @QueryValue String cmd,
      @Nullable @QueryValue String label, @Nullable @QueryValue List<String> embed) {
    AppFilter filter = filter(id, cmd, label);
    Set<AppEmbed> embeds = AppEmbed.parse(embed == null ? List.of() : embed, AppEmbed.LIST);
    Map<String, List<String>> deployments = AppViews.deploymentsByApp(definitions.runningDeployments());
    List<RunSpec> specs = definitions.list(RunSpecKind.APP);
    Map<String, List<Instance>> instances = AppViews.instancesByRunSpec(reservations.allInstances());
    Instant now = Instant.now();
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode apps = json.putArray("apps");
    for (RunSpec spec : specs) {
      App app = spec.getApp();
      if (filter.matches(app)) {
        apps.add(AppViews.view(app, deployments.getOrDefault(app.getId(), List.of()),
            instances.getOrDefault(app.getId(), List.of()), embeds, now));
      }
    }
    return JsonResponses.ok(json);
  }

  /** Also for text/plain, which clients ask of {@code /tasks} (Marathon's listing): they get the JSON. */
  @Get("/{+path}")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public HttpResponse<String> show(@PathVariable String path, @Nullable @QueryValue List<String> embed) {
    RunSpecPath target = RunSpecPath.app(path);
    return switch (target.resource()) {
      case SPEC -> JsonResponses.ok(app(target.id(), AppEmbed.parse(embed == null ? List.of() : embed,
          AppEmbed.SINGLE)));
      case VERSIONS -> JsonResponses.ok(versions(target.id()));
      case VERSION -> JsonResponses.ok(MarathonJson.print(definitions.get(GetRequest.newBuilder()
          .setKind(RunSpecKind.APP).setId(target.id()).setVersion(target.version()).build()).getApp()));
      case TASKS -> JsonResponses.ok(tasks.list(target.id()));
      case RESTART, TASK, STATUS, STATUSES, INSTANCES, INSTANCE -> throw RunSpecPath.unknownUri();
    };
  }

  /** Several apps in one change and one deployment: a JSON array of apps, each naming its id; may create them. */
  @Put
  public HttpResponse<String> replaceMany(@Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force,
      @QueryValue(defaultValue = "true") boolean partialUpdate) {
    return updateMany(body, force, partialUpdate, true);
  }

  @Patch
  public HttpResponse<String> patchMany(@Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force) {
    return updateMany(body, force, true, false);
  }

  /** Replaces the app, or with {@code partialUpdate} (the default) only the fields the body names; may create it. */
  @Put("/{+path}")
  public HttpResponse<String> replace(@PathVariable String path, @Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force,
      @QueryValue(defaultValue = "true") boolean partialUpdate) {
    return update(path, body, force, partialUpdate, true);
  }

  @Patch("/{+path}")
  public HttpResponse<String> patch(@PathVariable String path, @Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force) {
    return update(path, body, force, true, false);
  }

  /**
   * Deletes the app (Marathon deletes with {@code force} unless told otherwise), or kills its tasks: the one named,
   * or those on {@code host} ({@code *}: all), with {@code scale} lowering the instances and {@code wipe}
   * giving up their reservations and volumes.
   */
  @Delete("/{+path}")
  public HttpResponse<String> delete(@PathVariable String path, @QueryValue(defaultValue = "true") boolean force,
      @QueryValue(defaultValue = "false") boolean scale, @QueryValue(defaultValue = "false") boolean wipe,
      @Nullable @QueryValue String host) {
    RunSpecPath target = RunSpecPath.app(path);
    return switch (target.resource()) {
      case SPEC -> changed(HttpStatus.OK, definitions.delete(ref(target.id(), force)));
      case TASKS -> tasks.killOnHost(target.id(), host, scale, wipe);
      case TASK -> tasks.kill(target.id(), target.taskId(), scale, wipe);
      case VERSIONS, VERSION, RESTART, STATUS, STATUSES, INSTANCES, INSTANCE -> throw RunSpecPath.unknownUri();
    };
  }

  @Post("/{+path}")
  public HttpResponse<String> restart(@PathVariable String path, @QueryValue(defaultValue = "false") boolean force) {
    RunSpecPath target = RunSpecPath.app(path).require(Resource.RESTART);
    return changed(HttpStatus.OK, definitions.restart(ref(target.id(), force)));
  }

  private HttpResponse<String> update(String path, String body, boolean force, boolean partial, boolean create) {
    String id = RunSpecPath.app(path).require(Resource.SPEC).id();
    Parsed<App.Builder> parsed = MarathonJson.app(body);
    UpdateRequest.Builder request = UpdateRequest.newBuilder()
        .setSpec(RunSpec.newBuilder().setApp(parsed.spec().setId(id)))  // the URL names the app
        .setCreateIfAbsent(create).setForce(force);
    if (partial) {
      request.setUpdateMask(parsed.updateMask());
    }
    ChangeResult result = definitions.update(request.build());
    if (result.getCreated()) {
      return changed(HttpStatus.CREATED, result).header(HttpHeaders.LOCATION, "/v2/apps" + id);
    }
    return changed(HttpStatus.OK, result);
  }

  private HttpResponse<String> updateMany(String body, boolean force, boolean partial, boolean create) {
    UpdateManyRequest.Builder request = UpdateManyRequest.newBuilder().setForce(force);
    for (Parsed<App.Builder> parsed : MarathonJson.apps(body)) {
      if (parsed.spec().getId().isBlank()) {
        throw MarathonError.invalidJson("every app of the array must name its id");
      }
      UpdateRequest.Builder update = UpdateRequest.newBuilder().setCreateIfAbsent(create)
          .setSpec(RunSpec.newBuilder().setApp(parsed.spec()));
      if (partial) {
        update.setUpdateMask(parsed.updateMask());
      }
      request.addUpdates(update);
    }
    return changed(HttpStatus.OK, definitions.updateMany(request.build()));
  }

  private ObjectNode app(String id, Set<AppEmbed> embeds) {
    App app = definitions.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId(id).build()).getApp();
    List<String> deployments = AppViews.deploymentsByApp(definitions.runningDeployments())
        .getOrDefault(app.getId(), List.of());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    json.set("app", AppViews.view(app, deployments, reservations.instances(app.getId()), embeds));
    return json;
  }

  /** Marathon answers a label selector it cannot parse with 422 and the parser's complaint. */
  private static AppFilter filter(String id, String cmd, String label) {
    try {
      return AppFilter.of(id, cmd, label);
    } catch (IllegalArgumentException e) {
      throw MarathonError.of(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
  }

  private ObjectNode versions(String id) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode versions = json.putArray("versions");
    definitions.versions(ref(id, false)).forEach(versions::add);
    return json;
  }

  private static MutableHttpResponse<String> changed(HttpStatus status, ChangeResult result) {
    return JsonResponses.json(status, AppViews.deploymentResult(result))
        .header(DEPLOYMENT_HEADER, result.getDeployment().getId());
  }

  private static RunSpecRef ref(String id, boolean force) {
    return RunSpecRef.newBuilder().setKind(RunSpecKind.APP).setId(id).setForce(force).build();
  }
}
