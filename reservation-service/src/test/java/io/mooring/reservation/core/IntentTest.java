package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.T0;
import static io.mooring.reservation.core.Fixtures.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Mooring wants of an instance: goals, kills, versions, fresh volumes. */
class IntentTest {
  private static final long NOW = T0 + 1_000;

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
      "RUNNING,        STOPPED,           STOPPED",
      "STOPPED,        RUNNING,           RUNNING",
      "RUNNING,        DECOMMISSIONED,    DECOMMISSIONED",
      "STOPPED,        DECOMMISSIONED,    DECOMMISSIONED",
      "DECOMMISSIONED, RUNNING,           illegal",
      "DECOMMISSIONED, STOPPED,           illegal",
      "DECOMMISSIONED, DECOMMISSIONED,    unchanged",
      "RUNNING,        RUNNING,           unchanged",
      "RUNNING,        GOAL_UNSPECIFIED,  illegal"})
  void goals(Goal from, Goal to, String expected) {
    Instance instance = Fixtures.in(InstanceState.SUSPENDED).toBuilder().setGoal(from).build();

    Transition t = InstanceMachine.apply(instance, new InstanceEvent.GoalChange(to, NOW));

    switch (expected) {
      case "illegal" -> assertTrue(t.illegal().isPresent());
      case "unchanged" -> assertFalse(t.changed());
      default -> assertEquals(Goal.valueOf(expected), t.instance().getGoal());
    }
  }

  @Test
  void killWithoutWipeMarksTheCurrentTask() {
    Instance killed = InstanceMachine.apply(Fixtures.in(InstanceState.RUNNING_STATE),
        new InstanceEvent.KillRequested(NOW)).instance();

    assertEquals(TASK, killed.getKillTaskId());
    assertEquals(Goal.RUNNING, killed.getGoal());
  }

  @Test
  void aNewConfigurationForgetsPastFailures() {
    Instance suspended = Fixtures.in(InstanceState.SUSPENDED).toBuilder().setFailures(4).setBackoffUntilMillis(NOW + 9)
        .build();

    Instance upgraded = InstanceMachine.apply(suspended, new InstanceEvent.NewVersion("v2", "v2", NOW)).instance();
    Instance scaled = InstanceMachine.apply(suspended, new InstanceEvent.NewVersion("v2", "v1", NOW)).instance();

    assertEquals("v2", upgraded.getConfigVersion());
    assertEquals(0, upgraded.getFailures());
    assertEquals(0, upgraded.getBackoffUntilMillis());
    assertEquals("v2", scaled.getRunSpecVersion());
    assertEquals("v1", scaled.getConfigVersion());
    assertEquals(4, scaled.getFailures());
  }

  /** The representative instances of the table have nothing to forget ('='); these do, in every state. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"SCHEDULED", "RESERVING", "STAGING", "RUNNING_STATE", "SUSPENDED", "UNREACHABLE", "GONE"})
  void aDelayResetForgetsFailuresAndBackoffAndNothingElse(InstanceState state) {
    Instance backingOff = Fixtures.in(state).toBuilder().setFailures(3).setBackoffUntilMillis(NOW + 60_000).build();

    Transition t = InstanceMachine.apply(backingOff, new InstanceEvent.DelayReset(NOW));

    assertTrue(t.changed());
    assertEquals(Fixtures.in(state).toBuilder().setUpdatedMillis(NOW).build(), t.instance());
    assertEquals(List.of(), t.effects());
  }

  @Test
  void aScaleOnlyVersionReachesRunningInstances() {
    Transition t = InstanceMachine.apply(Fixtures.in(InstanceState.RUNNING_STATE),
        new InstanceEvent.NewVersion("v2", "v1", NOW));

    assertEquals("v2", t.instance().getRunSpecVersion());
  }

  @Test
  void anInstanceWhoseAgentIsGoneStartsOverWithFreshVolumes() {
    Instance gone = Fixtures.in(InstanceState.GONE);
    var fresh = List.of(Fixtures.volume("fresh"));

    Transition t = InstanceMachine.apply(gone, new InstanceEvent.NewVolumes(fresh, NOW));
    Transition again = InstanceMachine.apply(t.instance(), new InstanceEvent.NewVolumes(fresh, NOW));

    assertEquals(InstanceState.SCHEDULED, t.instance().getState());
    assertEquals(fresh, t.instance().getVolumesList());
    assertEquals(List.of(), t.instance().getTasksList());
    assertEquals(1, t.instance().getIncarnation(), "same instance, next incarnation");
    assertFalse(again.changed());
    assertTrue(again.illegal().isEmpty());
  }
}
