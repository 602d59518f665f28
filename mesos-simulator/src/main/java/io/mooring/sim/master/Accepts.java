package io.mooring.sim.master;

import io.mooring.sim.resources.MutableResources;
import io.mooring.sim.resources.ResourceException;
import io.mooring.sim.resources.Resources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * ACCEPT and DECLINE (master.cpp accept/_accept): offer-set validation with its all-or-nothing failure, then each
 * operation applied in order against the remaining resources (not atomically: a failed operation is dropped and the
 * next one still runs), then the leftovers recovered — speculative conversions without a filter, untouched offered
 * resources with the call's filter.
 */
final class Accepts {
  private final Cluster cluster;
  private final Updates updates;
  private final Conversions conversions;
  private final Launcher launcher;

  Accepts(Cluster cluster, Updates updates, Conversions conversions, Launcher launcher) {
    this.cluster = cluster;
    this.updates = updates;
    this.conversions = conversions;
    this.launcher = launcher;
  }

  void decline(SimFramework framework, List<OfferID> offerIds, double refuseSeconds) {
    for (OfferID id : offerIds) {
      SimOffer offer = framework.offers.remove(id.getValue());
      if (offer == null) continue; // unknown offers are ignored
      cluster.recover(offer);
      cluster.refuse(framework, offer.role(), offer.agentId(), offer.resources().unallocated(), refuseSeconds);
    }
  }

  void accept(SimFramework framework, Call.Accept accept) {
    double refuseSeconds = accept.hasFilters() ? accept.getFilters().getRefuseSeconds() : 5.0;
    Optional<String> invalid = validateOffers(framework, accept.getOfferIdsList());
    if (invalid.isPresent()) {
      rejectAll(framework, accept, invalid.get());
      return;
    }
    List<SimOffer> offers = new ArrayList<>();
    for (OfferID id : accept.getOfferIdsList()) offers.add(framework.offers.remove(id.getValue()));
    offers.forEach(cluster::recover);
    String role = offers.get(0).role();
    SimAgent agent = cluster.agents.get(offers.get(0).agentId());
    if (agent == null || !agent.reachable()) {
      TaskStatus.Reason reason = agent == null ? TaskStatus.Reason.REASON_AGENT_REMOVED
          : TaskStatus.Reason.REASON_AGENT_DISCONNECTED;
      dropTasks(framework, accept.getOperationsList(), reason, "Agent " + offers.get(0).agentId()
          + (agent == null ? " is removed" : " is disconnected"));
      return;
    }
    Resources offered = Resources.sum(offers.stream().map(SimOffer::resources).toList());
    Pipeline pipeline = new Pipeline(offered);
    for (Offer.Operation raw : accept.getOperationsList()) {
      Offer.Operation op;
      try {
        op = OperationUpgrade.upgrade(raw, role);
      } catch (ResourceException e) {
        invalidResources(framework, raw, e.getMessage());
        continue;
      }
      if (isLaunch(op)) {
        launcher.launch(framework, agent, role, op, pipeline);
      } else if (op.getType() == Offer.Operation.Type.RESERVE && op.getReserve().getSourceCount() > 0) {
        updates.operationError(framework, op,
            "Reservation updates are not yet implemented for the scheduler API.");
      } else {
        conversions.apply(framework, agent, op, pipeline);
      }
    }
    if (!pipeline.checkpointed.isEmpty()) {
      agent.checkpoint();
      pipeline.checkpointed.forEach(Runnable::run);
    }
    Resources remaining = pipeline.remaining.snapshot();
    Resources speculative = remaining.plus(pipeline.resized).minus(offered);
    Resources untouched = remaining.minus(speculative);
    cluster.refuse(framework, role, agent.id, untouched.unallocated(), refuseSeconds);
  }

  /**
   * Step A (validation.cpp offer::validate): any error invalidates the whole call. The checks run in Mesos' order,
   * each over all ids: unique, outstanding, this framework's, one role, one agent.
   */
  private Optional<String> validateOffers(SimFramework framework, List<OfferID> ids) {
    if (ids.isEmpty()) return Optional.of("No offers specified");
    Set<String> seen = new HashSet<>();
    for (OfferID id : ids) {
      if (!seen.add(id.getValue())) return Optional.of("Duplicate offer " + id.getValue() + " in offer list");
    }
    List<SimOffer> offers = new ArrayList<>();
    for (OfferID id : ids) {
      SimOffer offer = outstanding(id.getValue());
      if (offer == null) return Optional.of("Offer " + id.getValue() + " is no longer valid");
      offers.add(offer);
    }
    for (SimOffer offer : offers) {
      if (!offer.frameworkId().equals(framework.idValue())) {
        return Optional.of("Offer " + offer.id() + " has invalid framework " + offer.frameworkId() + " while framework "
            + framework.idValue() + " is expected");
      }
    }
    for (SimOffer offer : offers) {
      if (!offer.role().equals(offers.get(0).role())) {
        return Optional.of("Aggregated offers must be allocated to the same role. Offer " + offer.id() + " uses role '"
            + offer.role() + " but another is using role '" + offers.get(0).role());
      }
    }
    for (SimOffer offer : offers) {
      if (!offer.agentId().equals(offers.get(0).agentId())) {
        return Optional.of("Aggregated offers must belong to one single agent. Offer " + offer.id() + " uses agent "
            + offer.agentId() + " and agent " + offers.get(0).agentId());
      }
    }
    return Optional.empty();
  }

  /** An outstanding offer of any framework: the master looks offer ids up globally. */
  private SimOffer outstanding(String offerId) {
    for (SimFramework f : cluster.frameworks.values()) {
      SimOffer offer = f.offers.get(offerId);
      if (offer != null) return offer;
    }
    return null;
  }

  /**
   * An invalid call: every outstanding offer it names is discarded without a filter — even another framework's, which
   * hears nothing (master.cpp accept) — tasks are lost or dropped, operations with an id errored.
   */
  private void rejectAll(SimFramework framework, Call.Accept accept, String error) {
    for (OfferID id : accept.getOfferIdsList()) {
      SimOffer offer = outstanding(id.getValue());
      if (offer == null) continue;
      cluster.frameworks.get(offer.frameworkId()).offers.remove(offer.id());
      cluster.recover(offer);
    }
    dropTasks(framework, accept.getOperationsList(), TaskStatus.Reason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: " + error);
    for (Offer.Operation op : accept.getOperationsList()) {
      if (!isLaunch(op)) updates.operationError(framework, op, "Operation attempted with invalid offers: " + error);
    }
  }

  private void dropTasks(SimFramework framework, List<Offer.Operation> ops, TaskStatus.Reason reason, String message) {
    TaskState state = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
    for (Offer.Operation op : ops) {
      for (TaskInfo task : tasksOf(op)) {
        updates.fromMaster(framework, task.getTaskId(), task.getAgentId().getValue(), state, reason, message);
      }
    }
  }

  private void invalidResources(SimFramework framework, Offer.Operation op, String error) {
    if (!isLaunch(op)) {
      updates.operationError(framework, op, "Operation attempted with invalid resources: " + error);
      return;
    }
    TaskStatus.Reason reason = op.getType() == Offer.Operation.Type.LAUNCH ? TaskStatus.Reason.REASON_TASK_INVALID
        : TaskStatus.Reason.REASON_TASK_GROUP_INVALID;
    for (TaskInfo task : tasksOf(op)) {
      updates.fromMaster(framework, task.getTaskId(), task.getAgentId().getValue(), TaskState.TASK_ERROR, reason,
          "Task uses invalid resources: " + error);
    }
  }

  static boolean isLaunch(Offer.Operation op) {
    return op.getType() == Offer.Operation.Type.LAUNCH || op.getType() == Offer.Operation.Type.LAUNCH_GROUP;
  }

  static List<TaskInfo> tasksOf(Offer.Operation op) {
    return switch (op.getType()) {
      case LAUNCH -> op.getLaunch().getTaskInfosList();
      case LAUNCH_GROUP -> op.getLaunchGroup().getTaskGroup().getTasksList();
      default -> List.of();
    };
  }

  /**
   * The running state of one ACCEPT: what is left of the offers (changed in place: the offers hold every reservation
   * and volume of the role on the agent, and each operation must cost only its own size), and resized volumes
   * unusable later in the call.
   */
  static final class Pipeline {
    final MutableResources remaining;
    Resources resized = Resources.EMPTY;
    /** Operation feedback to send once the agent has checkpointed the conversions. */
    final List<Runnable> checkpointed = new ArrayList<>();

    Pipeline(Resources offered) {
      this.remaining = new MutableResources(offered);
    }
  }
}
