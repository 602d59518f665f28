package io.mooring.reservation.core;

import io.mooring.model.TaskIds;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.Task;
import io.mooring.reservation.core.InstanceEvent.Claimed;
import java.util.List;
import java.util.Optional;

/** The table's steps for offer-service's claims: a first launch, a relaunch on the reservation, a repeated claim. */
final class ClaimSteps {
  private ClaimSteps() {}

  /** First launch: the claim brings the reservation that the single ACCEPT [RESERVE, CREATE, LAUNCH] makes. */
  static Outcome firstLaunch(Instance instance, InstanceEvent event, Backoff backoff) {
    Claimed claim = (Claimed) event;
    Optional<String> refusal = refusal(instance, claim);
    if (refusal.isEmpty() && instance.hasReservation()) {
      refusal = Optional.of("a scheduled instance holds no reservation, but this one does");
    }
    if (refusal.isEmpty() && claim.reservation().getAgentId().isEmpty()) {
      refusal = Optional.of("the claim names no agent");
    }
    if (refusal.isPresent()) {
      return Outcome.refused(instance, refusal.get());
    }
    Reservation.Builder reservation = claim.reservation().toBuilder()
        .setConfirmed(false).setDeadlineMillis(claim.deadlineMillis());
    if (reservation.getVolumesCount() == 0) {
      reservation.addAllVolumes(instance.getVolumesList());
    }
    return Outcome.to(claimed(instance, claim).setReservation(reservation).build());
  }

  /**
   * Relaunch on the reservation; it keeps its resources and volumes. offer-service finds them by their labels and
   * persistence ids, not by the agent id: an agent that rebooted comes back under a new id with its checkpointed
   * reservations and volumes, and the reservation follows it there.
   */
  static Outcome relaunch(Instance instance, InstanceEvent event, Backoff backoff) {
    Claimed claim = (Claimed) event;
    Optional<String> refusal = refusal(instance, claim);
    Reservation current = instance.getReservation();
    if (refusal.isEmpty() && !current.getConfirmed()) {
      refusal = Optional.of("a suspended instance must hold a confirmed reservation");
    }
    if (refusal.isEmpty() && claim.reservation().getAgentId().isEmpty()) {
      refusal = Optional.of("the claim names no agent");
    }
    if (refusal.isPresent()) {
      return Outcome.refused(instance, refusal.get());
    }
    Reservation.Builder reservation = current.toBuilder().setDeadlineMillis(claim.deadlineMillis())
        .setAgentId(claim.reservation().getAgentId());
    if (!claim.reservation().getHostname().isEmpty()) {
      reservation.setHostname(claim.reservation().getHostname());
    }
    return Outcome.to(claimed(instance, claim).setReservation(reservation).build());
  }

  /**
   * The same claim again (a retried request whose answer was lost) changes nothing. Anything else is refused, even
   * with the same fence and task ids: a claim for another offer would send a second ACCEPT of the same task, and the
   * record would name only one of the two agents.
   */
  static Outcome repeated(Instance instance, InstanceEvent event, Backoff backoff) {
    Claimed claim = (Claimed) event;
    Reservation held = instance.getReservation();
    boolean same = claim.fence() == instance.getClaimFence()
        && taskIds(claim.tasks()).equals(taskIds(instance.getTasksList()))
        && claim.reservation().getAgentId().equals(held.getAgentId())
        && claim.reservation().getResourcesList().equals(held.getResourcesList())
        && claim.reservation().getOperationIdsList().equals(held.getOperationIdsList());
    return same ? Outcome.to(instance)
        : Outcome.refused(instance, "the instance is already claimed on agent " + held.getAgentId());
  }

  /** What every claim must satisfy, or why it may not. */
  private static Optional<String> refusal(Instance instance, Claimed claim) {
    if (instance.getGoal() != Goal.RUNNING) {
      return Optional.of("the instance's goal is " + instance.getGoal() + ", not RUNNING");
    }
    if (!claim.configVersion().equals(instance.getConfigVersion())) {
      return Optional.of("the claim is for config version " + claim.configVersion() + ", the instance is at "
          + instance.getConfigVersion());
    }
    if (claim.fence() < instance.getClaimFence()) {
      return Optional.of("fence " + claim.fence() + " is older than " + instance.getClaimFence());
    }
    if (claim.nowMillis() < instance.getBackoffUntilMillis()) {
      return Optional.of("the instance backs off until " + Timestamps.format(instance.getBackoffUntilMillis()));
    }
    return taskRefusal(instance, claim.tasks());
  }

  /** The tasks must be this instance's, of one new incarnation, so that no task id is ever used twice. */
  private static Optional<String> taskRefusal(Instance instance, List<Task> tasks) {
    if (tasks.isEmpty()) {
      return Optional.of("the claim launches no task");
    }
    int incarnation = tasks.get(0).getIncarnation();
    for (Task task : tasks) {
      if (!TaskIds.instanceIdOf(task.getTaskId()).equals(Optional.of(instance.getInstanceId()))) {
        return Optional.of("task " + task.getTaskId() + " is not a task of " + instance.getInstanceId());
      }
      if (task.getIncarnation() != incarnation) {
        return Optional.of("the claim's tasks differ in incarnation");
      }
    }
    if (incarnation <= instance.getIncarnation()) {
      return Optional.of("incarnation " + incarnation + " is not above the instance's " + instance.getIncarnation());
    }
    return Optional.empty();
  }

  private static Instance.Builder claimed(Instance instance, Claimed claim) {
    Instance.Builder next = instance.toBuilder().setState(InstanceState.RESERVING)
        .clearTasks().setIncarnation(claim.tasks().get(0).getIncarnation())
        .setClaimFence(claim.fence()).clearKillTaskId();
    for (Task task : claim.tasks()) {
      next.addTasks(task.getStagedAt().isEmpty()
          ? task.toBuilder().setStagedAt(Timestamps.format(claim.nowMillis())).build() : task);
    }
    return next;
  }

  private static List<String> taskIds(List<Task> tasks) {
    return tasks.stream().map(Task::getTaskId).toList();
  }
}
