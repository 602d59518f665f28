package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.Resources;
import io.mooring.proto.v1.Task;
import java.util.Iterator;
import java.util.Optional;

/** Marathon's ContainerStatus of a pod instance: one per task, that is per container of the pod. */
final class PodContainerViews {
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
   * Status and endpoints of the container. Since when: started, else staged, else the instance's since. Mesos
   * reports no health here, so there are no conditions.
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
    if (container.isPresent() && TaskViews.active(TaskViews.state(task))) {
      endpoints(spec, container.get(), task, endpoints);
    }
    json.putArray("conditions");
    resources(spec, instance, task).ifPresent(resources -> json.set("resources", resources(resources)));
    return json.put("lastUpdated", since).put("lastChanged", since);
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
   * endpoint order, as offer-service allocates them.
   */
  private static void endpoints(Pod spec, PodContainer container, Task task, ArrayNode endpoints) {
    boolean hostNetwork = spec.getNetworksList().stream()
        .allMatch(network -> network.getMode().isEmpty() || network.getMode().equals("host"));
    Iterator<Integer> ports = task.getHostPortsList().iterator();
    for (Endpoint endpoint : container.getEndpointsList()) {
      ObjectNode json = endpoints.addObject().put("name", endpoint.getName());
      if ((endpoint.hasHostPort() || hostNetwork) && ports.hasNext()) {
        json.put("allocatedHostPort", ports.next());
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
