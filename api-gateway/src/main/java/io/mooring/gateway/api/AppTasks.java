package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.mooring.gateway.client.DefinitionClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.RunSpecKind;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/apps/{id}/tasks[/{taskId}]}. {@link AppsController} routes here: its routes take the whole rest of the
 * URL, since an app id is a path, and {@link RunSpecPath} tells the tasks suffix apart.
 */
@Singleton
public class AppTasks {
  private final DefinitionClient definitions;
  private final ReservationClient reservations;

  public AppTasks(DefinitionClient definitions, ReservationClient reservations) {
    this.definitions = definitions;
    this.reservations = reservations;
  }

  /** {"tasks": [...]}: the app's listed tasks; 404 if there is no such app. */
  ObjectNode list(String appId) {
    App app = requireApp(appId);
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    json.set("tasks", TaskViews.withServicePorts(TaskViews.tasks(reservations.instances(appId)),
        Map.of(app.getId(), app)));
    return json;
  }

  /** Kills the task (with {@code scale} or {@code wipe}); answers {"task": {...}} as it was, or the deployment. */
  HttpResponse<String> kill(String appId, String taskId, boolean scale, boolean wipe) {
    Kills.refuseScaleWithWipe(scale, wipe);
    requireApp(appId);
    KillInstancesResponse killed = reservations.kill(request(appId, scale, wipe)
        .addTaskOrInstanceIds(taskId).build());
    if (scale) {
      return Kills.deploymentResult(killed);
    }
    ArrayNode tasks = TaskViews.tasks(killed.getInstancesList());
    JsonNode task = tasks.isEmpty() ? null : tasks.get(0);
    for (JsonNode candidate : tasks) {
      if (candidate.get("id").asText().equals(taskId)) {
        task = candidate;
      }
    }
    if (task == null) {
      // Found, but never placed: there is no task to show (Marathon answers as for an unknown task).
      throw Kills.unknownTask(taskId);
    }
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    json.set("task", task);
    return JsonResponses.ok(json);
  }

  /**
   * Kills the app's tasks on {@code host} ({@code *}: all of them); answers {"tasks": [...]} as they were, or the
   * deployment. Without a host nothing matches, as in Marathon.
   */
  HttpResponse<String> killOnHost(String appId, String host, boolean scale, boolean wipe) {
    Kills.refuseScaleWithWipe(scale, wipe);
    requireApp(appId);
    if (host == null || host.isEmpty()) {
      if (scale) {
        throw Kills.nothingToScale();
      }
      return Kills.tasksResult(List.of());
    }
    KillInstancesResponse killed = reservations.kill(request(appId, scale, wipe).setHost(host).build());
    return scale ? Kills.deploymentResult(killed) : Kills.tasksResult(killed.getInstancesList());
  }

  private App requireApp(String appId) {
    return definitions.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId(appId).build()).getApp();
  }

  private static KillInstancesRequest.Builder request(String appId, boolean scale, boolean wipe) {
    return KillInstancesRequest.newBuilder().setRunSpecId(appId).setKind(RunSpecKind.APP)
        .setScale(scale).setWipe(wipe);
  }
}
