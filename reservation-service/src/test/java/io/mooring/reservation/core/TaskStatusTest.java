package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.AGENT;
import static io.mooring.reservation.core.Fixtures.INSTANCE;
import static io.mooring.reservation.core.Fixtures.T0;
import static io.mooring.reservation.core.Fixtures.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.TaskFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskStatusTest {
  private static final long NOW = T0 + 5_000;

  private static InstanceEvent.TaskUpdate update(String taskId, String state, long now) {
    return new InstanceEvent.TaskUpdate(taskId, state, "", "msg " + state, now);
  }

  @Test
  void runningConfirmsTheReservationAndStartsOnce() {
    Instance instance = Fixtures.in(InstanceState.STAGING).toBuilder().setFailures(3).build();

    Instance running = InstanceMachine.apply(instance, update(TASK, "TASK_RUNNING", NOW)).instance();
    Instance again = InstanceMachine.apply(running, update(TASK, "TASK_RUNNING", NOW + 1_000)).instance();

    assertTrue(running.getReservation().getConfirmed());
    assertEquals(List.of(), running.getReservation().getOperationIdsList());
    assertEquals(0, running.getFailures());
    assertEquals("TASK_RUNNING", running.getTasks(0).getMesosState());
    assertEquals("msg TASK_RUNNING", running.getTasks(0).getMessage());
    assertEquals(Timestamps.format(NOW), again.getTasks(0).getStartedAt(), "set once");
  }

  /** Failures back off the next launch: 1 s, then * 1.15, capped at max_launch_delay. */
  @ParameterizedTest(name = "{0} failures before -> {1} ms")
  @CsvSource({"0, 1000", "1, 1150", "2, 1322", "100, 300000"})
  void failuresBackOff(int failuresBefore, long delay) {
    Instance running = Fixtures.in(InstanceState.RUNNING_STATE).toBuilder().setFailures(failuresBefore).build();

    Instance failed = InstanceMachine.apply(running, update(TASK, "TASK_FAILED", NOW)).instance();

    assertEquals(InstanceState.SUSPENDED, failed.getState());
    assertEquals(failuresBefore + 1, failed.getFailures());
    assertEquals(NOW + delay, failed.getBackoffUntilMillis());
  }

  @Test
  void theRunSpecsBackoffApplies() {
    Transition t = InstanceMachine.apply(Fixtures.in(InstanceState.RUNNING_STATE), update(TASK, "TASK_ERROR", NOW),
        new Backoff(10, 2, 15));

    assertEquals(NOW + 10_000, t.instance().getBackoffUntilMillis());
  }

  /** An ending counts as a failure unless Mooring asked for it (kill, stop, decommission). */
  @ParameterizedTest(name = "{0} with goal {1}, kill asked {2} -> failure {3}")
  @CsvSource({
      "TASK_FAILED,   RUNNING, false, true",
      "TASK_FINISHED, RUNNING, false, true",
      "TASK_KILLED,   RUNNING, false, true",
      "TASK_KILLED,   RUNNING, true,  false",
      "TASK_FAILED,   RUNNING, true,  false",
      "TASK_KILLED,   STOPPED, false, false",
      "TASK_DROPPED,  RUNNING, false, true",
      "TASK_GONE,     RUNNING, false, true",
      "TASK_KILLED,   DECOMMISSIONED, false, false"})
  void whatCountsAsAFailure(String state, Goal goal, boolean killAsked, boolean failure) {
    Instance running = Fixtures.in(InstanceState.RUNNING_STATE).toBuilder().setGoal(goal)
        .setKillTaskId(killAsked ? TASK : "").build();

    Instance ended = InstanceMachine.apply(running, update(TASK, state, NOW)).instance();

    assertEquals(InstanceState.SUSPENDED, ended.getState());
    assertEquals(failure ? 1 : 0, ended.getFailures());
    assertEquals("", ended.getKillTaskId());
  }

  /** Marathon's lastTaskFailure: the instance keeps its latest failed task, across relaunches. */
  @Test
  void theLastFailureIsKeptOnceAndReplacedByTheNext() {
    Instance running = Fixtures.in(InstanceState.RUNNING_STATE);

    Instance failed = InstanceMachine.apply(running, update(TASK, "TASK_FAILED", NOW)).instance();
    Transition again = InstanceMachine.apply(failed, update(TASK, "TASK_FAILED", NOW + 1_000));

    assertEquals(TaskFailure.newBuilder().setTaskId(TASK).setState("TASK_FAILED").setMessage("msg TASK_FAILED")
        .setHost("host-1").setAgentId(AGENT).setRunSpecVersion("v1").setTimestamp(Timestamps.format(NOW)).build(),
        failed.getLastFailure());
    assertFalse(again.changed(), "a repeated status is not a second failure");

    String next = INSTANCE + "._app.2";
    Instance relaunched = failed.toBuilder().setState(InstanceState.RUNNING_STATE).setIncarnation(2)
        .setTasks(0, Fixtures.task(next, 2, "TASK_RUNNING").toBuilder().setRunSpecVersion("v2")).build();
    assertEquals(failed.getLastFailure(), InstanceMachine.apply(relaunched, update(next, "TASK_RUNNING", NOW + 2_000))
        .instance().getLastFailure(), "kept while the next task runs");
    Instance lostAgain = InstanceMachine.apply(relaunched,
        new InstanceEvent.TaskUpdate(next, "TASK_ERROR", "", "bad", NOW + 3_000, "agent-1")).instance();
    assertEquals(TaskFailure.newBuilder().setTaskId(next).setState("TASK_ERROR").setMessage("bad").setHost("host-1")
        .setAgentId(AGENT).setRunSpecVersion("v2").setTimestamp(Timestamps.format(NOW + 3_000)).build(),
        lostAgain.getLastFailure());
  }

  /**
   * What Marathon records as a failure; endings it does not (finished, killed) leave the record as it was, and so
   * does the master not knowing the task, which Mooring does not take for a failure.
   */
  @ParameterizedTest(name = "{0} from {1} -> recorded {2}")
  @CsvSource({
      "TASK_FAILED,           RUNNING_STATE, true",
      "TASK_ERROR,            STAGING,       true",
      "TASK_DROPPED,          STAGING,       true",
      "TASK_GONE,             RUNNING_STATE, true",
      "TASK_LOST,             RUNNING_STATE, true",
      "TASK_UNKNOWN,          RUNNING_STATE, false",
      "TASK_GONE_BY_OPERATOR, UNREACHABLE,   true",
      "TASK_FINISHED,         RUNNING_STATE, false",
      "TASK_KILLED,           RUNNING_STATE, false",
      "TASK_UNREACHABLE,      RUNNING_STATE, false",
      "TASK_RUNNING,          STAGING,       false"})
  void whatIsRecordedAsTheLastFailure(String state, InstanceState before, boolean recorded) {
    Instance instance = Fixtures.in(before);

    Instance next = InstanceMachine.apply(instance, update(TASK, state, NOW)).instance();

    assertEquals(recorded, next.hasLastFailure(), next.toString());
    if (recorded) {
      assertEquals(state, next.getLastFailure().getState());
      assertEquals("host-1", next.getLastFailure().getHost(), "the host it ran on, even once the claim is given up");
    }
  }

  @Test
  void aTaskUnknownToTheMasterIsNotRecordedAsAFailure() {
    Instance running = Fixtures.in(InstanceState.RUNNING_STATE);

    assertFalse(InstanceMachine.apply(running, Fixtures.unknownToMesos(TASK, NOW)).instance().hasLastFailure());
    assertFalse(InstanceMachine.apply(running, new InstanceEvent.TaskUpdate(TASK, "TASK_GONE", "REASON_RECONCILIATION",
        "", NOW)).instance().hasLastFailure());
  }

  /** The master lost track of a task it had: nothing runs, yet nothing failed. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"RUNNING_STATE, SUSPENDED", "UNREACHABLE, SUSPENDED", "SUSPENDED, SUSPENDED"})
  void aTaskUnknownToTheMasterIsNoFailure(InstanceState before, InstanceState after) {
    Instance instance = Fixtures.in(before);

    Instance next = InstanceMachine.apply(instance, Fixtures.unknownToMesos(TASK, NOW)).instance();

    assertEquals(after, next.getState());
    assertEquals(instance.getFailures(), next.getFailures());
    assertEquals(0, next.getBackoffUntilMillis());
    assertEquals("TASK_UNKNOWN", next.getTasks(0).getMesosState());
  }

  /** The same task id launched on a second agent (a duplicate ACCEPT) is not the instance's task: kill it there. */
  @ParameterizedTest(name = "{0} from another agent")
  @CsvSource({"TASK_RUNNING, true", "TASK_STAGING, true", "TASK_FAILED, false", "TASK_UNKNOWN, false"})
  void aStatusFromAnotherAgentChangesNothing(String state, boolean kill) {
    for (InstanceState before : List.of(InstanceState.RESERVING, InstanceState.RUNNING_STATE)) {
      Instance instance = Fixtures.in(before);

      Transition t = InstanceMachine.apply(instance,
          new InstanceEvent.TaskUpdate(TASK, state, "", "", NOW, "agent-2"));

      assertFalse(t.changed(), before + ": the record keeps naming " + AGENT);
      assertEquals(kill ? List.of(new SideEffect.KillStray(TASK, "agent-2")) : List.of(), t.effects());
    }
  }

  @Test
  void aFirstLaunchThatNeverConfirmedGivesUpItsReservation() {
    Instance staging = Fixtures.in(InstanceState.STAGING);

    Transition t = InstanceMachine.apply(staging, update(TASK, "TASK_FAILED", NOW));

    assertEquals(InstanceState.SCHEDULED, t.instance().getState());
    assertFalse(t.instance().hasReservation());
    assertEquals(List.of(), t.instance().getTasksList());
    assertEquals(1, t.instance().getIncarnation(), "kept, so the next task id is new");
    SideEffect.RecordGarbage garbage = (SideEffect.RecordGarbage) t.effects().get(0);
    assertEquals(AGENT, garbage.garbage().getAgentId());
    assertEquals(staging.getReservation().getResourcesList(), garbage.garbage().getResourcesList());
    assertEquals(Garbage.Reason.CLAIM_EXPIRED, garbage.garbage().getReason());
    assertEquals(INSTANCE, garbage.garbage().getInstanceId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"TASK_UNREACHABLE", "TASK_LOST"})
  void unreachableWaitsForeverKeepingTheReservation(String state) {
    Instance running = Fixtures.in(InstanceState.RUNNING_STATE);

    Transition t = InstanceMachine.apply(running, update(TASK, state, NOW));

    assertEquals(InstanceState.UNREACHABLE, t.instance().getState());
    assertEquals(running.getReservation(), t.instance().getReservation());
    assertEquals(List.of(), t.effects());
  }

  @Test
  void goneByOperatorAbandonsTheReservationWithoutGarbage() {
    Instance running = Fixtures.in(InstanceState.UNREACHABLE);

    Transition t = InstanceMachine.apply(running, update(TASK, "TASK_GONE_BY_OPERATOR", NOW));

    assertEquals(InstanceState.GONE, t.instance().getState());
    assertFalse(t.instance().hasReservation());
    assertEquals(List.of(), t.effects(), "the agent is gone, and its resources with it");
    assertEquals(running.getVolumesList(), t.instance().getVolumesList(), "new volumes come from the planner");
  }

  @ParameterizedTest(name = "{0} -> kill {1}")
  @CsvSource({"TASK_STAGING, true", "TASK_STARTING, true", "TASK_RUNNING, true", "TASK_KILLING, true",
      "TASK_FAILED, false", "TASK_KILLED, false", "TASK_UNREACHABLE, false"})
  void anOlderIncarnationIsAStray(String state, boolean kill) {
    Instance relaunched = Fixtures.in(InstanceState.RUNNING_STATE).toBuilder().setIncarnation(2)
        .setTasks(0, Fixtures.task(INSTANCE + "._app.2", 2, "TASK_RUNNING")).build();

    Transition t = InstanceMachine.apply(relaunched, update(TASK, state, NOW));

    assertFalse(t.changed());
    assertTrue(t.illegal().isEmpty());
    assertEquals(kill ? List.of(new SideEffect.KillStray(TASK, AGENT)) : List.of(), t.effects());
  }

  @Test
  void aLateTaskOfAnExpiredClaimIsAStray() {
    Instance reserving = Fixtures.in(InstanceState.RESERVING);
    Instance expired = InstanceMachine.apply(reserving, Fixtures.unknownToMesos(TASK, Fixtures.DEADLINE)).instance();

    Transition late = InstanceMachine.apply(expired, update(TASK, "TASK_RUNNING", Fixtures.DEADLINE + 1));

    assertEquals(List.of(new SideEffect.KillStray(TASK, "")), late.effects(), "the shell knows the agent");
    assertFalse(late.changed());
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({"db.instance-2._app.1, TASK_RUNNING", "nonsense, TASK_RUNNING", TASK + ", TASK_WHATEVER"})
  void foreignTasksAndUnknownStatesAreIllegal(String taskId, String state) {
    Instance running = Fixtures.in(InstanceState.RUNNING_STATE);

    Transition t = InstanceMachine.apply(running, update(taskId, state, NOW));

    assertTrue(t.illegal().isPresent());
    assertEquals(running, t.instance());
  }
}
