package io.mooring.reservation.engine;

import io.micronaut.context.annotation.Value;
import io.mooring.model.InstanceStates;
import io.mooring.model.OperationIds;
import io.mooring.model.TaskIds;
import io.mooring.model.TaskStates;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.ClaimRequest;
import io.mooring.proto.v1.ClaimResult;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.OperationStatusReport;
import io.mooring.proto.v1.ReportAck;
import io.mooring.proto.v1.StatusReport;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.proto.v1.UnknownTaskStatus;
import io.mooring.reservation.core.Action;
import io.mooring.reservation.core.InstanceEvent;
import io.mooring.reservation.core.SideEffect;
import io.mooring.reservation.core.UnknownTasks;
import io.mooring.reservation.desired.Definitions;
import io.mooring.reservation.desired.DesiredState;
import io.grpc.StatusRuntimeException;
import io.mooring.runtime.grpc.Errors;
import io.mooring.runtime.grpc.GrpcErrors;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What offer-service and the gateway ask of reservation-service, each run on the reconciler thread. */
@Singleton
public class InstanceCommands {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceCommands.class);
  /** One etcd transaction per expunge: etcd takes at most 128 operations in one. */
  private static final int MAX_EXPUNGE = 100;
  private static final int MAX_REPORTS = 500;
  private final Reconciler reconciler;
  private final DesiredState desired;
  private final Definitions definitions;
  private final Duration reservationTimeout;
  private final UnknownTaskRecorder unknownTasks;

  public InstanceCommands(Reconciler reconciler, DesiredState desired, Definitions definitions,
      @Value("${mooring.task-reservation-timeout:20s}") Duration reservationTimeout,
      UnknownTaskRecorder unknownTasks) {
    this.reconciler = reconciler;
    this.desired = desired;
    this.definitions = definitions;
    this.reservationTimeout = reservationTimeout;
    this.unknownTasks = unknownTasks;
  }

  /** The instances that match; a limited request is a page in instance id order. */
  public List<Instance> list(ListInstancesRequest request) {
    String runSpecId = request.getRunSpecId();
    String hostname = request.getAgentHostname();
    String after = request.getAfter();
    return reconciler.call(() -> {
      Stream<Instance> matching = book().all().stream()
          .filter(i -> runSpecId.isEmpty() || i.getRunSpecId().equals(runSpecId))
          .filter(i -> hostname.isEmpty() || i.getReservation().getHostname().equals(hostname))
          .filter(i -> !request.getClaimedOnly() || i.getState() == InstanceState.RESERVING);
      if (request.getLimit() <= 0) {
        return matching.toList();
      }
      return matching.filter(i -> i.getInstanceId().compareTo(after) > 0)
          .sorted(Comparator.comparing(Instance::getInstanceId)).limit(request.getLimit()).toList();
    });
  }

  public Instance get(String instanceId) {
    return reconciler.call(() -> book().get(instanceId)
        .orElseThrow(() -> Errors.notFound("Instance '" + instanceId + "' does not exist")));
  }

  /** offer-service claims an instance for an offer before it ACCEPTs; a deposed leader's claim is refused. */
  public Instance claim(ClaimRequest request) {
    ClaimResult result = claimAll(List.of(request)).get(0);
    if (!result.getClaimed()) {
      throw Errors.conflict("Instance '" + request.getInstanceId() + "' cannot be claimed: " + result.getRefusal());
    }
    return get(request.getInstanceId());
  }

  /**
   * The placements of one offer, written in one transaction; each is granted or refused on its own. A repeated
   * claim (a retry of the same offer's claim) is granted again without a change; any other is refused.
   */
  public List<ClaimResult> claimAll(List<ClaimRequest> requests) {
    return reconciler.call(() -> {
      InstanceBook book = book();
      long fence = requests.stream().mapToLong(ClaimRequest::getFence).min().orElse(0);
      if (fence < book.fence()) {
        String refusal = "fenced: " + fence + " is older than the leader fence " + book.fence();
        return requests.stream().map(r -> refused(refusal)).toList();
      }
      long now = reconciler.now();
      List<Action> actions = requests.stream().map(r -> (Action) new Action.Apply(r.getInstanceId(),
          new InstanceEvent.Claimed(r.getFence(), r.getConfigVersion(), r.getReservation(), r.getTasksList(), now,
              now + reservationTimeout.toMillis()))).toList();
      InstanceBook.Outcome outcome = book.apply(actions, fence);
      List<ClaimResult> results = new ArrayList<>();
      for (ClaimRequest request : requests) {
        String refusal = outcome.conflicted() ? "it changed concurrently"
            : outcome.illegal().get(request.getInstanceId());
        if (refusal == null) {
          LOG.info("instance {} claimed on agent {} for task {}", request.getInstanceId(),
              request.getReservation().getAgentId(), request.getTasksCount() > 0 ? request.getTasks(0).getTaskId() : "");
        }
        results.add(refusal == null ? ClaimResult.newBuilder().setClaimed(true).build() : refused(refusal));
      }
      // Coalesced: a burst of claims republishes the queue once (offer-service hides what it claimed meanwhile).
      reconciler.requestPass();
      return results;
    });
  }

  private static ClaimResult refused(String refusal) {
    return ClaimResult.newBuilder().setRefusal(refusal).build();
  }

  /** Raises the stored fence: claims of any older leader are refused from now on. */
  public void raiseFence(long fence) {
    reconciler.call(() -> {
      if (fence > book().fence() && book().apply(List.of(), fence).conflicted()) {
        throw Errors.unavailable("the fence changed concurrently; subscribe again");
      }
      return null;
    });
  }

  public ReportAck reportTask(TaskStatusReport report) {
    return reportAll(List.of(StatusReport.newBuilder().setTask(report).build())).get(0);
  }

  public ReportAck reportOperation(OperationStatusReport report) {
    return reportAll(List.of(StatusReport.newBuilder().setOperation(report).build())).get(0);
  }

  /**
   * Statuses in their order, written together: one pass of the state machine and as few etcd transactions as the
   * writes need. An active task that belongs to no instance, or that the state machine calls a stray, is to be
   * killed; the end of a task of no instance is recorded for the event stream (one more write, only then). Nothing
   * is written when any instance changed concurrently: the caller reports them all again.
   */
  public List<ReportAck> reportAll(List<StatusReport> reports) {
    if (reports.size() > MAX_REPORTS) {
      throw Errors.badRequest("at most " + MAX_REPORTS + " statuses per call, not " + reports.size());
    }
    return reconciler.call(() -> {
      long now = reconciler.now();
      List<Action> actions = new ArrayList<>();
      List<Optional<String>> instanceIds = new ArrayList<>();
      for (StatusReport report : reports) {
        Optional<String> id = instanceOf(report);
        instanceIds.add(id);
        id.ifPresent(instanceId -> actions.add(new Action.Apply(instanceId, event(report, now))));
      }
      InstanceBook.Outcome outcome = book().apply(actions, 0);
      if (outcome.conflicted()) {
        throw Errors.unavailable("instances changed concurrently; report again");
      }
      Set<SideEffect.KillStray> strays = outcome.effects().stream().filter(SideEffect.KillStray.class::isInstance)
          .map(SideEffect.KillStray.class::cast).collect(Collectors.toSet());
      List<ReportAck> acks = new ArrayList<>();
      List<UnknownTaskStatus> unknown = new ArrayList<>();
      for (int i = 0; i < reports.size(); i++) {
        acks.add(ack(reports.get(i), instanceIds.get(i), outcome, strays));
        if (instanceIds.get(i).isEmpty() && reports.get(i).hasTask()) {
          UnknownTasks.terminated(reports.get(i).getTask()).ifPresent(unknown::add);
        }
      }
      unknownTasks.record(unknown, now);
      if (!outcome.applied().isEmpty()) {
        reconciler.requestPass();
      }
      return acks;
    });
  }

  private Optional<String> instanceOf(StatusReport report) {
    Optional<String> taskId = report.hasTask() ? Optional.of(report.getTask().getTaskId())
        : OperationIds.taskIdOf(report.getOperation().getOperationId());
    return taskId.flatMap(TaskIds::instanceIdOf).filter(id -> book().get(id).isPresent());
  }
  private static InstanceEvent event(StatusReport report, long now) {
    if (report.hasTask()) {
      TaskStatusReport task = report.getTask();
      return new InstanceEvent.TaskUpdate(task.getTaskId(), task.getState(), task.getReason(), task.getMessage(),
          now, task.getAgentId(), task.hasHealthy() ? Optional.of(task.getHealthy()) : Optional.empty(),
          task.hasReady() ? Optional.of(task.getReady()) : Optional.empty());
    }
    OperationStatusReport operation = report.getOperation();
    return new InstanceEvent.OperationUpdate(operation.getOperationId(), operation.getState(),
        operation.getMessage(), now);
  }

  private ReportAck ack(StatusReport report, Optional<String> instanceId, InstanceBook.Outcome outcome,
      Set<SideEffect.KillStray> strays) {
    if (!report.hasTask()) {
      return ReportAck.newBuilder().setApplied(instanceId.map(outcome.applied()::containsKey).orElse(false)).build();
    }
    TaskStatusReport task = report.getTask();
    if (instanceId.isEmpty()) {
      boolean active = TaskStates.isActive(task.getState());
      if (active) {
        LOG.warn("task {} on agent {} belongs to no instance: killing it", task.getTaskId(), task.getAgentId());
      }
      return ReportAck.newBuilder().setKillTask(active).build();
    }
    boolean applied = outcome.applied().containsKey(instanceId.get());
    if (applied) {
      LOG.info("task {} is {}: instance {} now {}", task.getTaskId(), task.getState(), instanceId.get(),
          outcome.applied().get(instanceId.get()).instance().getState());
    }
    // By task and agent: in one batch, a copy on another agent may die while the instance's own task lives.
    boolean stray = strays.contains(new SideEffect.KillStray(task.getTaskId(), task.getAgentId()));
    return ReportAck.newBuilder().setApplied(applied).setKillTask(stray).build();
  }


  /**
   * DELETE /v2/apps/{id}/tasks: without flags the tasks are killed and relaunched on their reservations; wipe
   * decommissions the instances; scale stops them and lowers the app's instance count in the same breath, so that
   * the planner does not relaunch them in between.
   */
  public KillInstancesResponse kill(KillInstancesRequest request) {
    if (request.getScale() && request.getWipe()) {
      throw Errors.badRequest("You cannot use scale and wipe at the same time.");
    }
    return reconciler.call(() -> {
      List<Instance> found = KillSelection.select(book().all(), request);
      if (found.isEmpty() && !request.getTaskOrInstanceIdsList().isEmpty()) {
        throw Errors.notFound("Task '" + request.getTaskOrInstanceIds(0) + "' does not exist");
      }
      long now = reconciler.now();
      List<Action> actions = found.stream().map(i -> new Action.Apply(i.getInstanceId(), request.getWipe()
          ? new InstanceEvent.GoalChange(Goal.DECOMMISSIONED, now)
          : request.getScale() ? new InstanceEvent.GoalChange(Goal.STOPPED, now)
          : new InstanceEvent.KillRequested(now))).map(Action.class::cast).toList();
      InstanceBook.Outcome outcome = book().apply(actions, 0);
      if (outcome.conflicted()) {
        throw Errors.unavailable("the instances changed concurrently; nothing was killed, retry");
      }
      found.forEach(i -> LOG.info("instance {} of {}: {} requested", i.getInstanceId(), i.getRunSpecId(),
          request.getWipe() ? "wipe" : request.getScale() ? "kill and scale" : "kill"));
      KillInstancesResponse.Builder response = KillInstancesResponse.newBuilder().addAllInstances(found);
      if (request.getScale()) {
        long running = found.stream().filter(i -> i.getGoal() == Goal.RUNNING).count();
        ChangeResult change = scaleDown(request.getRunSpecId(), (int) running);
        response.setDeploymentId(change.getDeployment().getId()).setVersion(change.getDeployment().getVersion());
      }
      reconciler.requestPass();
      return response.build();
    });
  }

  /**
   * Kills the task (and relaunches on its reservation, as a kill without wipe does) if it is still its instance's
   * current, active task: a verdict about a task must not take down its successor. Answers whether it did.
   */
  public boolean killTask(String taskId, String why) {
    return reconciler.call(() -> {
      Optional<Instance> instance = TaskIds.instanceIdOf(taskId).flatMap(book()::get)
          .filter(i -> i.getTasksList().stream().anyMatch(t -> t.getTaskId().equals(taskId)))
          .filter(InstanceStates::isActive);
      if (instance.isEmpty()) {
        return false;
      }
      InstanceBook.Outcome outcome = book().apply(List.of(new Action.Apply(instance.get().getInstanceId(),
          new InstanceEvent.KillRequested(reconciler.now()))), 0);
      if (outcome.conflicted()) {
        return false;
      }
      LOG.info("task {} of {}: {}; killing it", taskId, instance.get().getRunSpecId(), why);
      reconciler.requestPass();
      return true;
    });
  }

  /**
   * DELETE /v2/queue/{id}/delay: every instance of the run spec forgets its failures and backoff, so that those
   * waiting are offered at once and the next failure starts the backoff over, as when Marathon forgets a run spec's
   * delay. Stored like any change of the instances; answers how many had something to forget. Marathon's 404 when
   * none of them waits in the queue.
   */
  public int resetDelay(String runSpecId) {
    return reconciler.call(() -> {
      List<Instance> instances = book().all().stream().filter(i -> i.getRunSpecId().equals(runSpecId)).toList();
      if (instances.stream().noneMatch(InstanceStates::isQueued)) {
        throw Errors.notFound("Application " + runSpecId + " not found in tasks queue.");
      }
      long now = reconciler.now();
      List<Action> actions = instances.stream()
          .map(i -> (Action) new Action.Apply(i.getInstanceId(), new InstanceEvent.DelayReset(now))).toList();
      InstanceBook.Outcome outcome = book().apply(actions, 0);
      if (outcome.conflicted()) {
        throw Errors.unavailable("the instances changed concurrently; no delay was reset, retry");
      }
      LOG.info("launch delay of {} reset: {} instances forgot their backoff", runSpecId, outcome.applied().size());
      reconciler.requestPass();  // the queue shows them at once, not on the next periodic pass
      return outcome.applied().size();
    });
  }

  private ChangeResult scaleDown(String appId, int by) {
    int instances = desired.get(appId).map(spec -> spec.getApp().getInstances())
        .orElseThrow(() -> Errors.notFound("App '" + appId + "' does not exist"));
    ChangeResult change;
    try {
      change = definitions.scaleApp(appId, Math.max(0, instances - by));
    } catch (StatusRuntimeException e) {
      // The stopped instances stay stopped only if the count drops; otherwise the planner starts them again. The
      // caller learns why: definition-service's own answer keeps its code, only a failed call is UNAVAILABLE.
      throw GrpcErrors.fromCall(e, "definition-service did not take the new instance count");
    }
    desired.put(appId, change.getSpec());
    return change;
  }

  /**
   * volume-gc-service destroyed and unreserved what it names, and saw on the agents that nothing of it is left;
   * fenced by its election revision, as offer-service's claims are by theirs.
   */
  public boolean expunge(List<Cleaned> cleaned, long fence) {
    if (cleaned.size() > MAX_EXPUNGE) {
      throw Errors.badRequest("at most " + MAX_EXPUNGE + " items per expunge, not " + cleaned.size());
    }
    return reconciler.call(() -> {
      boolean done = book().expunge(cleaned, fence);
      if (done) {
        cleaned.forEach(c -> LOG.info("expunged {} of instance {} on agent {}", c.getGarbageId().isEmpty()
            ? "the decommissioned instance" : "garbage " + c.getGarbageId(), c.getInstanceId(),
            c.getAgentId().isEmpty() ? "(none)" : c.getAgentId()));
        reconciler.requestPass();
      }
      return done;
    });
  }

  private InstanceBook book() {
    return reconciler.book();
  }
}
