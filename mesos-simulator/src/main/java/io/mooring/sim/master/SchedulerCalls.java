package io.mooring.sim.master;

import io.mooring.sim.resources.Roles;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Every scheduler call but SUBSCRIBE, after its HTTP checks: the framework must be known (400), connected (403) and
 * use its current stream id (400); then the call is dispatched and, as Mesos does, answered 202 before its effects
 * are known — invalid ACCEPT operations and bad REVIVE roles surface as events or not at all.
 */
final class SchedulerCalls {
  private final Cluster cluster;
  private final Accepts accepts;
  private final Updates updates;
  private final Reconciliation reconciliation;
  private final Subscriptions subscriptions;
  private final Launcher launcher;
  private final Runnable allocateSoon;

  SchedulerCalls(Cluster cluster, Accepts accepts, Updates updates, Reconciliation reconciliation,
      Subscriptions subscriptions, Launcher launcher, Runnable allocateSoon) {
    this.cluster = cluster;
    this.accepts = accepts;
    this.updates = updates;
    this.reconciliation = reconciliation;
    this.subscriptions = subscriptions;
    this.launcher = launcher;
    this.allocateSoon = allocateSoon;
  }

  Reply handle(Call call, String principal, String streamId) {
    SimFramework framework = cluster.frameworks.get(call.getFrameworkId().getValue());
    if (framework == null) return Reply.badRequest("Framework cannot be found");
    if (principal != null && framework.info.hasPrincipal() && !principal.equals(framework.info.getPrincipal())) {
      return Reply.badRequest("Authenticated principal '" + principal + "' does not match principal '"
          + framework.info.getPrincipal() + "' set in `FrameworkInfo`");
    }
    if (!framework.connected()) return new Reply(403, "Framework is not subscribed");
    if (streamId == null) {
      return Reply.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    }
    if (!streamId.equals(framework.streamId)) {
      return Reply.badRequest("The stream ID '" + streamId + "' included in this request didn't match the stream ID"
          + " currently associated with framework ID " + framework.idValue());
    }
    switch (call.getType()) {
      case TEARDOWN -> subscriptions.remove(framework);
      case ACCEPT -> acceptAfterAnswering(framework, call.getAccept());
      case DECLINE -> accepts.decline(framework, call.getDecline().getOfferIdsList(),
          call.getDecline().hasFilters() ? call.getDecline().getFilters().getRefuseSeconds() : 5.0);
      case REVIVE -> revive(framework, call.getRevive().getRolesList());
      case SUPPRESS -> suppress(framework, call.getSuppress().getRolesList());
      case KILL -> kill(framework, call.getKill());
      case SHUTDOWN -> shutdown(framework, call.getShutdown());
      case ACKNOWLEDGE -> updates.acknowledge(framework, call.getAcknowledge().getAgentId(),
          call.getAcknowledge().getTaskId(), call.getAcknowledge().getUuid());
      case ACKNOWLEDGE_OPERATION_STATUS -> updates.acknowledgeOperation(framework,
          call.getAcknowledgeOperationStatus().getAgentId(), call.getAcknowledgeOperationStatus().getOperationId(),
          call.getAcknowledgeOperationStatus().getUuid());
      case RECONCILE -> reconciliation.tasks(framework, call.getReconcile().getTasksList());
      case RECONCILE_OPERATIONS -> reconciliation.operations(framework,
          call.getReconcileOperations().getOperationsList());
      case UPDATE_FRAMEWORK -> {
        return updateFramework(framework, call.getUpdateFramework());
      }
      case MESSAGE, REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS -> { } // no executors to relay to, no maintenance
      default -> {
        return new Reply(501, "Received an unexpected call type " + call.getType());
      }
    }
    return Reply.accepted();
  }

  /**
   * ACCEPT is answered before its operations are applied, as Mesos answers once the call is validated: an ACCEPT
   * with hundreds of operations must not keep the scheduler waiting. It runs next on the master's thread, so every
   * call the scheduler sends after the answer (KILL, RECONCILE, another ACCEPT) sees what it did: the order Mesos'
   * single master actor gives. A framework removed in between has had its offers taken back already.
   */
  private void acceptAfterAnswering(SimFramework framework, Call.Accept accept) {
    cluster.post(() -> {
      if (cluster.dropNextAccept) {
        // Lost between the master and the agents: none of its operations happen. Its offers are used up, as an ACCEPT
        // always uses them, so their resources come back as declined ones do (Mesos' default filter, 5 s); else
        // they would stay offered forever, which no master does with an accepted offer.
        cluster.dropNextAccept = false;
        if (cluster.frameworks.get(framework.idValue()) == framework) {
          accepts.decline(framework, accept.getOfferIdsList(), 5.0);
        }
        return;
      }
      if (cluster.frameworks.get(framework.idValue()) == framework) accepts.accept(framework, accept);
    });
  }

  /** REVIVE: un-suppresses the roles (all if none given) and clears their filters; one bad role drops the call. */
  private void revive(SimFramework framework, List<String> roles) {
    List<String> target = roles.isEmpty() ? framework.roles() : roles;
    if (!framework.roles().containsAll(target) || target.stream().anyMatch(r -> Roles.validate(r).isPresent())) return;
    for (String role : target) {
      framework.suppressedRoles.remove(role);
      framework.filters.keySet().removeIf(key -> key.startsWith(role + " "));
    }
    allocateSoon.run();
  }

  private void suppress(SimFramework framework, List<String> roles) {
    List<String> target = roles.isEmpty() ? framework.roles() : roles;
    if (!framework.roles().containsAll(target)) return;
    framework.suppressedRoles.addAll(target);
  }

  /** KILL: a known task is killed; an unknown one is reconciled explicitly; a wrong agent id is ignored. */
  private void kill(SimFramework framework, Call.Kill kill) {
    SimTask task = framework.tasks.get(kill.getTaskId().getValue());
    if (task == null) {
      Call.Reconcile.Task.Builder unknown = Call.Reconcile.Task.newBuilder().setTaskId(kill.getTaskId());
      if (kill.hasAgentId()) unknown.setAgentId(kill.getAgentId()); // master.cpp kill: reconciled with the agent id
      reconciliation.tasks(framework, List.of(unknown.build()));
      return;
    }
    if (kill.hasAgentId() && !kill.getAgentId().getValue().equals(task.agentId())) return;
    SimAgent agent = cluster.agents.get(task.agentId());
    if (agent != null) launcher.kill(agent, task, kill.hasKillPolicy() ? kill.getKillPolicy() : null);
  }

  private void shutdown(SimFramework framework, Call.Shutdown shutdown) {
    SimAgent agent = cluster.agent(shutdown.getAgentId());
    if (agent == null) return;
    agent.tasks.values().stream()
        .filter(t -> t.frameworkId.equals(framework.id) && t.executorId.equals(shutdown.getExecutorId().getValue()))
        .findFirst().ifPresent(t -> launcher.kill(agent, t, null));
  }

  /** UPDATE_FRAMEWORK: synchronous; principal, user and checkpoint cannot change; offers to dropped roles rescinded. */
  private Reply updateFramework(SimFramework framework, Call.UpdateFramework update) {
    FrameworkInfo info = update.getFrameworkInfo();
    Optional<String> invalid = CallRules.frameworkInfo(info, update.getSuppressedRolesList());
    if (invalid.isPresent()) return Reply.badRequest(invalid.get());
    FrameworkInfo old = framework.info;
    if (!old.getPrincipal().equals(info.getPrincipal()) || !old.getUser().equals(info.getUser())
        || old.getCheckpoint() != info.getCheckpoint()) {
      return Reply.badRequest("Updating 'FrameworkInfo.principal', 'FrameworkInfo.user' or"
          + " 'FrameworkInfo.checkpoint' is not supported");
    }
    framework.info = info;
    for (SimOffer offer : List.copyOf(framework.offers.values())) {
      if (!framework.roles().contains(offer.role())) cluster.rescind(offer);
    }
    for (String role : framework.suppressedRoles) {
      if (!update.getSuppressedRolesList().contains(role)) framework.filters.keySet().removeIf(k -> k.startsWith(role + " "));
    }
    framework.suppressedRoles.clear();
    framework.suppressedRoles.addAll(update.getSuppressedRolesList());
    allocateSoon.run();
    return Reply.ok();
  }
}
