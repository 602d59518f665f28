package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.TaskFailure;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The app JSON Marathon answers with: the spec plus what it embeds (task counts, deployments, tasks, ...). */
final class AppViews {
  private AppViews() {}

  /** The spec with the counts of its listed tasks and the ids of the deployments that affect it. */
  static ObjectNode withStatus(App app, List<String> deploymentIds, List<Instance> instances) {
    return view(app, deploymentIds, instances, AppEmbed.LIST);
  }

  /** The status and the listed tasks (GET /v2/apps/{id} before embeds were read; the list with apps.tasks). */
  static ObjectNode detailed(App app, List<String> deploymentIds, List<Instance> instances) {
    return view(app, deploymentIds, instances, EnumSet.of(AppEmbed.COUNTS, AppEmbed.DEPLOYMENTS, AppEmbed.TASKS));
  }

  /**
   * The spec with what {@code embeds} asks for, from the app's instances and the ids of the deployments that affect
   * it; life times in {@code tasksStats} end now.
   */
  static ObjectNode view(App app, List<String> deploymentIds, List<Instance> instances, Set<AppEmbed> embeds) {
    return view(app, deploymentIds, instances, embeds, Instant.now());
  }

  /** As {@link #view(App, List, List, Set)}, with life times ending at {@code now}. */
  static ObjectNode view(App app, List<String> deploymentIds, List<Instance> instances, Set<AppEmbed> embeds,
      Instant now) {
    ObjectNode json = MarathonJson.print(app);
    if (embeds.contains(AppEmbed.COUNTS)) {
      TaskCounts counts = TaskCounts.of(instances.stream().filter(TaskViews::listed)
          .flatMap(instance -> instance.getTasksList().stream()).toList());
      json.put("tasksStaged", counts.staged()).put("tasksRunning", counts.running())
          .put("tasksHealthy", counts.healthy()).put("tasksUnhealthy", counts.unhealthy());
    }
    if (embeds.contains(AppEmbed.DEPLOYMENTS)) {
      ArrayNode deployments = json.putArray("deployments");
      deploymentIds.forEach(id -> deployments.addObject().put("id", id));
    }
    if (embeds.contains(AppEmbed.READINESS)) {
      json.set("readinessCheckResults", ReadinessViews.results(app, instances));
    }
    if (embeds.contains(AppEmbed.TASKS)) {
      json.set("tasks", TaskViews.withServicePorts(TaskViews.tasks(instances), Map.of(app.getId(), app)));
    }
    if (embeds.contains(AppEmbed.LAST_TASK_FAILURE)) {
      lastTaskFailure(instances).ifPresent(failure -> json.set("lastTaskFailure", failure));
    }
    if (embeds.contains(AppEmbed.TASK_STATS)) {
      json.set("tasksStats", TaskStatsViews.byVersion(app, instances, now));
    }
    return json;
  }

  /**
   * Marathon's lastTaskFailure: the newest of the failures the instances keep (each its latest); none when no task
   * failed. What failed in an instance since expunged is forgotten with it.
   */
  static Optional<ObjectNode> lastTaskFailure(List<Instance> instances) {
    return instances.stream().filter(Instance::hasLastFailure)
        .max(Comparator.comparing(instance -> Timestamps.parse(instance.getLastFailure().getTimestamp())
            .orElse(Instant.EPOCH)))
        .map(instance -> {
          TaskFailure failure = instance.getLastFailure();
          ObjectNode json = MarathonJson.MAPPER.createObjectNode()
              .put("appId", instance.getRunSpecId())
              .put("host", failure.getHost())
              .put("message", failure.getMessage())
              .put("state", failure.getState())
              .put("taskId", failure.getTaskId())
              .put("timestamp", failure.getTimestamp())
              .put("version", failure.getRunSpecVersion());
          if (!failure.getAgentId().isEmpty()) {
            json.put("slaveId", failure.getAgentId());
          }
          return json;
        });
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
