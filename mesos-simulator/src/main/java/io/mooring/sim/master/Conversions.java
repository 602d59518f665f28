package io.mooring.sim.master;

import io.mooring.sim.resources.ResourceRules;
import io.mooring.sim.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * The speculative operations (RESERVE, UNRESERVE, CREATE, DESTROY, GROW_VOLUME, SHRINK_VOLUME): validated, converted
 * against what is left of an ACCEPT's offers (or, for the operator API, against the agent's unallocated resources),
 * then applied to the agent: its totals, its checkpoint and its disks.
 */
final class Conversions {
  /** What an operation takes and gives back; resized volumes are unusable later in the same ACCEPT. */
  record Change(Resources consumed, Resources converted, Resources resized) {}

  private final Cluster cluster;
  private final Updates updates;

  Conversions(Cluster cluster, Updates updates) {
    this.cluster = cluster;
    this.updates = updates;
  }

  /** One operation of an ACCEPT; a failure drops only this operation. */
  void apply(SimFramework framework, SimAgent agent, Offer.Operation op, Accepts.Pipeline pipeline) {
    String principal = framework.info.hasPrincipal() ? framework.info.getPrincipal() : null;
    boolean shared = framework.has(FrameworkInfo.Capability.Type.SHARED_RESOURCES);
    Plan plan = plan(op, principal, framework.roles(), shared, agent);
    if (plan.error != null) {
      updates.operationError(framework, op, plan.error);
      return;
    }
    Change change = plan.change;
    if (!pipeline.remaining.contains(change.consumed())) {
      updates.operationError(framework, op, "Invalid " + op.getType() + " operation: " + pipeline.remaining
          + " does not contain " + change.consumed());
      return;
    }
    SimAgent.OperationFault fault = agent.nextOperationFault;
    agent.nextOperationFault = SimAgent.OperationFault.NONE;
    if (fault == SimAgent.OperationFault.DROP) return; // lost on the way to the agent: nothing applied, nothing heard
    if (fault == SimAgent.OperationFault.FAIL) {
      updates.operationFromAgent(framework, agent, op, OperationState.OPERATION_FAILED,
          "Operation failed on the agent (injected by the simulator)", null);
      return;
    }
    pipeline.remaining.subtract(change.consumed());
    pipeline.remaining.add(change.converted());
    pipeline.resized = pipeline.resized.plus(change.resized());
    commit(agent, op, change);
    // the agent answers only once the operation is checkpointed, so FINISHED waits for the ACCEPT's checkpoint
    pipeline.checkpointed.add(() -> updates.operationFromAgent(framework, agent, op, OperationState.OPERATION_FINISHED,
        null, change.converted().plus(change.resized())));
  }

  /** Validation and conversion of one operation; framework roles null means the operator. */
  Plan plan(Offer.Operation op, String principal, List<String> frameworkRoles, boolean sharedAllowed, SimAgent agent) {
    return switch (op.getType()) {
      case RESERVE -> {
        List<Resource> rs = op.getReserve().getResourcesList();
        Optional<String> e = OperationRules.reserve(rs, principal, frameworkRoles);
        yield e.map(Plan::error).orElseGet(() -> Plan.of(Resources.of(rs).popReservation(), Resources.of(rs)));
      }
      case UNRESERVE -> {
        List<Resource> rs = op.getUnreserve().getResourcesList();
        Optional<String> e = OperationRules.unreserve(rs);
        yield e.map(Plan::error).orElseGet(() -> Plan.of(Resources.of(rs), Resources.of(rs).popReservation()));
      }
      case CREATE -> {
        List<Resource> vs = op.getCreate().getVolumesList();
        Optional<String> e = OperationRules.create(vs, principal, agent.volumes, sharedAllowed);
        yield e.map(Plan::error).orElseGet(() -> Plan.of(Resources.of(vs).stripVolumes(), Resources.of(vs)));
      }
      case DESTROY -> {
        List<Resource> vs = op.getDestroy().getVolumesList();
        Optional<String> e = OperationRules.destroy(vs, agent.total, inUse(agent));
        yield e.map(Plan::error).orElseGet(() -> Plan.of(Resources.of(vs), Resources.of(vs).stripVolumes()));
      }
      case GROW_VOLUME -> grow(op.getGrowVolume().getVolume(), op.getGrowVolume().getAddition());
      case SHRINK_VOLUME -> shrink(op.getShrinkVolume().getVolume(), op.getShrinkVolume().getSubtract());
      default -> Plan.error("Unsupported operation " + op.getType());
    };
  }

  private static Plan grow(Resource volume, Resource addition) {
    if (!ResourceRules.isPersistentVolume(volume)) return Plan.error("Invalid GROW_VOLUME operation: not a persistent volume");
    if (addition.getScalar().getValue() <= 0) return Plan.error("Invalid GROW_VOLUME operation: The size of addition must be greater than 0");
    if (volume.hasShared()) return Plan.error("Invalid GROW_VOLUME operation: Growing a shared persistent volume is not supported");
    if (Resources.of(ResourceRules.stripVolume(volume)).plus(addition).toList().size() != 1) {
      return Plan.error("Invalid GROW_VOLUME operation: Addition " + addition + " is incompatible with volume " + volume);
    }
    Resource grown = volume.toBuilder().setScalar(Value.Scalar.newBuilder()
        .setValue(millis(volume) / 1000.0 + millis(addition) / 1000.0)).build();
    return new Plan(new Change(Resources.of(volume).plus(addition), Resources.EMPTY, Resources.of(grown)), null);
  }

  private static Plan shrink(Resource volume, Value.Scalar subtract) {
    if (!ResourceRules.isPersistentVolume(volume)) return Plan.error("Invalid SHRINK_VOLUME operation: not a persistent volume");
    if (ResourceRules.isMount(volume)) return Plan.error("Invalid SHRINK_VOLUME operation: Shrinking a volume on a MOUNT disk is not supported");
    if (volume.hasShared()) return Plan.error("Invalid SHRINK_VOLUME operation: Shrinking a shared persistent volume is not supported");
    long sub = Math.round(subtract.getValue() * 1000);
    if (sub <= 0 || sub >= millis(volume)) {
      return Plan.error("Invalid SHRINK_VOLUME operation: The volume shrink amount must be between 0 and the volume size");
    }
    Resource shrunk = volume.toBuilder().setScalar(Value.Scalar.newBuilder().setValue((millis(volume) - sub) / 1000.0))
        .build();
    Resource freed = ResourceRules.stripVolume(volume).toBuilder()
        .setScalar(Value.Scalar.newBuilder().setValue(sub / 1000.0)).build();
    return new Plan(new Change(Resources.of(volume), Resources.EMPTY, Resources.of(shrunk, freed)), null);
  }

  private static long millis(Resource r) {
    return Math.round(r.getScalar().getValue() * 1000);
  }

  /**
   * Applies a validated change to the agent: totals and disks; DESTROY rescinds offers holding the volume. The caller
   * checkpoints once per call, after all its operations (one file write per ACCEPT, not per operation).
   */
  void commit(SimAgent agent, Offer.Operation op, Change change) {
    Resources consumed = change.consumed().unallocated();
    Resources produced = change.converted().plus(change.resized()).unallocated();
    if (op.getType() == Offer.Operation.Type.DESTROY) {
      for (SimOffer offer : cluster.offersOn(agent.id)) {
        if (consumed.toList().stream().anyMatch(v -> offer.resources().unallocated().contains(v))) cluster.rescind(offer);
      }
    }
    agent.convert(consumed, produced);
    if (op.getType() == Offer.Operation.Type.CREATE) produced.forEach(agent.host::createVolume);
    if (op.getType() == Offer.Operation.Type.DESTROY) consumed.forEach(agent.host::destroyVolume);
  }

  /** Resources held by the agent's running tasks and executors, unallocated form. */
  static Resources inUse(SimAgent agent) {
    List<Resources> used = new ArrayList<>();
    for (SimTask task : agent.tasks.values()) if (task.holdsResources) used.add(task.resources.unallocated());
    for (ExecutorInfo executor : agent.executors.values()) used.add(Resources.of(executor.getResourcesList()).unallocated());
    return Resources.sum(used);
  }

  record Plan(Change change, String error) {
    static Plan of(Resources consumed, Resources converted) {
      return new Plan(new Change(consumed, converted, Resources.EMPTY), null);
    }

    static Plan error(String message) {
      return new Plan(null, message);
    }
  }
}
