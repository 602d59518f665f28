package io.mooring.sim.master;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework lifecycle: SUBSCRIBE (first time and re-subscribe, which fails over the old stream), disconnection with the
 * failover timeout (0 means teardown at once), and removal (TEARDOWN or timeout): executors shut down, tasks killed,
 * reservations and volumes left alone — they belong to the role.
 */
final class Subscriptions {
  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  private static final int MAX_COMPLETED_FRAMEWORKS = 50;

  private final Cluster cluster;
  private final Updates updates;
  private final Launcher launcher;
  private final Runnable allocateSoon;

  Subscriptions(Cluster cluster, Updates updates, Launcher launcher, Runnable allocateSoon) {
    this.cluster = cluster;
    this.updates = updates;
    this.launcher = launcher;
    this.allocateSoon = allocateSoon;
  }

  /** SUBSCRIBE after the HTTP checks passed; failures of content are an ERROR event on the stream. */
  String subscribe(Call.Subscribe subscribe, String authenticatedPrincipal, String streamId, EventSink sink) {
    FrameworkInfo given = subscribe.getFrameworkInfo();
    boolean hasId = !given.getId().getValue().isEmpty(); // an empty id is a first subscription, as in Mesos
    FrameworkInfo info = authenticatedPrincipal != null && !given.hasPrincipal()
        ? given.toBuilder().setPrincipal(authenticatedPrincipal).build() : given;
    Optional<String> invalid = CallRules.frameworkInfo(info, subscribe.getSuppressedRolesList());
    if (invalid.isEmpty() && hasId
        && cluster.completedFrameworks.stream().anyMatch(f -> f.idValue().equals(info.getId().getValue()))) {
      invalid = Optional.of("Framework has been removed");
    }
    SimFramework existing = hasId ? cluster.frameworks.get(info.getId().getValue()) : null;
    if (invalid.isEmpty() && existing != null && !existing.info.getPrincipal().equals(info.getPrincipal())) {
      invalid = Optional.of("Changing framework's principal is not allowed.");
    }
    if (invalid.isPresent()) {
      sink.send(Events.error(invalid.get()));
      sink.close();
      log.info("Refused subscription of framework {}: {}", info.getName(), invalid.get());
      return null;
    }
    SimFramework framework;
    if (existing != null) {
      framework = existing;
      failOver(framework);
      // user and checkpoint cannot change on re-subscription; Mesos silently keeps the old values
      framework.info = info.toBuilder().setUser(existing.info.getUser()).setCheckpoint(existing.info.getCheckpoint()).build();
    } else {
      FrameworkID id = hasId ? info.getId() : FrameworkID.newBuilder().setValue(cluster.nextFrameworkId()).build();
      framework = new SimFramework(id, info.toBuilder().setId(id).build(), cluster.now());
      cluster.frameworks.put(id.getValue(), framework);
    }
    framework.recovered = false;
    framework.unregisteredAtMillis = null;
    framework.sink = sink;
    framework.streamId = streamId;
    framework.suppressedRoles.clear();
    framework.suppressedRoles.addAll(subscribe.getSuppressedRolesList());
    sink.send(Events.subscribed(framework.id, cluster.config.heartbeatInterval().toMillis() / 1000.0, cluster.masterInfo));
    sink.send(Events.heartbeat());
    log.info("Framework {} ({}) subscribed{}", framework.idValue(), info.getName(), existing != null ? " again" : "");
    updates.resendPending(framework);
    allocateSoon.run();
    return framework.idValue();
  }

  /** A re-subscription replaces the old stream ("Framework failed over") and drops the offers silently. */
  private void failOver(SimFramework framework) {
    if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
    framework.failoverTimer = null;
    if (framework.sink != null) {
      framework.sink.send(Events.error("Framework failed over"));
      framework.sink.close();
    }
    cluster.discardOffers(framework);
  }

  /** The subscription stream broke: offers recovered, the failover timer started. */
  void disconnected(SimFramework framework, EventSink sink) {
    if (framework.sink != sink) return; // an older stream of a framework that already failed over
    framework.sink = null;
    framework.unregisteredAtMillis = cluster.now();
    cluster.discardOffers(framework);
    long timeoutMillis = (long) (framework.info.getFailoverTimeout() * 1000);
    log.info("Framework {} disconnected; failover timeout {} ms", framework.idValue(), timeoutMillis);
    if (timeoutMillis <= 0) {
      remove(framework);
      return;
    }
    framework.failoverTimer = cluster.schedule(() -> {
      if (!framework.connected() && cluster.frameworks.get(framework.idValue()) == framework) remove(framework);
    }, timeoutMillis);
  }

  /**
   * TEARDOWN or failover timeout: executors shut down, tasks end as TASK_KILLED / REASON_FRAMEWORK_REMOVED without an
   * update to anyone, pending operation statuses dropped, the framework completed.
   */
  void remove(SimFramework framework) {
    if (framework.failoverTimer != null) framework.failoverTimer.cancel(false);
    cluster.discardOffers(framework);
    List<SimTask> tasks = new java.util.ArrayList<>(framework.tasks.values());
    tasks.addAll(framework.unreachableTasks.values());
    for (SimTask task : tasks) {
      SimAgent agent = cluster.agents.get(task.agentId());
      if (agent == null) continue;
      launcher.shutDown(agent, task);
      updates.releaseResources(agent, task);
      task.state = TaskState.TASK_KILLED;
      task.statuses.add(updates.masterStatus(task.info.getTaskId(), agent.id, TaskState.TASK_KILLED,
          TaskStatus.Reason.REASON_FRAMEWORK_REMOVED, "Framework " + framework.idValue() + " removed").build());
      updates.forget(agent, task, framework);
    }
    cluster.agents.values().forEach(a -> a.operations.values().removeIf(op -> op.frameworkId.equals(framework.idValue())));
    if (framework.sink != null) framework.sink.close();
    framework.sink = null;
    cluster.frameworks.remove(framework.idValue());
    cluster.completedFrameworks.addLast(framework);
    while (cluster.completedFrameworks.size() > MAX_COMPLETED_FRAMEWORKS) cluster.completedFrameworks.removeFirst();
    log.info("Framework {} removed", framework.idValue());
  }
}
