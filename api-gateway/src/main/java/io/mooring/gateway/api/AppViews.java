package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The app JSON Marathon answers with: the spec plus what it embeds (task counts, deployments, tasks). */
final class AppViews {
  private AppViews() {}

  /** The spec with task counts and the ids of the deployments that affect it. */
  static ObjectNode withStatus(App app, List<String> deploymentIds) {
    ObjectNode json = MarathonJson.print(app);
    // Instances come from reservation-service in a later step; until then no app has tasks.
    json.put("tasksStaged", 0).put("tasksRunning", 0).put("tasksHealthy", 0).put("tasksUnhealthy", 0);
    ArrayNode deployments = json.putArray("deployments");
    deploymentIds.forEach(id -> deployments.addObject().put("id", id));
    return json;
  }

  /** GET /v2/apps/{id} also embeds the tasks. */
  static ObjectNode detailed(App app, List<String> deploymentIds) {
    ObjectNode json = withStatus(app, deploymentIds);
    json.putArray("tasks");
    return json;
  }

  /** Marathon's answer to a change: {"deploymentId", "version"}. */
  static ObjectNode deploymentResult(ChangeResult result) {
    return MarathonJson.MAPPER.createObjectNode()
        .put("deploymentId", result.getDeployment().getId())
        .put("version", result.getDeployment().getVersion());
  }

  /** The ids of the given deployments per affected app id. */
  static Map<String, List<String>> deploymentsByApp(List<Deployment> deployments) {
    return deployments.stream()
        .flatMap(d -> d.getAffectedAppsList().stream().map(app -> Map.entry(app, d.getId())))
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }
}
