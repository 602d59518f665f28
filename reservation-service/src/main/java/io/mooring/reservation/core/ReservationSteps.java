package io.mooring.reservation.core;

import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import io.mooring.reservation.core.InstanceEvent.OperationUpdate;
import io.mooring.reservation.core.InstanceEvent.Tick;
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

  /** The claim's deadline passed before Mesos confirmed anything about its task. */
  static Outcome expireClaim(Instance instance, InstanceEvent event, Backoff backoff) {
    if (((Tick) event).nowMillis() < instance.getReservation().getDeadlineMillis()) {
      return Outcome.to(instance);
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
