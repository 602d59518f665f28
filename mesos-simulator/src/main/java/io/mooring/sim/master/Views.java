package io.mooring.sim.master;

import io.mooring.sim.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Role;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.master.Protos.Response;

/** The operator API's read views (GET_AGENTS, GET_FRAMEWORKS, GET_TASKS, GET_EXECUTORS, GET_STATE, GET_ROLES). */
final class Views {
  private final Cluster cluster;
  private final Allocator allocator;

  Views(Cluster cluster, Allocator allocator) {
    this.cluster = cluster;
    this.allocator = allocator;
  }

  Response.GetAgents agents() {
    Response.GetAgents.Builder b = Response.GetAgents.newBuilder();
    // grouped once: looking each agent's offers up among all offers would cost agents × offers
    Map<String, List<Resources>> offeredByAgent = new HashMap<>();
    for (SimFramework f : cluster.frameworks.values()) {
      for (SimOffer offer : f.offers.values()) {
        offeredByAgent.computeIfAbsent(offer.agentId(), id -> new ArrayList<>()).add(offer.resources());
      }
    }
    for (SimAgent agent : cluster.agents.values()) {
      if (agent.status == SimAgent.Status.RECOVERING) {
        b.addRecoveredAgents(agent.info);
        continue;
      }
      Resources offered = Resources.sum(offeredByAgent.getOrDefault(agent.id, List.of()));
      Resources allocated = Conversions.inUse(agent);
      b.addAgents(Response.GetAgents.Agent.newBuilder()
          .setAgentInfo(agent.info).setActive(agent.status == SimAgent.Status.ACTIVE).setDeactivated(false)
          .setVersion(Master.VERSION).setPid("slave(1)@" + agent.info.getHostname() + ":" + agent.info.getPort())
          .setRegisteredTime(time(agent.registeredAtMillis))
          .addAllTotalResources(agent.total.snapshot().toList()).addAllAllocatedResources(allocated.toList())
          .addAllOfferedResources(offered.toList())
          .addAllCapabilities(capabilities()));
    }
    return b.build();
  }

  private static Iterable<AgentInfo.Capability> capabilities() {
    return java.util.stream.Stream.of(AgentInfo.Capability.Type.MULTI_ROLE, AgentInfo.Capability.Type.HIERARCHICAL_ROLE,
        AgentInfo.Capability.Type.RESERVATION_REFINEMENT, AgentInfo.Capability.Type.RESOURCE_PROVIDER,
        AgentInfo.Capability.Type.RESIZE_VOLUME, AgentInfo.Capability.Type.AGENT_OPERATION_FEEDBACK,
        AgentInfo.Capability.Type.AGENT_DRAINING, AgentInfo.Capability.Type.TASK_RESOURCE_LIMITS)
        .map(t -> AgentInfo.Capability.newBuilder().setType(t).build()).toList();
  }

  Response.GetFrameworks frameworks() {
    Response.GetFrameworks.Builder b = Response.GetFrameworks.newBuilder();
    for (SimFramework f : cluster.frameworks.values()) b.addFrameworks(framework(f));
    for (SimFramework f : cluster.completedFrameworks) b.addCompletedFrameworks(framework(f));
    return b.build();
  }

  private Response.GetFrameworks.Framework framework(SimFramework f) {
    Response.GetFrameworks.Framework.Builder b = Response.GetFrameworks.Framework.newBuilder()
        .setFrameworkInfo(f.info).setActive(f.connected()).setConnected(f.connected()).setRecovered(f.recovered)
        .setRegisteredTime(time(f.registeredAtMillis));
    if (f.unregisteredAtMillis != null) b.setUnregisteredTime(time(f.unregisteredAtMillis));
    List<Resources> offered = new ArrayList<>();
    for (SimOffer offer : f.offers.values()) {
      SimAgent agent = cluster.agents.get(offer.agentId());
      if (agent != null) b.addOffers(allocator.toProto(offer, f, agent));
      offered.add(offer.resources());
    }
    List<Resources> allocated = new ArrayList<>();
    for (SimTask t : f.tasks.values()) if (t.holdsResources) allocated.add(t.resources);
    return b.addAllOfferedResources(Resources.sum(offered).toList())
        .addAllAllocatedResources(Resources.sum(allocated).toList()).build();
  }

  Response.GetTasks tasks() {
    Response.GetTasks.Builder b = Response.GetTasks.newBuilder();
    for (SimFramework f : cluster.frameworks.values()) {
      f.tasks.values().forEach(t -> b.addTasks(t.toProto()));
      f.unreachableTasks.values().forEach(t -> b.addUnreachableTasks(t.toProto()));
    }
    cluster.completedTasks.values().forEach(t -> b.addCompletedTasks(t.toProto()));
    return b.build();
  }

  Response.GetExecutors executors() {
    Response.GetExecutors.Builder b = Response.GetExecutors.newBuilder();
    for (SimAgent agent : cluster.agents.values()) {
      Set<String> seen = new LinkedHashSet<>();
      for (SimTask t : agent.tasks.values()) {
        if (!t.holdsResources || !seen.add(t.executorId)) continue;
        ExecutorInfo info = t.info.hasExecutor() ? t.info.getExecutor() : ExecutorInfo.newBuilder()
            .setExecutorId(ExecutorID.newBuilder().setValue(t.executorId)).setFrameworkId(t.frameworkId)
            .setName("Command Executor (Task: " + t.id() + ")").build();
        b.addExecutors(Response.GetExecutors.Executor.newBuilder().setExecutorInfo(info).setAgentId(agent.info.getId()));
      }
    }
    return b.build();
  }

  Response.GetState state() {
    return Response.GetState.newBuilder().setGetTasks(tasks()).setGetExecutors(executors())
        .setGetFrameworks(frameworks()).setGetAgents(agents()).build();
  }

  Response.GetRoles roles() {
    Set<String> names = new java.util.TreeSet<>();
    cluster.frameworks.values().forEach(f -> names.addAll(f.roles()));
    for (SimAgent agent : cluster.agents.values()) {
      for (var r : agent.total.snapshot()) if (r.getReservationsCount() > 0) names.add(r.getReservations(r.getReservationsCount() - 1).getRole());
    }
    Response.GetRoles.Builder b = Response.GetRoles.newBuilder();
    for (String name : names) {
      Role.Builder role = Role.newBuilder().setName(name).setWeight(1.0);
      cluster.frameworks.values().stream().filter(f -> f.roles().contains(name)).forEach(f -> role.addFrameworks(f.id));
      b.addRoles(role);
    }
    return b.build();
  }

  static TimeInfo time(long millis) {
    return TimeInfo.newBuilder().setNanoseconds(millis * 1_000_000L).build();
  }
}
