package io.mooring.gc.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Response;

/** The agents as GET_AGENTS shows them: what each one holds, and whether calls can reach it now. */
public record ClusterView(Map<String, Agent> agents, Set<String> recovered) {

  /** {@code total} holds dynamic reservations and volumes; {@code allocated} what tasks and executors use. */
  public record Agent(String id, String hostname, boolean active, List<Resource> total, List<Resource> allocated) {}

  public enum Presence {
    /** Registered and connected: operations reach it. */
    ACTIVE,
    /** Registered but disconnected or deactivated, or known from the registry after a master failover: wait. */
    AWAY,
    /** Unknown to the master: gone, rebooted under a new id, or unreachable (Mesos lists no unreachable agent). */
    ABSENT
  }

  public static ClusterView of(Response.GetAgents response) {
    Map<String, Agent> agents = new LinkedHashMap<>();
    for (Response.GetAgents.Agent a : response.getAgentsList()) {
      String id = a.getAgentInfo().getId().getValue();
      agents.put(id, new Agent(id, a.getAgentInfo().getHostname(), a.getActive() && !a.getDeactivated(),
          a.getTotalResourcesList(), a.getAllocatedResourcesList()));
    }
    Set<String> recovered = new HashSet<>();
    for (AgentInfo info : response.getRecoveredAgentsList()) recovered.add(info.getId().getValue());
    return new ClusterView(Collections.unmodifiableMap(agents), Set.copyOf(recovered));
  }

  public Presence presence(String agentId) {
    Agent agent = agents.get(agentId);
    if (agent != null) return agent.active() ? Presence.ACTIVE : Presence.AWAY;
    return recovered.contains(agentId) ? Presence.AWAY : Presence.ABSENT;
  }

  public Optional<Agent> agent(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  /** The agents holding something of {@code identity}, with what they hold of it. */
  public Map<Agent, List<Resource>> holding(Identity identity) {
    Map<Agent, List<Resource>> found = new LinkedHashMap<>();
    if (identity.isEmpty()) return found;
    for (Agent agent : agents.values()) {
      List<Resource> held = leftOn(agent, identity);
      if (!held.isEmpty()) found.put(agent, held);
    }
    return found;
  }

  public static List<Resource> leftOn(Agent agent, Identity identity) {
    List<Resource> held = new ArrayList<>();
    for (Resource r : agent.total()) if (identity.matches(r)) held.add(r);
    return held;
  }
}
