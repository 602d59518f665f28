package io.mooring.gateway.api;

import static io.mooring.gateway.api.JsonResponses.DEPLOYMENT_HEADER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import java.util.List;

/** What the task kill endpoints share: Marathon's rules for scale and wipe, and its answers to a kill. */
final class Kills {
  private Kills() {}

  /** A scale keeps the reservations for fewer instances, a wipe gives them up: Marathon refuses both at once. */
  static void refuseScaleWithWipe(boolean scale, boolean wipe) {
    if (scale && wipe) {
      throw Errors.badRequest("You cannot use scale and wipe at the same time.");
    }
  }

  static DomainException unknownTask(String taskId) {
    return Errors.notFound("Task '" + taskId + "' does not exist");
  }

  /** A kill with scale: the deployment that lowered the instances. */
  static HttpResponse<String> deploymentResult(KillInstancesResponse killed) {
    return JsonResponses.ok(AppViews.deploymentResult(killed.getDeploymentId(), killed.getVersion()))
        .header(DEPLOYMENT_HEADER, killed.getDeploymentId());
  }

  /** A scale that finds no task has no deployment to answer with. */
  static DomainException nothingToScale() {
    return Errors.badRequest("No tasks to kill and scale.");
  }

  /** A kill without scale: {"tasks": [...]}, the listed tasks of the instances found, as they were before. */
  static HttpResponse<String> tasksResult(List<Instance> found) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    json.set("tasks", TaskViews.tasks(found));
    return JsonResponses.ok(json);
  }
}
