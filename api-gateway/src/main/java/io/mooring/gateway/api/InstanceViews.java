package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Task;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Marathon's instance JSON (what a pod instance kill answers with) and Marathon's instance conditions, derived from
 * reservation-service's instance states and the Mesos states of their tasks.
 */
final class InstanceViews {
  /** Marathon's condition of a task by its Mesos state. TASK_LOST is taken as a partition, as residents see it. */
  private static final Map<String, String> TASK_CONDITIONS = Map.ofEntries(
      Map.entry("TASK_STAGING", "Staging"), Map.entry("TASK_STARTING", "Starting"),
      Map.entry("TASK_RUNNING", "Running"), Map.entry("TASK_KILLING", "Killing"),
      Map.entry("TASK_FINISHED", "Finished"), Map.entry("TASK_FAILED", "Failed"),
      Map.entry("TASK_KILLED", "Killed"), Map.entry("TASK_ERROR", "Error"),
      Map.entry("TASK_LOST", "Unreachable"), Map.entry("TASK_DROPPED", "Dropped"),
      Map.entry("TASK_UNREACHABLE", "Unreachable"), Map.entry("TASK_GONE", "Gone"),
      Map.entry("TASK_GONE_BY_OPERATOR", "Gone"), Map.entry("TASK_UNKNOWN", "Unknown"));
  /** Marathon's precedence: an instance of several tasks is in the condition of the first of them in this list. */
  private static final List<String> PRECEDENCE = List.of("Error", "Failed", "Gone", "Dropped", "Unreachable",
      "Killing", "Starting", "Staging", "Unknown", "Provisioned", "Running", "Finished", "Killed");
  static final Set<String> TERMINAL = Set.of("Error", "Failed", "Finished", "Killed", "Gone", "Dropped", "Unknown");
  private static final Set<String> ACTIVE =
      Set.of("Provisioned", "Staging", "Starting", "Running", "Killing", "Unreachable");

  private InstanceViews() {}

  static String condition(Task task) {
    return condition(TaskViews.state(task));
  }

  static String condition(String mesosState) {
    return TASK_CONDITIONS.getOrDefault(mesosState, "Unknown");
  }

  /**
   * The instance's Marathon condition: its state where that says it all, else what its tasks say. A suspended
   * instance is in the terminal condition its task ended in.
   */
  static String condition(Instance instance) {
    return switch (instance.getState()) {
      case SCHEDULED -> "Scheduled";
      case RESERVING -> "Provisioned";
      case STAGING -> ofTasks(instance, condition -> true, "Staging");
      case RUNNING_STATE -> ofTasks(instance, condition -> true, "Running");
      case SUSPENDED -> ofTasks(instance, TERMINAL::contains, "Killed");
      case UNREACHABLE -> "Unreachable";
      case GONE -> "Gone";
      default -> "Unknown";
    };
  }

  static String goal(Goal goal) {
    return switch (goal) {
      case STOPPED -> "Stopped";
      case DECOMMISSIONED -> "Decommissioned";
      default -> "Running";
    };
  }

  /** Marathon's Instance JSON; {@code unreachableStrategy} is the run spec's (residents: "disabled"). */
  static ObjectNode instance(Instance instance, JsonNode unreachableStrategy) {
    String condition = condition(instance);
    ObjectNode json = MarathonJson.MAPPER.createObjectNode().put("instanceId", instance.getInstanceId());
    ObjectNode state = json.putObject("state").put("condition", condition).put("since", instance.getSince());
    if (ACTIVE.contains(condition)) {
      // Since when the instance runs: its earliest task start.
      instance.getTasksList().stream().map(Task::getStartedAt).filter(s -> !s.isEmpty()).min(Comparator.naturalOrder())
          .ifPresent(since -> state.put("activeSince", since));
    }
    state.put("goal", goal(instance.getGoal()));
    if (!instance.getReservation().getAgentId().isEmpty()) {
      json.putObject("agentInfo")
          .put("host", instance.getReservation().getHostname())
          .put("agentId", instance.getReservation().getAgentId())
          .putArray("attributes");
    }
    json.put("runSpecVersion", instance.getRunSpecVersion());
    json.set("unreachableStrategy", unreachableStrategy);
    return json;
  }

  private static String ofTasks(Instance instance, Predicate<String> considered, String otherwise) {
    return instance.getTasksList().stream().map(InstanceViews::condition).filter(considered)
        .min(Comparator.comparingInt(PRECEDENCE::indexOf)).orElse(otherwise);
  }
}
