package io.mooring.sim.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.mooring.mesos.MesosJson;
import java.util.List;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * GET /master/state in the Mesos (v0) JSON shape: `slaves` with their resources split into reserved (per role, with
 * the full resources), unreserved, used and offered; `frameworks` with their tasks and statuses. The ground truth a
 * test reads to prove nothing leaked and nothing was lost.
 */
final class StateJson {
  private StateJson() {}

  static JsonObject render(MasterInfo master, Response.GetState state, double startTime, double electedTime) {
    JsonObject root = new JsonObject();
    root.addProperty("version", master.getVersion());
    root.addProperty("id", master.getId());
    root.addProperty("pid", master.getPid());
    root.addProperty("hostname", master.getHostname());
    root.addProperty("leader", master.getPid());
    root.addProperty("start_time", startTime);
    root.addProperty("elected_time", electedTime);
    JsonArray slaves = new JsonArray();
    int active = 0;
    for (Response.GetAgents.Agent agent : state.getGetAgents().getAgentsList()) {
      slaves.add(slave(agent));
      if (agent.getActive()) active++;
    }
    root.addProperty("activated_slaves", active);
    root.addProperty("deactivated_slaves", slaves.size() - active);
    root.add("slaves", slaves);
    JsonArray recovered = new JsonArray();
    state.getGetAgents().getRecoveredAgentsList().forEach(a -> recovered.add(MesosJson.toJson(a)));
    root.add("recovered_slaves", recovered);
    JsonArray frameworks = new JsonArray();
    JsonArray completed = new JsonArray();
    List<Task> tasks = state.getGetTasks().getTasksList();
    List<Task> unreachable = state.getGetTasks().getUnreachableTasksList();
    List<Task> done = state.getGetTasks().getCompletedTasksList();
    for (Response.GetFrameworks.Framework f : state.getGetFrameworks().getFrameworksList()) {
      frameworks.add(framework(f, tasks, unreachable, done));
    }
    for (Response.GetFrameworks.Framework f : state.getGetFrameworks().getCompletedFrameworksList()) {
      completed.add(framework(f, List.of(), List.of(), done));
    }
    root.add("frameworks", frameworks);
    root.add("completed_frameworks", completed);
    root.add("orphan_tasks", new JsonArray());
    root.add("unregistered_frameworks", new JsonArray());
    return root;
  }

  private static JsonObject slave(Response.GetAgents.Agent agent) {
    JsonObject s = new JsonObject();
    s.addProperty("id", agent.getAgentInfo().getId().getValue());
    s.addProperty("pid", agent.getPid());
    s.addProperty("hostname", agent.getAgentInfo().getHostname());
    s.addProperty("port", agent.getAgentInfo().getPort());
    s.addProperty("active", agent.getActive());
    s.addProperty("version", agent.getVersion());
    s.addProperty("registered_time", agent.getRegisteredTime().getNanoseconds() / 1e9);
    List<Resource> total = agent.getTotalResourcesList();
    s.add("resources", summary(total));
    s.add("used_resources", summary(agent.getAllocatedResourcesList()));
    s.add("offered_resources", summary(agent.getOfferedResourcesList()));
    TreeMap<String, List<Resource>> reserved = new TreeMap<>();
    for (Resource r : total) {
      if (r.getReservationsCount() == 0) continue;
      reserved.computeIfAbsent(r.getReservations(r.getReservationsCount() - 1).getRole(), k -> new java.util.ArrayList<>())
          .add(r);
    }
    JsonObject reservedSummary = new JsonObject();
    JsonObject reservedFull = new JsonObject();
    reserved.forEach((role, rs) -> {
      reservedSummary.add(role, summary(rs));
      reservedFull.add(role, full(rs));
    });
    s.add("reserved_resources", reservedSummary);
    s.add("reserved_resources_full", reservedFull);
    List<Resource> unreserved = total.stream().filter(r -> r.getReservationsCount() == 0).toList();
    s.add("unreserved_resources", summary(unreserved));
    s.add("unreserved_resources_full", full(unreserved));
    s.add("used_resources_full", full(agent.getAllocatedResourcesList()));
    s.add("offered_resources_full", full(agent.getOfferedResourcesList()));
    JsonObject attributes = new JsonObject();
    agent.getAgentInfo().getAttributesList().forEach(a -> attributes.addProperty(a.getName(), a.getText().getValue()));
    s.add("attributes", attributes);
    return s;
  }

  private static JsonObject framework(Response.GetFrameworks.Framework f, List<Task> tasks, List<Task> unreachable,
      List<Task> completed) {
    JsonObject j = new JsonObject();
    String id = f.getFrameworkInfo().getId().getValue();
    j.addProperty("id", id);
    j.addProperty("name", f.getFrameworkInfo().getName());
    j.addProperty("user", f.getFrameworkInfo().getUser());
    if (f.getFrameworkInfo().hasPrincipal()) j.addProperty("principal", f.getFrameworkInfo().getPrincipal());
    JsonArray roles = new JsonArray();
    f.getFrameworkInfo().getRolesList().forEach(roles::add);
    j.add("roles", roles);
    j.addProperty("role", f.getFrameworkInfo().getRole());
    j.addProperty("active", f.getActive());
    j.addProperty("connected", f.getConnected());
    j.addProperty("recovered", f.getRecovered());
    j.addProperty("checkpoint", f.getFrameworkInfo().getCheckpoint());
    j.addProperty("failover_timeout", f.getFrameworkInfo().getFailoverTimeout());
    JsonArray capabilities = new JsonArray();
    f.getFrameworkInfo().getCapabilitiesList().forEach(c -> capabilities.add(c.getType().name()));
    j.add("capabilities", capabilities);
    j.addProperty("registered_time", f.getRegisteredTime().getNanoseconds() / 1e9);
    if (f.hasUnregisteredTime()) j.addProperty("unregistered_time", f.getUnregisteredTime().getNanoseconds() / 1e9);
    j.add("tasks", tasks(tasks, id));
    j.add("unreachable_tasks", tasks(unreachable, id));
    j.add("completed_tasks", tasks(completed, id));
    JsonArray offers = new JsonArray();
    f.getOffersList().forEach(o -> {
      JsonObject offer = new JsonObject();
      offer.addProperty("id", o.getId().getValue());
      offer.addProperty("slave_id", o.getAgentId().getValue());
      offer.add("resources", summary(o.getResourcesList()));
      offer.add("resources_full", full(o.getResourcesList()));
      offers.add(offer);
    });
    j.add("offers", offers);
    j.add("used_resources", summary(f.getAllocatedResourcesList()));
    j.add("offered_resources", summary(f.getOfferedResourcesList()));
    return j;
  }

  private static JsonArray tasks(List<Task> tasks, String frameworkId) {
    JsonArray array = new JsonArray();
    for (Task t : tasks) {
      if (!t.getFrameworkId().getValue().equals(frameworkId)) continue;
      JsonObject j = new JsonObject();
      j.addProperty("id", t.getTaskId().getValue());
      j.addProperty("name", t.getName());
      j.addProperty("framework_id", frameworkId);
      j.addProperty("executor_id", t.hasExecutorId() ? t.getExecutorId().getValue() : "");
      j.addProperty("slave_id", t.getAgentId().getValue());
      j.addProperty("state", t.getState().name());
      j.add("resources", summary(t.getResourcesList()));
      j.add("resources_full", full(t.getResourcesList()));
      JsonArray statuses = new JsonArray();
      for (TaskStatus s : t.getStatusesList()) {
        JsonObject status = new JsonObject();
        status.addProperty("state", s.getState().name());
        status.addProperty("timestamp", s.getTimestamp());
        if (s.hasHealthy()) status.addProperty("healthy", s.getHealthy());
        statuses.add(status);
      }
      j.add("statuses", statuses);
      if (t.hasLabels()) j.add("labels", MesosJson.toJson(t.getLabels()).get("labels"));
      if (t.hasHealthCheck()) j.add("health_check", MesosJson.toJson(t.getHealthCheck()));
      array.add(j);
    }
    return array;
  }

  /** Mesos' summary form: scalars summed by name, ports as "[a-b, c-d]". */
  static JsonObject summary(List<Resource> resources) {
    TreeMap<String, Double> scalars = new TreeMap<>();
    scalars.put("cpus", 0.0);
    scalars.put("mem", 0.0);
    scalars.put("disk", 0.0);
    scalars.put("gpus", 0.0);
    StringBuilder ports = new StringBuilder();
    for (Resource r : resources) {
      if (r.hasScalar()) scalars.merge(r.getName(), r.getScalar().getValue(), Double::sum);
      if (r.getName().equals("ports")) {
        r.getRanges().getRangeList().forEach(range -> ports.append(ports.length() == 0 ? "" : ", ")
            .append(range.getBegin()).append('-').append(range.getEnd()));
      }
    }
    JsonObject j = new JsonObject();
    scalars.forEach((name, value) -> j.addProperty(name, Math.round(value * 1000) / 1000.0));
    if (ports.length() > 0) j.addProperty("ports", "[" + ports + "]");
    return j;
  }

  static JsonArray full(List<Resource> resources) {
    JsonArray array = new JsonArray();
    resources.forEach(r -> array.add(MesosJson.toJson(r)));
    return array;
  }
}
