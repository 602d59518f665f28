package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.Task;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Marathon's task JSON, built from reservation-service's instances. */
final class TaskViews {
  static final String STAGING = "TASK_STAGING";
  static final String STARTING = "TASK_STARTING";
  static final String RUNNING = "TASK_RUNNING";
  /** Marathon's active conditions: only their tasks show when they were staged and started, version and ports. */
  private static final Set<String> ACTIVE = Set.of(STAGING, STARTING, RUNNING, "TASK_KILLING", "TASK_UNREACHABLE");

  private TaskViews() {}

  /**
   * Marathon lists only instances placed on an agent that have at least one task. A wiped instance is gone for
   * Marathon at once; here it stays, decommissioned, until volume-gc has cleaned up, but it is not listed either.
   */
  static boolean listed(Instance instance) {
    return !instance.getReservation().getAgentId().isEmpty() && instance.getTasksCount() > 0
        && instance.getGoal() != Goal.DECOMMISSIONED;
  }

  /** The task's Mesos state; a task Mesos has not reported on yet is staging. */
  static String state(Task task) {
    return task.getMesosState().isEmpty() ? STAGING : task.getMesosState();
  }

  /** The tasks of the listed instances, in order. */
  static ArrayNode tasks(Collection<Instance> instances) {
    return tasks(instances, state -> true);
  }

  /** The tasks of the listed instances whose state passes {@code states}. */
  static ArrayNode tasks(Collection<Instance> instances, Predicate<String> states) {
    ArrayNode tasks = MarathonJson.MAPPER.createArrayNode();
    for (Instance instance : instances) {
      if (listed(instance)) {
        instance.getTasksList().stream().filter(task -> states.test(state(task)))
            .forEach(task -> tasks.add(task(instance, task)));
      }
    }
    return tasks;
  }

  /** One task as Marathon prints it; what only an active task has is left out otherwise. */
  static ObjectNode task(Instance instance, Task task) {
    String host = instance.getReservation().getHostname();
    String state = state(task);
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("appId", instance.getRunSpecId())
        .put("id", task.getTaskId())
        .put("host", host)
        .put("slaveId", instance.getReservation().getAgentId())
        .put("state", state);
    boolean active = active(state);
    if (active) {
      putIfSet(json, "stagedAt", task.getStagedAt());
      putIfSet(json, "startedAt", task.getStartedAt());
      json.put("version", task.getRunSpecVersion().isEmpty() ? instance.getRunSpecVersion()
          : task.getRunSpecVersion());
      ArrayNode ports = json.putArray("ports");
      task.getHostPortsList().forEach(ports::add);
    }
    ArrayNode health = json.putArray("healthCheckResults");
    if (task.hasHealthy() && active) {
      // What Mesos last said; it keeps no history here, so a failing check has failed at least once.
      health.addObject().put("alive", task.getHealthy()).put("consecutiveFailures", task.getHealthy() ? 0 : 1)
          .put("instanceId", instance.getInstanceId());
    }
    json.putArray("servicePorts");
    ArrayNode addresses = json.putArray("ipAddresses");
    if (active) {
      addresses.addObject().put("ipAddress", host).put("protocol", "IPv4");
    }
    json.set("localVolumes", localVolumes(instance));
    return json.put("role", instance.getRole());
  }

  /** Sets each task's {@code servicePorts}: those of its app ({@code byApp}; none for a pod's). */
  static ArrayNode withServicePorts(ArrayNode tasks, Map<String, App> byApp) {
    for (JsonNode task : tasks) {
      ArrayNode ports = ((ObjectNode) task).putArray("servicePorts");
      App app = byApp.get(task.path("appId").asText());
      if (app != null) {
        servicePorts(app).forEach(ports::add);
      }
    }
    return tasks;
  }

  /** An app's service ports: its port definitions' ports, or its port mappings' service ports. */
  static List<Integer> servicePorts(App app) {
    return app.getContainer().getPortMappingsCount() > 0
        ? app.getContainer().getPortMappingsList().stream().map(PortMapping::getServicePort).toList()
        : app.getPortDefinitionsList().stream().map(PortDefinition::getPort).toList();
  }

  /** Whether a task in {@code state} counts as active: only then is it shown with its ports and resources. */
  static boolean active(String state) {
    return ACTIVE.contains(state);
  }

  /** The instance's persistent volumes as Marathon names them (pods: containerPath is the volume's name). */
  static ArrayNode localVolumes(Instance instance) {
    ArrayNode volumes = MarathonJson.MAPPER.createArrayNode();
    for (LocalVolume volume : instance.getVolumesList()) {
      volumes.addObject()
          .put("runSpecId", volume.getRunSpecId())
          .put("containerPath", volume.getContainerPath())
          .put("uuid", volume.getUuid())
          .put("persistenceId", volume.getPersistenceId());
    }
    return volumes;
  }

  /**
   * The states {@code ?status=} asks for: {@code running}, {@code staging} (which takes starting along). Marathon
   * ignores other values, and asking for none of these means every state.
   */
  static Predicate<String> statusFilter(List<String> statuses) {
    Set<String> states = new HashSet<>();
    for (String status : statuses) {
      switch (status.toLowerCase(Locale.ROOT)) {
        case "running" -> states.add(RUNNING);
        case "staging" -> states.addAll(List.of(STAGING, STARTING));
        default -> { }
      }
    }
    return states.isEmpty() ? state -> true : states::contains;
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (!value.isEmpty()) {
      json.put(field, value);
    }
  }
}
