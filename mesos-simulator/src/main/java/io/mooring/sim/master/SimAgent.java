package io.mooring.sim.master;

import io.mooring.sim.agent.AgentHost;
import io.mooring.sim.agent.Container;
import io.mooring.sim.config.AgentSpec;
import io.mooring.sim.resources.Resources;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * An agent: the master's accounting of its resources (total = configured + checkpointed reservations and volumes;
 * available = total − offered − used, kept incrementally) and its local side (host, containers, update streams).
 */
final class SimAgent {
  /** The port every simulated agent reports (each agent has its own loopback address). */
  static final int PORT = 5051;

  enum Status { ACTIVE, DISCONNECTED, UNREACHABLE, RECOVERING, GONE }

  final AgentSpec spec;
  final AgentHost host;
  final List<Resource> configured;
  String id;
  AgentInfo info;
  Status status = Status.ACTIVE;
  long registeredAtMillis;
  Long disconnectedAtMillis;
  double unreachableAtSeconds;
  Resources total;
  Resources available;
  final Map<String, SimTask> tasks = new LinkedHashMap<>();
  /** Task id → the container running it; the tasks of a group share one. */
  final Map<String, Container> containers = new HashMap<>();
  /** Executor id → executor resources, for custom and default executors (counted once per executor). */
  final Map<String, Resources> executors = new HashMap<>();
  /** Per task: updates from the agent not yet acknowledged; the head is in flight (one at a time, as Mesos). */
  final Map<String, UpdateStream> updateStreams = new LinkedHashMap<>();
  /**
   * Operation statuses awaiting acknowledgement, by "frameworkId operationId": the agent keeps retrying them, so
   * they survive a master failover and a scheduler's re-subscription.
   */
  final Map<String, SimOperation> operations = new LinkedHashMap<>();
  /** Tasks killed while the agent was disconnected: the master sends the kill again when it comes back. */
  final java.util.Set<String> pendingKills = new java.util.LinkedHashSet<>();
  OperationFault nextOperationFault = OperationFault.NONE;

  enum OperationFault { NONE, FAIL, DROP }

  SimAgent(AgentSpec spec, AgentHost host, List<Resource> configured) {
    this.spec = spec;
    this.host = host;
    this.configured = configured;
  }

  boolean reachable() {
    return status == Status.ACTIVE;
  }

  /** Checkpoints the reservations and persistent volumes, as the agent does after applying an operation. */
  void checkpoint() {
    host.saveCheckpoint(total.filter(r -> r.getReservationsCount() > 0).toList());
  }

  static final class UpdateStream {
    final Deque<TaskStatus> pending = new ArrayDeque<>();
    boolean inFlight;
    long nextRetryAtMillis;
    long retryDelayMillis;
  }
}
