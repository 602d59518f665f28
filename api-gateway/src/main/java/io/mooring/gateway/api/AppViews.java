package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The app JSON Marathon answers with: the spec plus what it embeds (task counts, deployments, tasks). */
final class AppViews {
  private AppViews() {}

  /**
   * The spec with the counts of its listed tasks and the ids of the deployments that affect it. As Marathon counts
   * them, a task is healthy or unhealthy by its health check's last result: one without a result is neither.
   */
  static ObjectNode withStatus(App app, List<String> deploymentIds, List<Instance> instances) {
    ObjectNode json = MarathonJson.print(app);
    List<Task> tasks = instances.stream().filter(TaskViews::listed)
        .flatMap(instance -> instance.getTasksList().stream()).toList();
    long running = tasks.stream().map(TaskViews::state).filter(TaskViews.RUNNING::equals).count();
    long staged = tasks.stream().map(TaskViews::state)
        .filter(s -> s.equals(TaskViews.STAGING) || s.equals(TaskViews.STARTING)).count();
    List<Task> checked = tasks.stream().filter(t -> t.hasHealthy() && TaskViews.active(TaskViews.state(t))).toList();
    long healthy = checked.stream().filter(Task::getHealthy).count();
    json.put("tasksStaged", staged).put("tasksRunning", running).put("tasksHealthy", healthy)
        .put("tasksUnhealthy", checked.size() - healthy);
    ArrayNode deployments = json.putArray("deployments");
    deploymentIds.forEach(id -> deployments.addObject().put("id", id));
    return json;
  }

  /** GET /v2/apps/{id} (and the list with embed=apps.tasks) also embeds the tasks. */
  static ObjectNode detailed(App app, List<String> deploymentIds, List<Instance> instances) {
    ObjectNode json = withStatus(app, deploymentIds, instances);
    json.set("tasks", TaskViews.tasks(instances));
    return json;
  }

  /** Marathon's answer to a change: {"deploymentId", "version"}. */
  static ObjectNode deploymentResult(ChangeResult result) {
    return deploymentResult(result.getDeployment().getId(), result.getDeployment().getVersion());
  }

  static ObjectNode deploymentResult(String deploymentId, String version) {
    return MarathonJson.MAPPER.createObjectNode().put("deploymentId", deploymentId).put("version", version);
  }

  /** The given instances per run spec id. */
  static Map<String, List<Instance>> instancesByRunSpec(List<Instance> instances) {
    return instances.stream().collect(Collectors.groupingBy(Instance::getRunSpecId));
  }

  /** The ids of the given deployments per affected app id. */
  static Map<String, List<String>> deploymentsByApp(List<Deployment> deployments) {
    return deployments.stream()
        .flatMap(d -> d.getAffectedAppsList().stream().map(app -> Map.entry(app, d.getId())))
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }
}
