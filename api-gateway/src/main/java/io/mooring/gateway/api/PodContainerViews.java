package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.HealthChecks;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.Resources;
import io.mooring.proto.v1.Task;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Marathon's ContainerStatus of a pod instance: one per task, that is per container of the pod. */
final class PodContainerViews {
  private static final String HEALTHY = "healthy";
  /**
   * The task conditions in which a container with a health check shows its "healthy" condition (Marathon's
   * PodStatusConversion): not before its task runs, nor once it ended (an instance here always keeps its reservation).
   */
  private static final Set<String> HEALTH_SHOWN = Set.of("Running", "Killing", "Unreachable");

  private PodContainerViews() {}

  /**
   * The container a task runs: {@code <instanceId>.<container>.<incarnation>}. A task id of another shape is its
   * own name, as in Marathon.
   */
  static String name(Instance instance, Task task) {
    String prefix = instance.getInstanceId() + ".";
    String id = task.getTaskId();
    return id.startsWith(prefix) ? id.substring(prefix.length()).replaceFirst("\\.\\d+$", "") : id;
  }

  /** The resources the container holds: its spec's, while its task is active. */
  static Optional<Resources> resources(Pod spec, Instance instance, Task task) {
    if (!TaskViews.active(TaskViews.state(task))) {
      return Optional.empty();
    }
    return container(spec, name(instance, task)).map(PodContainer::getResources);
  }

  /**
   * Status, endpoints and conditions of the container. Since when: started, else staged, else the instance's since.
   */
  static ObjectNode status(Pod spec, Instance instance, Task task) {
    String name = name(instance, task);
    String since = firstSet(task.getStartedAt(), task.getStagedAt(), instance.getSince());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("name", name)
        .put("status", TaskViews.state(task))
        .put("statusSince", since)
        .put("containerId", task.getTaskId());
    ArrayNode endpoints = json.putArray("endpoints");
    Optional<PodContainer> container = container(spec, name);
    Optional<HealthChecks.ContainerCheck> check = container.flatMap(c -> HealthChecks.ofContainer(spec, c));
    if (container.isPresent() && TaskViews.active(TaskViews.state(task))) {
      endpoints(spec, container.get(), task, check.map(HealthChecks.ContainerCheck::endpoint).orElse(""), endpoints);
    }
    ArrayNode conditions = json.putArray("conditions");
    if (check.isPresent() && HEALTH_SHOWN.contains(InstanceViews.condition(task))) {
      conditions.addObject().put("name", HEALTHY).put("lastChanged", since).put("lastUpdated", since)
          .put("value", String.valueOf(task.hasHealthy() && task.getHealthy()))
          .put("reason", task.hasHealthy() ? "health-reported-by-mesos" : "health-unreported-by-mesos");
    }
    resources(spec, instance, task).ifPresent(resources -> json.set("resources", resources(resources)));
    return json.put("lastUpdated", since).put("lastChanged", since);
  }

  /** Whether the container's status says it is not healthy: its health check failed, or has not passed yet. */
  static boolean unhealthy(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("name").asText().equals(HEALTHY) && condition.path("value").asText().equals("false")) {
        return true;
      }
    }
    return false;
  }

  static ObjectNode resources(Resources resources) {
    return MarathonJson.MAPPER.createObjectNode()
        .put("cpus", resources.getCpus())
        .put("mem", resources.getMem())
        .put("disk", resources.getDisk())
        .put("gpus", resources.getGpus());
  }

  /**
   * Every endpoint by name; those given a host port (all of them on host networking) with the port allocated, in
   * endpoint order, as offer-service allocates them; the one the health check probes with what Mesos last said.
   */
  private static void endpoints(Pod spec, PodContainer container, Task task, String checked, ArrayNode endpoints) {
    boolean hostNetwork = RunSpecs.hostNetwork(spec);
    Iterator<Integer> ports = task.getHostPortsList().iterator();
    for (Endpoint endpoint : container.getEndpointsList()) {
      ObjectNode json = endpoints.addObject().put("name", endpoint.getName());
      if ((endpoint.hasHostPort() || hostNetwork) && ports.hasNext()) {
        json.put("allocatedHostPort", ports.next());
      }
      if (endpoint.getName().equals(checked) && task.hasHealthy()) {
        json.put("healthy", task.getHealthy());
      }
    }
  }

  private static Optional<PodContainer> container(Pod spec, String name) {
    return spec.getContainersList().stream().filter(c -> c.getName().equals(name)).findFirst();
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }
}
