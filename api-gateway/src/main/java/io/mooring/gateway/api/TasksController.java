package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.error.MarathonError;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.TaskIds;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.runtime.grpc.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code /v2/tasks}: the tasks of every app and pod, and killing tasks of several apps at once. */
@Controller("/v2/tasks")
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TasksController {
  private final ReservationClient reservations;
  private final DefinitionClient definitions;

  public TasksController(ReservationClient reservations, DefinitionClient definitions) {
    this.reservations = reservations;
    this.definitions = definitions;
  }

  /**
   * {"tasks": [...]}, with {@code status} or {@code status[]} ({@code running}, {@code staging}) as a filter. Clients
   * that ask for Marathon's text/plain listing get the JSON too rather than a 406.
   */
  @Get
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public HttpResponse<String> list(HttpRequest<?> request) {
    List<String> statuses = Stream.of("status", "status[]")
        .flatMap(name -> request.getParameters().getAll(name).stream()).toList();
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    ArrayNode tasks = TaskViews.tasks(reservations.allInstances(), TaskViews.statusFilter(statuses));
    Map<String, App> apps = new HashMap<>();
    definitions.list(RunSpecKind.APP).forEach(spec -> apps.put(spec.getApp().getId(), spec.getApp()));
    json.set("tasks", TaskViews.withServicePorts(tasks, apps));
    return JsonResponses.ok(json);
  }

  /**
   * Kills the tasks {"ids": [...]} names, app by app, as {@code DELETE /v2/apps/{id}/tasks/{taskId}} would. Ids of
   * no known instance are passed over, and pods' tasks too, as in Marathon. With {@code scale} each app gets its own
   * deployment; the answer names the last.
   */
  @Post("/delete")
  public HttpResponse<String> delete(@Nullable @Body String body, @QueryValue(defaultValue = "false") boolean scale,
      @QueryValue(defaultValue = "false") boolean wipe) {
    Kills.refuseScaleWithWipe(scale, wipe);
    Map<String, List<String>> byApp = byApp(instancesByTask(body), reservations.allInstances());
    if (scale && byApp.isEmpty()) {
      throw Kills.nothingToScale();
    }
    List<Instance> found = new ArrayList<>();
    KillInstancesResponse last = null;
    for (Map.Entry<String, List<String>> app : byApp.entrySet()) {
      last = reservations.kill(KillInstancesRequest.newBuilder().setRunSpecId(app.getKey()).setKind(RunSpecKind.APP)
          .addAllTaskOrInstanceIds(app.getValue()).setScale(scale).setWipe(wipe).build());
      found.addAll(last.getInstancesList());
    }
    return scale ? Kills.deploymentResult(last) : Kills.tasksResult(found);
  }

  /** The task ids per app id, by the instance each names; ids of no app instance are left out. */
  private static Map<String, List<String>> byApp(Map<String, String> instancesByTask, List<Instance> instances) {
    Map<String, Instance> byId = instances.stream()
        .collect(Collectors.toMap(Instance::getInstanceId, Function.identity(), (a, b) -> a));
    Map<String, List<String>> byApp = new TreeMap<>();
    for (Map.Entry<String, String> task : instancesByTask.entrySet()) {
      Instance owner = byId.get(task.getValue());
      if (owner != null && owner.getKind() == RunSpecKind.APP) {
        byApp.computeIfAbsent(owner.getRunSpecId(), app -> new ArrayList<>()).add(task.getKey());
      }
    }
    return byApp;
  }

  /** The instance of each task id of {"ids": [...]}, in order and without repeats; 400 for what is no task id. */
  private static Map<String, String> instancesByTask(String body) {
    JsonNode ids = MarathonJson.object(body).path("ids");
    if (!ids.isArray()) {
      throw MarathonError.invalidJson("Expected {\"ids\": [\"<taskId>\", ...]}");
    }
    Map<String, String> parsed = new LinkedHashMap<>();
    for (JsonNode id : ids) {
      String text = id.asText();
      parsed.put(text, TaskIds.instanceIdOf(text).orElseThrow(() ->
          Errors.badRequest("Invalid task id '" + text + "'.")));
    }
    return parsed;
  }
}
