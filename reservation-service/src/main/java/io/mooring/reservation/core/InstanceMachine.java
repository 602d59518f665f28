package io.mooring.reservation.core;

import io.mooring.model.TaskIds;
import io.mooring.model.TaskStates;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.TaskFailure;
import io.mooring.reservation.core.InstanceEvent.Claimed;
import io.mooring.reservation.core.InstanceEvent.DelayReset;
import io.mooring.reservation.core.InstanceEvent.GoalChange;
import io.mooring.reservation.core.InstanceEvent.KillRequested;
import io.mooring.reservation.core.InstanceEvent.NewVersion;
import io.mooring.reservation.core.InstanceEvent.NewVolumes;
import io.mooring.reservation.core.InstanceEvent.OperationUpdate;
import io.mooring.reservation.core.InstanceEvent.TaskUpdate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The instance state machine: (state, event) -> (state', side effects), from {@link TransitionTable}. Pure and
 * idempotent: an event that leaves the instance as it was reports {@code changed = false}, so applying the same
 * update twice changes nothing the second time.
 */
public final class InstanceMachine {
  private static final Set<String> OPERATION_FAILURES = Set.of(
      "OPERATION_FAILED", "OPERATION_ERROR", "OPERATION_DROPPED", "OPERATION_GONE_BY_OPERATOR");
  /** Not final: the operation may still finish or fail, so nothing changes yet. */
  private static final Set<String> OPERATION_PENDING = Set.of(
      "OPERATION_PENDING", "OPERATION_UNREACHABLE", "OPERATION_RECOVERING", "OPERATION_UNKNOWN",
      "OPERATION_UNSUPPORTED");

  private InstanceMachine() {}

  /** Applies an event with Marathon's default backoff; prefer the overload with the run spec's backoff. */
  public static Transition apply(Instance current, InstanceEvent event) {
    return apply(current, event, Backoff.DEFAULT);
  }

  /** {@code backoff} sets how long a failed task delays the next launch ({@link Backoff#of} the run spec). */
  public static Transition apply(Instance current, InstanceEvent event, Backoff backoff) {
    if (event instanceof TaskUpdate update) {
      return taskUpdate(current, update, backoff);
    }
    if (event instanceof OperationUpdate update) {
      return operationUpdate(current, update, backoff);
    }
    return viaTable(current, current, trigger(event), event, backoff);
  }

  private static Trigger trigger(InstanceEvent event) {
    if (event instanceof Claimed) {
      return Trigger.CLAIM;
    } else if (event instanceof GoalChange) {
      return Trigger.GOAL_CHANGE;
    } else if (event instanceof KillRequested) {
      return Trigger.KILL_REQUESTED;
    } else if (event instanceof NewVersion) {
      return Trigger.NEW_VERSION;
    } else if (event instanceof NewVolumes) {
      return Trigger.NEW_VOLUMES;
    } else if (event instanceof DelayReset) {
      return Trigger.DELAY_RESET;
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static Transition taskUpdate(Instance current, TaskUpdate update, Backoff backoff) {
    if (!TaskIds.instanceIdOf(update.taskId()).equals(Optional.of(current.getInstanceId()))) {
      return Transition.refused(current, "task " + update.taskId() + " is not a task of " + current.getInstanceId());
    }
    Optional<TaskCondition> condition = TaskCondition.of(update.state(), update.reason());
    if (condition.isEmpty()) {
      return Transition.refused(current, "unknown task state " + update.state());
    }
    int index = taskIndex(current, update.taskId());
    String recordedAgent = current.getReservation().getAgentId();
    if (index >= 0 && !update.agentId().isEmpty() && !recordedAgent.isEmpty()
        && !update.agentId().equals(recordedAgent)) {
      // The task id runs on an agent the instance does not hold: a second launch of it must not be taken as ours.
      List<SideEffect> effects = condition.get().isActive()
          ? List.of(new SideEffect.KillStray(update.taskId(), update.agentId())) : List.of();
      return new Transition(current, effects, false, Optional.empty());
    }
    if (index < 0) {
      // Not the current incarnation (or a claim given up): an active one must not live on; an ended one is history.
      String agentId = update.agentId().isEmpty() ? recordedAgent : update.agentId();
      List<SideEffect> effects = condition.get().isActive()
          ? List.of(new SideEffect.KillStray(update.taskId(), agentId)) : List.of();
      return new Transition(current, effects, false, Optional.empty());
    }
    Instance.Builder reported = current.toBuilder();
    Task.Builder task = reported.getTasksBuilder(index);
    // Only a new state: a repeated status changes nothing. The master not knowing a task is no failure here (a
    // claim's ACCEPT may still be on its way, or Mesos lost track of it), though Marathon records TASK_UNKNOWN.
    if (TaskStates.isFailure(update.state()) && condition.get() != TaskCondition.UNKNOWN
        && !task.getMesosState().equals(update.state())) {
      reported.setLastFailure(failure(current, task, update));
    }
    task.setMesosState(update.state()).setMessage(update.message());
    update.healthy().ifPresent(task::setHealthy);
    update.ready().ifPresent(task::setReady);
    Instance prepared = reported.build();
    // One ACCEPT launches all of an instance's tasks: the master not knowing one of them speaks for all of them,
    // unless another one was reported alive since.
    Trigger trigger = condition.get() == TaskCondition.UNKNOWN && !anotherReportedActive(prepared, update.taskId())
        ? Trigger.TASK_UNKNOWN : Trigger.of(TaskCondition.ofInstance(prepared.getTasksList()));
    return viaTable(current, prepared, trigger, update, backoff);
  }

  private static Transition operationUpdate(Instance current, OperationUpdate update, Backoff backoff) {
    if (!current.getReservation().getOperationIdsList().contains(update.operationId())
        || OPERATION_PENDING.contains(update.state())) {
      return new Transition(current, List.of(), false, Optional.empty());
    }
    if (update.state().equals("OPERATION_FINISHED")) {
      return viaTable(current, current, Trigger.OPERATION_FINISHED, update, backoff);
    }
    if (OPERATION_FAILURES.contains(update.state())) {
      return viaTable(current, current, Trigger.OPERATION_FAILED, update, backoff);
    }
    return Transition.refused(current, "unknown operation state " + update.state());
  }

  private static Transition viaTable(Instance current, Instance prepared, Trigger trigger, InstanceEvent event,
      Backoff backoff) {
    Optional<Step> step = TransitionTable.step(current.getState(), trigger);
    if (step.isEmpty()) {
      return Transition.refused(current, "no transition from " + current.getState() + " on " + trigger);
    }
    Outcome outcome = step.get().apply(prepared, event, backoff);
    if (outcome.illegal().isPresent()) {
      return Transition.refused(current, outcome.illegal().get());
    }
    if (outcome.instance().equals(current)) {
      return new Transition(current, outcome.effects(), false, Optional.empty());
    }
    Instance next = outcome.instance().toBuilder().setUpdatedMillis(event.nowMillis()).build();
    return new Transition(next, outcome.effects(), true, Optional.empty());
  }

  /** The failure as Marathon's lastTaskFailure shows it; the instance keeps only its latest. */
  private static TaskFailure failure(Instance current, Task.Builder task, TaskUpdate update) {
    return TaskFailure.newBuilder()
        .setTaskId(update.taskId())
        .setState(update.state())
        .setMessage(update.message())
        .setHost(current.getReservation().getHostname())
        .setAgentId(update.agentId().isEmpty() ? current.getReservation().getAgentId() : update.agentId())
        .setRunSpecVersion(task.getRunSpecVersion().isEmpty() ? current.getRunSpecVersion() : task.getRunSpecVersion())
        .setTimestamp(Timestamps.format(update.nowMillis()))
        .build();
  }

  private static boolean anotherReportedActive(Instance instance, String taskId) {
    return instance.getTasksList().stream().anyMatch(t -> !t.getTaskId().equals(taskId)
        && !t.getMesosState().isEmpty() && TaskCondition.of(t).isActive());
  }

  private static int taskIndex(Instance instance, String taskId) {
    List<Task> tasks = instance.getTasksList();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).getTaskId().equals(taskId)) {
        return i;
      }
    }
    return -1;
  }
}
