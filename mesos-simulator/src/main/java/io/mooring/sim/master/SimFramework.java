package io.mooring.sim.master;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** A framework as the master knows it: its info, its subscription stream, offers, tasks and filters. */
final class SimFramework {
  FrameworkInfo info;
  final FrameworkID id;
  EventSink sink;           // null while disconnected
  String streamId;
  boolean recovered;        // known from agents after a master failover, not yet re-subscribed
  long registeredAtMillis;
  Long unregisteredAtMillis;
  ScheduledFuture<?> failoverTimer;
  final Set<String> suppressedRoles = new HashSet<>();
  final Map<String, SimOffer> offers = new LinkedHashMap<>();
  final Map<String, SimTask> tasks = new LinkedHashMap<>();
  final Map<String, SimTask> unreachableTasks = new LinkedHashMap<>();
  /** Refused-resources filters by "role agentId". */
  final Map<String, List<RefuseFilter>> filters = new HashMap<>();

  SimFramework(FrameworkID id, FrameworkInfo info, long now) {
    this.id = id;
    this.info = info;
    this.registeredAtMillis = now;
  }

  String idValue() {
    return id.getValue();
  }

  boolean connected() {
    return sink != null;
  }

  boolean has(FrameworkInfo.Capability.Type capability) {
    return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == capability);
  }

  boolean multiRole() {
    return has(FrameworkInfo.Capability.Type.MULTI_ROLE);
  }

  boolean refinement() {
    return has(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
  }

  boolean partitionAware() {
    return has(FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }

  /** The framework's roles: `roles` with MULTI_ROLE, else the single legacy `role` (default "*"). */
  List<String> roles() {
    return multiRole() ? info.getRolesList() : List.of(info.getRole());
  }

  /** Delivers an event if the framework is connected; events to a disconnected framework are lost, as in Mesos. */
  void send(Event event) {
    if (sink != null) sink.send(event);
  }
}
