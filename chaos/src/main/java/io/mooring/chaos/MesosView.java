package io.mooring.chaos;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.model.ReservationLabels;
import io.mooring.model.TaskStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Mesos holds, read from the simulator's {@code /master/state} alone: every reserved resource of every
 * registered agent, and every task with the agent it is on and the volumes it uses. Instances are named by the
 * {@code marathon_task_id} label, which is what Mesos itself knows of them.
 */
record MesosView(List<Reserved> reserved, List<Task> tasks, Set<String> agentIds) {
  /** One reserved resource, with the labels of its last (our framework's) reservation and its JSON as Mesos shows it. */
  record Reserved(String agentId, String name, String persistenceId, Map<String, String> labels, String json) {
    String instanceId() {
      return labels.getOrDefault(ReservationLabels.INSTANCE, "");
    }

    String claimId() {
      return labels.getOrDefault(ReservationLabels.CLAIM, "");
    }

    boolean isVolume() {
      return !persistenceId.isEmpty();
    }

    /** Stable across reads, to tell the same resource seen twice. */
    String key() {
      return agentId + "|" + name + "|" + persistenceId + "|" + labels;
    }
  }

  /** One task; {@code instanceId} from its reserved resources' labels ("" when it uses none). */
  record Task(String id, String state, String agentId, String instanceId, Set<String> persistenceIds) {
    /** Runs or may still run: an unreachable task comes back when its agent does. */
    boolean live() {
      return !TaskStates.isTerminal(state);
    }
  }

  static MesosView parse(String state) {
    JsonObject root = JsonParser.parseString(state).getAsJsonObject();
    List<Reserved> reserved = new ArrayList<>();
    Set<String> agents = new TreeSet<>();
    for (JsonElement slave : root.getAsJsonArray("slaves")) {
      JsonObject agent = slave.getAsJsonObject();
      String agentId = agent.get("id").getAsString();
      agents.add(agentId);
      for (Map.Entry<String, JsonElement> role : agent.getAsJsonObject("reserved_resources_full").entrySet()) {
        for (JsonElement resource : role.getValue().getAsJsonArray()) {
          JsonObject r = resource.getAsJsonObject();
          reserved.add(new Reserved(agentId, r.get("name").getAsString(), persistenceId(r), labels(r), r.toString()));
        }
      }
    }
    List<Task> tasks = new ArrayList<>();
    for (JsonElement framework : root.getAsJsonArray("frameworks")) {
      for (String list : List.of("tasks", "unreachable_tasks")) {
        JsonArray array = framework.getAsJsonObject().getAsJsonArray(list);
        for (JsonElement element : array == null ? new JsonArray() : array) {
          tasks.add(task(element.getAsJsonObject()));
        }
      }
    }
    return new MesosView(List.copyOf(reserved), List.copyOf(tasks), Set.copyOf(agents));
  }

  private static Task task(JsonObject t) {
    String instance = "";
    Set<String> volumes = new TreeSet<>();
    JsonArray resources = t.getAsJsonArray("resources_full");
    for (JsonElement element : resources == null ? new JsonArray() : resources) {
      JsonObject r = element.getAsJsonObject();
      instance = instance.isEmpty() ? labels(r).getOrDefault(ReservationLabels.INSTANCE, "") : instance;
      String volume = persistenceId(r);
      if (!volume.isEmpty()) {
        volumes.add(volume);
      }
    }
    return new Task(t.get("id").getAsString(), t.get("state").getAsString(), t.get("slave_id").getAsString(),
        instance, Set.copyOf(volumes));
  }

  private static String persistenceId(JsonObject resource) {
    JsonObject disk = resource.getAsJsonObject("disk");
    JsonObject persistence = disk == null ? null : disk.getAsJsonObject("persistence");
    return persistence == null ? "" : persistence.get("id").getAsString();
  }

  private static Map<String, String> labels(JsonObject resource) {
    JsonArray reservations = resource.getAsJsonArray("reservations");
    Map<String, String> labels = new HashMap<>();
    if (reservations == null || reservations.isEmpty()) {
      return labels;
    }
    JsonObject last = reservations.get(reservations.size() - 1).getAsJsonObject();
    JsonObject holder = last.getAsJsonObject("labels");
    JsonArray list = holder == null ? null : holder.getAsJsonArray("labels");
    for (JsonElement label : list == null ? new JsonArray() : list) {
      JsonObject l = label.getAsJsonObject();
      labels.put(l.get("key").getAsString(), l.has("value") ? l.get("value").getAsString() : "");
    }
    return Map.copyOf(labels);
  }
}
