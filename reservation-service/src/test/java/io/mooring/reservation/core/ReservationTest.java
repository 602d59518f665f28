package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.DEADLINE;
import static io.mooring.reservation.core.Fixtures.T0;
import static io.mooring.reservation.core.Fixtures.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A first launch's reservation: its operations, its deadline, and what is left when it is given up. */
class ReservationTest {
  private static final long NOW = T0 + 1_000;

  private static InstanceEvent operation(String id, String state) {
    return new InstanceEvent.OperationUpdate(id, state, "", NOW);
  }

  @Test
  void theReservationIsConfirmedWhenEveryOperationFinished() {
    Instance reserving = Fixtures.in(InstanceState.RESERVING);

    Instance one = InstanceMachine.apply(reserving, operation("op-1", "OPERATION_FINISHED")).instance();
    Instance both = InstanceMachine.apply(one, operation("op-2", "OPERATION_FINISHED")).instance();

    assertEquals(List.of("op-2"), one.getReservation().getOperationIdsList());
    assertFalse(one.getReservation().getConfirmed());
    assertTrue(both.getReservation().getConfirmed());
    assertEquals(InstanceState.RESERVING, both.getState(), "the task has not been reported yet");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"op-9, OPERATION_FINISHED", "op-9, OPERATION_FAILED", "op-1, OPERATION_PENDING",
      "op-1, OPERATION_UNREACHABLE", "op-1, OPERATION_RECOVERING", "op-1, OPERATION_UNKNOWN"})
  void unknownOrUnsettledOperationsChangeNothing(String id, String state) {
    Transition t = InstanceMachine.apply(Fixtures.in(InstanceState.RESERVING), operation(id, state));

    assertFalse(t.changed());
    assertTrue(t.illegal().isEmpty());
  }

  @Test
  void anUnknownOperationStateIsIllegal() {
    assertTrue(InstanceMachine.apply(Fixtures.in(InstanceState.RESERVING), operation("op-1", "OPERATION_MAYBE"))
        .illegal().isPresent());
  }

  /** The ACCEPT failed: what it may have reserved is garbage, and the task's own failure that follows is history. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"OPERATION_FAILED", "OPERATION_ERROR", "OPERATION_DROPPED", "OPERATION_GONE_BY_OPERATOR"})
  void aFailedOperationGivesTheClaimUp(String state) {
    Instance reserving = Fixtures.in(InstanceState.RESERVING);

    Transition failed = InstanceMachine.apply(reserving, operation("op-2", state));
    Transition taskError = InstanceMachine.apply(failed.instance(),
        new InstanceEvent.TaskUpdate(TASK, "TASK_ERROR", "", "", NOW));

    assertEquals(InstanceState.SCHEDULED, failed.instance().getState());
    assertFalse(failed.instance().hasReservation());
    assertEquals(1, failed.effects().size());
    assertFalse(taskError.changed());
    assertEquals(List.of(), taskError.effects());
  }

  /** Before the deadline the ACCEPT may still be on its way to the master: its not knowing the task means nothing. */
  @Test
  void theClaimHoldsUntilItsDeadlineWhateverMesosSays() {
    Instance reserving = Fixtures.in(InstanceState.RESERVING);
    Transition early = InstanceMachine.apply(reserving, Fixtures.unknownToMesos(TASK, DEADLINE - 1));

    assertFalse(early.changed());
    assertEquals(reserving, early.instance(), "not even recorded");
  }

  /** The master's answers for a task it does not know: on a registered agent, and on an agent it does not know. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"TASK_UNKNOWN, REASON_RECONCILIATION", "TASK_GONE, REASON_RECONCILIATION"})
  void whatTheMasterSaysOfATaskItDoesNotKnowExpiresTheClaimOnlyAfterItsDeadline(String state, String reason) {
    Instance reserving = Fixtures.in(InstanceState.RESERVING);

    Transition early = InstanceMachine.apply(reserving, new InstanceEvent.TaskUpdate(TASK, state, reason, "",
        DEADLINE - 1));
    Transition late = InstanceMachine.apply(reserving, new InstanceEvent.TaskUpdate(TASK, state, reason, "",
        DEADLINE));

    assertEquals(reserving, early.instance());
    assertEquals(InstanceState.SCHEDULED, late.instance().getState());
    assertEquals(0, late.instance().getFailures(), "nothing failed");
  }

  @Test
  void aClaimNeverExpiresOnTimeAlone() {
    Instance reserving = Fixtures.in(InstanceState.RESERVING);

    Transition running = InstanceMachine.apply(reserving,
        new InstanceEvent.TaskUpdate(TASK, "TASK_RUNNING", "", "", DEADLINE + 600_000));

    assertEquals(InstanceState.RUNNING_STATE, running.instance().getState(), "a late task is adopted, not killed");
    assertEquals(List.of(), running.effects());
  }

  @Test
  void anExpiredFirstLaunchLeavesGarbage() {
    Transition t = InstanceMachine.apply(Fixtures.in(InstanceState.RESERVING), Fixtures.unknownToMesos(TASK, DEADLINE));

    assertEquals(InstanceState.SCHEDULED, t.instance().getState());
    assertEquals(List.of(), t.instance().getTasksList());
    assertTrue(t.effects().get(0) instanceof SideEffect.RecordGarbage);
  }

  @Test
  void anExpiredRelaunchKeepsItsReservation() {
    Instance relaunching = Fixtures.in(InstanceState.RESERVING).toBuilder()
        .setReservation(Fixtures.reservation(true)).build();

    Transition t = InstanceMachine.apply(relaunching, Fixtures.unknownToMesos(TASK, DEADLINE + 5));

    assertEquals(InstanceState.SUSPENDED, t.instance().getState());
    assertEquals(relaunching.getReservation(), t.instance().getReservation());
    assertEquals(List.of(), t.effects());
  }
}
