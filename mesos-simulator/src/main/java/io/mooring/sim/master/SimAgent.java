package io.mooring.sim.master;

import io.mooring.sim.agent.AgentHost;
import io.mooring.sim.agent.Container;
import io.mooring.sim.agent.ResourceChange;
import io.mooring.sim.config.AgentSpec;
import io.mooring.sim.resources.MutableResources;
import io.mooring.sim.resources.Resources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.URL;

/**
 * An agent: the master's accounting of its resources (total = configured + checkpointed reservations and volumes;
 * available = total − offered − used), both changed in place so that one operation costs its own size, not the
 * agent's, and its local side (host, containers, update streams).
 */
final class SimAgent {
  enum Status { ACTIVE, DISCONNECTED, UNREACHABLE, RECOVERING, GONE }

  final AgentSpec spec;
  final AgentHost host;
  final List<Resource> configured;
  String id;
  AgentInfo info;
  /** The agent's address, as master.cpp puts it in every offer: its pid's ip and port, path "/slave(1)". */
  URL url;
  Status status = Status.ACTIVE;
  long registeredAtMillis;
  Long disconnectedAtMillis;
  double unreachableAtSeconds;
  MutableResources total;
  MutableResources available;
  /** The persistence ids of the volumes in total. */
  PersistenceIds volumes;
  /** Changes to the reservations and volumes in total that the agent has not checkpointed yet, in order. */
  private final List<ResourceChange> uncheckpointed = new ArrayList<>();
  final Map<String, SimTask> tasks = new LinkedHashMap<>();
  /** Task id → the container running it; the tasks of a group share one. */
  final Map<String, Container> containers = new HashMap<>();
  /** Executor id → custom or default executor, while a task of it holds resources (its own counted once). */
  final Map<String, ExecutorInfo> executors = new HashMap<>();
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

  /** The resources the agent (re-)registers with: its configuration with its checkpoint applied. */
  void recover(Resources recovered) {
    total = new MutableResources(recovered);
    available = new MutableResources(recovered);
    volumes = PersistenceIds.of(recovered);
    uncheckpointed.clear();
  }

  /** An operation's conversion, applied to total and available; the agent checkpoints it at {@link #checkpoint}. */
  void convert(Resources consumed, Resources produced) {
    total.subtract(consumed);
    total.add(produced);
    available.subtract(consumed);
    available.add(produced);
    consumed.persistentVolumes().forEach(volumes::remove);
    produced.persistentVolumes().forEach(volumes::add);
    uncheckpointed.add(new ResourceChange(reservedOf(consumed), reservedOf(produced)));
  }

  /** Checkpoints the conversions since the last time, as the agent does once it has applied operations. */
  void checkpoint() {
    if (uncheckpointed.isEmpty()) return;
    host.checkpoint(List.copyOf(uncheckpointed), () -> reservedOf(total.snapshot()));
    uncheckpointed.clear();
  }

  private static List<Resource> reservedOf(Resources resources) {
    return resources.filter(r -> r.getReservationsCount() > 0).toList();
  }

  static final class UpdateStream {
    final Deque<TaskStatus> pending = new ArrayDeque<>();
    boolean inFlight;
    long nextRetryAtMillis;
    long retryDelayMillis;
  }
}
