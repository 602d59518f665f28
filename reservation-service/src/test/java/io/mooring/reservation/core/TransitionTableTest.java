package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.AGENT;
import static io.mooring.reservation.core.Fixtures.DEADLINE;
import static io.mooring.reservation.core.Fixtures.INSTANCE;
import static io.mooring.reservation.core.Fixtures.T0;
import static io.mooring.reservation.core.Fixtures.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every (state, trigger) pair through {@link InstanceMachine}: the state it leads to, '=' for "legal, nothing
 * changes", '!' for illegal; and the side effect (garbage, kill) if any. Applying the same event again must change
 * nothing.
 */
class TransitionTableTest {
  private static final long NOW = T0 + 1_000;
  private static final Set<String> SEEN = new HashSet<>();

  @ParameterizedTest(name = "{0} x {1} -> {2} {3}")
  @CsvSource(delimiter = '|', textBlock = """
      SCHEDULED     | CLAIM                 | RESERVING     |
      SCHEDULED     | OPERATION_FINISHED    | =             |
      SCHEDULED     | OPERATION_FAILED      | =             |
      SCHEDULED     | TASK_STARTING         | =             | kill
      SCHEDULED     | TASK_RUNNING          | =             | kill
      SCHEDULED     | TASK_KILLING          | =             | kill
      SCHEDULED     | TASK_ENDED            | =             |
      SCHEDULED     | TASK_FAILED           | =             |
      SCHEDULED     | TASK_UNREACHABLE      | =             |
      SCHEDULED     | TASK_GONE_BY_OPERATOR | =             |
      SCHEDULED     | TASK_UNKNOWN          | =             |
      SCHEDULED     | GOAL_CHANGE           | SCHEDULED     |
      SCHEDULED     | KILL_REQUESTED        | =             |
      SCHEDULED     | NEW_VERSION           | SCHEDULED     |
      SCHEDULED     | NEW_VOLUMES           | !             |
      SCHEDULED     | DELAY_RESET           | =             |
      RESERVING     | CLAIM                 | !             |
      RESERVING     | OPERATION_FINISHED    | RESERVING     |
      RESERVING     | OPERATION_FAILED      | SCHEDULED     | garbage
      RESERVING     | TASK_STARTING         | STAGING       |
      RESERVING     | TASK_RUNNING          | RUNNING_STATE |
      RESERVING     | TASK_KILLING          | STAGING       |
      RESERVING     | TASK_ENDED            | SCHEDULED     | garbage
      RESERVING     | TASK_FAILED           | SCHEDULED     | garbage
      RESERVING     | TASK_UNREACHABLE      | UNREACHABLE   |
      RESERVING     | TASK_GONE_BY_OPERATOR | GONE          |
      RESERVING     | TASK_UNKNOWN          | SCHEDULED     | garbage
      RESERVING     | GOAL_CHANGE           | RESERVING     |
      RESERVING     | KILL_REQUESTED        | RESERVING     |
      RESERVING     | NEW_VERSION           | !             |
      RESERVING     | NEW_VOLUMES           | !             |
      RESERVING     | DELAY_RESET           | =             |
      STAGING       | CLAIM                 | !             |
      STAGING       | OPERATION_FINISHED    | STAGING       |
      STAGING       | OPERATION_FAILED      | SCHEDULED     | garbage
      STAGING       | TASK_STARTING         | STAGING       |
      STAGING       | TASK_RUNNING          | RUNNING_STATE |
      STAGING       | TASK_KILLING          | STAGING       |
      STAGING       | TASK_ENDED            | SCHEDULED     | garbage
      STAGING       | TASK_FAILED           | SCHEDULED     | garbage
      STAGING       | TASK_UNREACHABLE      | UNREACHABLE   |
      STAGING       | TASK_GONE_BY_OPERATOR | GONE          |
      STAGING       | TASK_UNKNOWN          | SCHEDULED     | garbage
      STAGING       | GOAL_CHANGE           | STAGING       |
      STAGING       | KILL_REQUESTED        | STAGING       |
      STAGING       | NEW_VERSION           | !             |
      STAGING       | NEW_VOLUMES           | !             |
      STAGING       | DELAY_RESET           | =             |
      RUNNING_STATE | CLAIM                 | !             |
      RUNNING_STATE | OPERATION_FINISHED    | =             |
      RUNNING_STATE | OPERATION_FAILED      | =             |
      RUNNING_STATE | TASK_STARTING         | !             |
      RUNNING_STATE | TASK_RUNNING          | =             |
      RUNNING_STATE | TASK_KILLING          | RUNNING_STATE |
      RUNNING_STATE | TASK_ENDED            | SUSPENDED     |
      RUNNING_STATE | TASK_FAILED           | SUSPENDED     |
      RUNNING_STATE | TASK_UNREACHABLE      | UNREACHABLE   |
      RUNNING_STATE | TASK_GONE_BY_OPERATOR | GONE          |
      RUNNING_STATE | TASK_UNKNOWN          | SUSPENDED     |
      RUNNING_STATE | GOAL_CHANGE           | RUNNING_STATE |
      RUNNING_STATE | KILL_REQUESTED        | RUNNING_STATE |
      RUNNING_STATE | NEW_VERSION           | !             |
      RUNNING_STATE | NEW_VOLUMES           | !             |
      RUNNING_STATE | DELAY_RESET           | =             |
      SUSPENDED     | CLAIM                 | RESERVING     |
      SUSPENDED     | OPERATION_FINISHED    | =             |
      SUSPENDED     | OPERATION_FAILED      | =             |
      SUSPENDED     | TASK_STARTING         | STAGING       |
      SUSPENDED     | TASK_RUNNING          | RUNNING_STATE |
      SUSPENDED     | TASK_KILLING          | RUNNING_STATE |
      SUSPENDED     | TASK_ENDED            | SUSPENDED     |
      SUSPENDED     | TASK_FAILED           | =             |
      SUSPENDED     | TASK_UNREACHABLE      | SUSPENDED     |
      SUSPENDED     | TASK_GONE_BY_OPERATOR | GONE          |
      SUSPENDED     | TASK_UNKNOWN          | SUSPENDED     |
      SUSPENDED     | GOAL_CHANGE           | SUSPENDED     |
      SUSPENDED     | KILL_REQUESTED        | =             |
      SUSPENDED     | NEW_VERSION           | SUSPENDED     |
      SUSPENDED     | NEW_VOLUMES           | !             |
      SUSPENDED     | DELAY_RESET           | =             |
      UNREACHABLE   | CLAIM                 | !             |
      UNREACHABLE   | OPERATION_FINISHED    | =             |
      UNREACHABLE   | OPERATION_FAILED      | =             |
      UNREACHABLE   | TASK_STARTING         | STAGING       |
      UNREACHABLE   | TASK_RUNNING          | RUNNING_STATE |
      UNREACHABLE   | TASK_KILLING          | RUNNING_STATE |
      UNREACHABLE   | TASK_ENDED            | SUSPENDED     |
      UNREACHABLE   | TASK_FAILED           | SUSPENDED     |
      UNREACHABLE   | TASK_UNREACHABLE      | =             |
      UNREACHABLE   | TASK_GONE_BY_OPERATOR | GONE          |
      UNREACHABLE   | TASK_UNKNOWN          | SUSPENDED     |
      UNREACHABLE   | GOAL_CHANGE           | UNREACHABLE   |
      UNREACHABLE   | KILL_REQUESTED        | =             |
      UNREACHABLE   | NEW_VERSION           | !             |
      UNREACHABLE   | NEW_VOLUMES           | !             |
      UNREACHABLE   | DELAY_RESET           | =             |
      GONE          | CLAIM                 | !             |
      GONE          | OPERATION_FINISHED    | =             |
      GONE          | OPERATION_FAILED      | =             |
      GONE          | TASK_STARTING         | GONE          | kill
      GONE          | TASK_RUNNING          | GONE          | kill
      GONE          | TASK_KILLING          | GONE          | kill
      GONE          | TASK_ENDED            | GONE          |
      GONE          | TASK_FAILED           | GONE          |
      GONE          | TASK_UNREACHABLE      | GONE          |
      GONE          | TASK_GONE_BY_OPERATOR | =             |
      GONE          | TASK_UNKNOWN          | GONE          |
      GONE          | GOAL_CHANGE           | GONE          |
      GONE          | KILL_REQUESTED        | =             |
      GONE          | NEW_VERSION           | GONE          |
      GONE          | NEW_VOLUMES           | SCHEDULED     |
      GONE          | DELAY_RESET           | =             |
      """)
  void everyStateOnEveryTrigger(InstanceState state, Trigger trigger, String expected, String effect) {
    SEEN.add(state + "/" + trigger);
    Instance before = Fixtures.in(state);
    InstanceEvent event = event(trigger);
    Transition transition = InstanceMachine.apply(before, event);

    switch (expected) {
      case "!" -> {
        assertTrue(transition.illegal().isPresent(), "should be illegal");
        assertFalse(transition.changed());
        assertEquals(before, transition.instance());
      }
      case "=" -> {
        assertTrue(transition.illegal().isEmpty(), () -> "refused: " + transition.illegal());
        assertFalse(transition.changed(), "should change nothing");
        assertEquals(before, transition.instance());
      }
      default -> {
        assertTrue(transition.illegal().isEmpty(), () -> "refused: " + transition.illegal());
        assertTrue(transition.changed(), "should change the instance");
        assertEquals(InstanceState.valueOf(expected), transition.instance().getState());
        assertEquals(event.nowMillis(), transition.instance().getUpdatedMillis());
      }
    }
    String effects = transition.effects().stream()
        .map(e -> e instanceof SideEffect.RecordGarbage ? "garbage" : "kill").reduce((a, b) -> a + "," + b).orElse("");
    assertEquals(effect == null ? "" : effect, effects);

    Transition again = InstanceMachine.apply(transition.instance(), event);
    assertFalse(again.changed(), "applying the same event twice changes nothing the second time");
    assertTrue(again.effects().stream().noneMatch(SideEffect.RecordGarbage.class::isInstance));
  }

  @AfterAll
  static void everyPairIsListed() {
    assertEquals(TransitionTable.STATES.size() * EnumSet.allOf(Trigger.class).size(), SEEN.size());
  }

  /** One representative event per trigger, aimed at {@link Fixtures#in}'s instance. */
  static InstanceEvent event(Trigger trigger) {
    return switch (trigger) {
      case CLAIM -> new InstanceEvent.Claimed(5, "v1",
          Reservation.newBuilder().setAgentId(AGENT).setHostname("host-1").build(),
          List.of(Fixtures.task(INSTANCE + "._app.2", 2, "")), NOW, NOW + 20_000);
      case OPERATION_FINISHED -> new InstanceEvent.OperationUpdate("op-1", "OPERATION_FINISHED", "", NOW);
      case OPERATION_FAILED -> new InstanceEvent.OperationUpdate("op-1", "OPERATION_FAILED", "no disk", NOW);
      case TASK_STARTING -> taskUpdate("TASK_STARTING");
      case TASK_RUNNING -> taskUpdate("TASK_RUNNING");
      case TASK_KILLING -> taskUpdate("TASK_KILLING");
      case TASK_ENDED -> taskUpdate("TASK_KILLED");
      case TASK_FAILED -> taskUpdate("TASK_FAILED");
      case TASK_UNREACHABLE -> taskUpdate("TASK_UNREACHABLE");
      case TASK_GONE_BY_OPERATOR -> taskUpdate("TASK_GONE_BY_OPERATOR");
      case TASK_UNKNOWN -> Fixtures.unknownToMesos(TASK, DEADLINE);
      case GOAL_CHANGE -> new InstanceEvent.GoalChange(Goal.STOPPED, NOW);
      case KILL_REQUESTED -> new InstanceEvent.KillRequested(NOW);
      case NEW_VERSION -> new InstanceEvent.NewVersion("v2", "v2", NOW);
      case NEW_VOLUMES -> new InstanceEvent.NewVolumes(List.of(Fixtures.volume("fresh")), NOW);
      case DELAY_RESET -> new InstanceEvent.DelayReset(NOW);
    };
  }

  private static InstanceEvent taskUpdate(String state) {
    return new InstanceEvent.TaskUpdate(TASK, state, "", "", NOW);
  }
}
