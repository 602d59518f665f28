package io.mooring.gc.core;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;

/** What to do next for one piece of garbage, decided from what the agents show now. */
public sealed interface Step {
  /** Nothing of it is left on any agent the master knows: tell reservation-service to forget it. */
  record Expunge() implements Step {}

  /**
   * The agent is unknown to the master and nothing of it shows on another: it went with the agent (marked gone), or
   * the agent is unreachable (Mesos lists no unreachable agent). Forgotten only after a grace period.
   */
  record Vanished(String agentId) implements Step {}

  /** Nothing can be done now: the agent is away, or a task still uses what is left. */
  record Wait(String agentId, String why) implements Step {}

  /** DESTROY_VOLUMES of the volumes, then UNRESERVE_RESOURCES of what they and the rest become. */
  record Destroy(ClusterView.Agent agent, List<Resource> volumes, List<Resource> thenUnreserve) implements Step {}

  /** UNRESERVE_RESOURCES of exactly these reserved resources (no volume is left among them). */
  record Unreserve(ClusterView.Agent agent, List<Resource> resources) implements Step {}
}
