package io.mooring.reservation.core;

import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import io.mooring.reservation.core.InstanceEvent.OperationUpdate;
import io.mooring.reservation.core.InstanceEvent.TaskUpdate;
import java.util.List;
import java.util.Optional;

/** The table's steps for the reservation of a first launch: its operations, its deadline, and giving it up. */
final class ReservationSteps {
  private ReservationSteps() {}

  /** One RESERVE or CREATE done; when none is pending any more, the reservation exists for sure. */
  static Outcome operationFinished(Instance instance, InstanceEvent event, Backoff backoff) {
    String operationId = ((OperationUpdate) event).operationId();
    Reservation.Builder reservation = instance.getReservation().toBuilder().clearOperationIds();
    instance.getReservation().getOperationIdsList().stream()
        .filter(id -> !id.equals(operationId)).forEach(reservation::addOperationIds);
    if (reservation.getOperationIdsCount() == 0) {
      reservation.setConfirmed(true);
    }
    return Outcome.to(instance.toBuilder().setReservation(reservation).build());
  }

  /** A RESERVE or CREATE failed: the ACCEPT as a whole did not happen (its task will be reported failed too). */
  static Outcome operationFailed(Instance instance, InstanceEvent event, Backoff backoff) {
    return abandonClaim(instance);
  }

  /**
   * The master does not know the claimed task. Before the claim's deadline its ACCEPT may still be on the way, so
   * nothing changes (the report is not even recorded). After it, offer-service's call has long ended (its HTTP
   * timeout is below the deadline), so an ACCEPT the master does not know was lost and the claim expires. A claim
   * never expires on time alone: after an outage of Mesos or of offer-service that would expire claims whose tasks
   * run.
   */
  static Outcome unknownClaim(Instance instance, InstanceEvent event, Backoff backoff) {
    if (event.nowMillis() < instance.getReservation().getDeadlineMillis()) {
      String reported = ((TaskUpdate) event).taskId();
      Instance.Builder unchanged = instance.toBuilder();
      unchanged.getTasksBuilderList().stream().filter(t -> t.getTaskId().equals(reported))
          .forEach(t -> t.clearMesosState().clearMessage());  // a claimed task has none until Mesos reports one
      return Outcome.to(unchanged.build());
    }
    if (instance.getReservation().getConfirmed()) {
      // A relaunch on our own reservation: nothing to give up, just try again there.
      return Outcome.to(instance.toBuilder().setState(InstanceState.SUSPENDED).build());
    }
    return abandonClaim(instance);
  }

  /**
   * Gives up an unconfirmed reservation: whatever it may have reserved becomes garbage, the instance starts over
   * anywhere. Its tasks go too, so that a late status of the claimed task reads as a stray one, and so do its
   * persistence ids: a volume the claim may have created is garbage, and must never share an id with the volume
   * the next claim creates (the planner hands out fresh ones).
   */
  static Outcome abandonClaim(Instance instance) {
    Reservation reservation = instance.getReservation();
    Garbage garbage = Garbage.newBuilder()
        .setInstanceId(instance.getInstanceId())
        .setAgentId(reservation.getAgentId())
        .addAllResources(reservation.getResourcesList())
        .setReason(Garbage.Reason.CLAIM_EXPIRED)
        .build();
    Instance next = instance.toBuilder().setState(InstanceState.SCHEDULED)
        .clearReservation().clearTasks().clearKillTaskId().clearVolumes().build();
    return new Outcome(next, List.of(new SideEffect.RecordGarbage(garbage)), Optional.empty());
  }
}
