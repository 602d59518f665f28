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
import io.mooring.gateway.api.RunSpecPath.Resource;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.gateway.json.MarathonJson.Parsed;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v2/apps}: Marathon's app resource over definition-service. */
@Controller("/v2/apps")
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppsController {
  private final DefinitionClient definitions;

  public AppsController(DefinitionClient definitions) {
    this.definitions = definitions;
  }

  @Post
  public HttpResponse<String> create(@Nullable @Body String body, @QueryValue(defaultValue = "false") boolean force) {
    App.Builder app = MarathonJson.app(body).spec();
    ChangeResult result = definitions.create(CreateRequest.newBuilder()
        .setSpec(RunSpec.newBuilder().setApp(app)).setForce(force).build());
    App stored = result.getSpec().getApp();
    return JsonResponses.json(HttpStatus.CREATED, AppViews.withStatus(stored, List.of(result.getDeployment().getId())))
        .header(HttpHeaders.LOCATION, "/v2/apps" + stored.getId())
        .header(DEPLOYMENT_HEADER, result.getDeployment().getId());
  }

  /** Every app, or those whose id contains {@code id} (ignoring case, as Marathon does). */
  @Get
  public HttpResponse<String> list(@Nullable @QueryValue String id) {
    Map<String, List<String>> deployments = AppViews.deploymentsByApp(definitions.runningDeployments());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode apps = json.putArray("apps");
    for (RunSpec spec : definitions.list(RunSpecKind.APP)) {
      App app = spec.getApp();
      if (id == null || app.getId().toLowerCase(Locale.ROOT).contains(id.toLowerCase(Locale.ROOT))) {
        apps.add(AppViews.withStatus(app, deployments.getOrDefault(app.getId(), List.of())));
      }
    }
    return JsonResponses.ok(json);
  }

  @Get("/{+path}")
  public HttpResponse<String> show(@PathVariable String path) {
    RunSpecPath target = RunSpecPath.app(path);
    return switch (target.resource()) {
      case SPEC -> JsonResponses.ok(app(target.id()));
      case VERSIONS -> JsonResponses.ok(versions(target.id()));
      case VERSION -> JsonResponses.ok(MarathonJson.print(definitions.get(GetRequest.newBuilder()
          .setKind(RunSpecKind.APP).setId(target.id()).setVersion(target.version()).build()).getApp()));
      case RESTART -> throw RunSpecPath.unknownUri();
    };
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

  /** Marathon deletes with {@code force} unless told otherwise. */
  @Delete("/{+path}")
  public HttpResponse<String> delete(@PathVariable String path, @QueryValue(defaultValue = "true") boolean force) {
    RunSpecPath target = RunSpecPath.app(path).require(Resource.SPEC);
    return changed(HttpStatus.OK, definitions.delete(ref(target.id(), force)));
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

  private ObjectNode app(String id) {
    App app = definitions.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId(id).build()).getApp();
    List<String> deployments = AppViews.deploymentsByApp(definitions.runningDeployments())
        .getOrDefault(app.getId(), List.of());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    json.set("app", AppViews.detailed(app, deployments));
    return json;
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
