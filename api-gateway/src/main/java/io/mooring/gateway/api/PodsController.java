package io.mooring.gateway.api;

import static io.mooring.gateway.api.JsonResponses.DEPLOYMENT_HEADER;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.runtime.grpc.Errors;

/**
 * {@code /v2/pods}: Marathon's pod resource over definition-service. Pods answer with the pod itself. Status and
 * instance kills are {@link PodStatuses}' and {@link PodInstances}'.
 */
@Controller("/v2/pods")
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PodsController {
  private final DefinitionClient definitions;
  private final PodStatuses statuses;
  private final PodInstances instances;

  public PodsController(DefinitionClient definitions, PodStatuses statuses, PodInstances instances) {
    this.definitions = definitions;
    this.statuses = statuses;
    this.instances = instances;
  }

  @Post
  public HttpResponse<String> create(@Nullable @Body String body, @QueryValue(defaultValue = "false") boolean force) {
    Pod.Builder pod = MarathonJson.pod(body).spec();
    ChangeResult result = definitions.create(CreateRequest.newBuilder()
        .setSpec(RunSpec.newBuilder().setPod(pod)).setForce(force).build());
    return changed(HttpStatus.CREATED, result)
        .header(HttpHeaders.LOCATION, "/v2/pods" + result.getSpec().getPod().getId());
  }

  @Get
  public HttpResponse<String> list() {
    ArrayNode pods = MarathonJson.MAPPER.createArrayNode();
    definitions.list(RunSpecKind.POD).forEach(spec -> pods.add(MarathonJson.print(spec.getPod())));
    return JsonResponses.ok(pods);
  }

  @Get("/{+path}")
  public HttpResponse<String> show(@PathVariable String path) {
    RunSpecPath target = RunSpecPath.pod(path);
    return switch (target.resource()) {
      case SPEC -> JsonResponses.ok(MarathonJson.print(get(GetRequest.newBuilder().setId(target.id()))));
      case VERSIONS -> JsonResponses.ok(versions(target.id()));
      case VERSION -> JsonResponses.ok(MarathonJson.print(
          get(GetRequest.newBuilder().setId(target.id()).setVersion(target.version()))));
      case STATUS -> JsonResponses.ok(statuses.of(target.id()));
      case STATUSES -> JsonResponses.ok(statuses.all());
      case RESTART, TASKS, TASK, INSTANCES, INSTANCE -> throw RunSpecPath.unknownUri();
    };
  }

  /** Replaces the pod, creating it if absent; a body that names another pod is refused as Marathon does. */
  @Put("/{+path}")
  public HttpResponse<String> replace(@PathVariable String path, @Nullable @Body String body,
      @QueryValue(defaultValue = "false") boolean force) {
    String id = RunSpecPath.pod(path).require(Resource.SPEC).id();
    Parsed<Pod.Builder> parsed = MarathonJson.pod(body);
    if (parsed.fields().has("id") && !RunSpecPath.normalize(parsed.spec().getId()).equals(id)) {
      throw Errors.badRequest("'" + id + "' does not match definition's id ('" + parsed.spec().getId() + "')");
    }
    ChangeResult result = definitions.update(UpdateRequest.newBuilder()
        .setSpec(RunSpec.newBuilder().setPod(parsed.spec().setId(id)))
        .setCreateIfAbsent(true).setForce(force).build());
    if (result.getCreated()) {
      return changed(HttpStatus.CREATED, result).header(HttpHeaders.LOCATION, "/v2/pods" + id);
    }
    return changed(HttpStatus.OK, result);
  }

  /**
   * Deletes the pod (accepted: it goes once its stop deployment has run), or kills its instances: the one named,
   * or those the body ["<instanceId>", ...] names, {@code wipe} giving up their reservations and volumes.
   */
  @Delete("/{+path}")
  public HttpResponse<String> delete(@PathVariable String path, @QueryValue(defaultValue = "false") boolean force,
      @QueryValue(defaultValue = "false") boolean wipe, @Nullable @Body String body) {
    RunSpecPath target = RunSpecPath.pod(path);
    return switch (target.resource()) {
      case SPEC -> {
        ChangeResult result = definitions.delete(RunSpecRef.newBuilder()
            .setKind(RunSpecKind.POD).setId(target.id()).setForce(force).build());
        yield HttpResponse.<String>status(HttpStatus.ACCEPTED)
            .header(DEPLOYMENT_HEADER, result.getDeployment().getId());
      }
      case INSTANCE -> instances.kill(target.id(), target.instanceId(), wipe);
      case INSTANCES -> instances.killAll(target.id(), body, wipe);
      case VERSIONS, VERSION, RESTART, TASKS, TASK, STATUS, STATUSES -> throw RunSpecPath.unknownUri();
    };
  }

  private Pod get(GetRequest.Builder request) {
    return definitions.get(request.setKind(RunSpecKind.POD).build()).getPod();
  }

  private ArrayNode versions(String id) {
    ArrayNode versions = MarathonJson.MAPPER.createArrayNode();
    definitions.versions(RunSpecRef.newBuilder().setKind(RunSpecKind.POD).setId(id).build()).forEach(versions::add);
    return versions;
  }

  private static MutableHttpResponse<String> changed(HttpStatus status, ChangeResult result) {
    return JsonResponses.json(status, MarathonJson.print(result.getSpec().getPod()))
        .header(DEPLOYMENT_HEADER, result.getDeployment().getId());
  }
}
