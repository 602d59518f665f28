package io.mooring.reservation.core;

import static io.mooring.proto.v1.InstanceState.GONE;
import static io.mooring.proto.v1.InstanceState.RESERVING;
import static io.mooring.proto.v1.InstanceState.RUNNING_STATE;
import static io.mooring.proto.v1.InstanceState.SCHEDULED;
import static io.mooring.proto.v1.InstanceState.STAGING;
import static io.mooring.proto.v1.InstanceState.SUSPENDED;
import static io.mooring.proto.v1.InstanceState.UNREACHABLE;
import static io.mooring.reservation.core.Trigger.*;

import io.mooring.model.InstanceStates;
import io.mooring.proto.v1.InstanceState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance lifecycle as a table: (state, trigger) -> step. A pair that is not listed is illegal. Statuses of
 * tasks that are not current, and of operations the reservation does not wait for, never reach the table
 * ({@link InstanceMachine} answers them).
 */
final class TransitionTable {
  static final List<InstanceState> STATES =
      List.of(SCHEDULED, RESERVING, STAGING, RUNNING_STATE, SUSPENDED, UNREACHABLE, GONE);
  private static final Map<InstanceState, Map<Trigger, Step>> TABLE = new EnumMap<>(InstanceState.class);

  static {
    for (InstanceState state : STATES) {
      boolean active = InstanceStates.isActive(state);
      from(state)
          .on(GOAL_CHANGE, IntentSteps::changeGoal)
          .on(KILL_REQUESTED, active ? IntentSteps::markKill : Step.IGNORE)
          .on(NEW_VERSION, InstanceStates.isIdle(state) ? IntentSteps::newVersion
              : IntentSteps::newVersionOfSameConfig)
          .on(DELAY_RESET, IntentSteps::resetDelay);
    }
    from(SCHEDULED)
        .on(CLAIM, ClaimSteps::firstLaunch)
        .on(NEW_VOLUMES, IntentSteps::repeatedVolumes);
    from(RESERVING)
        .on(CLAIM, ClaimSteps::repeated)
        .on(OPERATION_FINISHED, ReservationSteps::operationFinished)
        .on(OPERATION_FAILED, ReservationSteps::operationFailed)
        .on(TASK_STARTING, TaskSteps::starting)
        .on(TASK_RUNNING, TaskSteps::running)
        .on(TASK_KILLING, TaskSteps::starting)   // Mesos knows the task: the launch happened
        .on(TASK_ENDED, TaskSteps::ended)
        .on(TASK_FAILED, TaskSteps::ended)
        .on(TASK_UNREACHABLE, TaskSteps::unreachable)
        .on(TASK_GONE_BY_OPERATOR, TaskSteps::goneByOperator)
        .on(TASK_UNKNOWN, ReservationSteps::unknownClaim);
    from(STAGING)
        .on(OPERATION_FINISHED, ReservationSteps::operationFinished)
        .on(OPERATION_FAILED, ReservationSteps::operationFailed)
        .on(TASK_STARTING, TaskSteps::starting)
        .on(TASK_RUNNING, TaskSteps::running)
        .on(TASK_KILLING, Step.RECORD)
        .on(TASK_ENDED, TaskSteps::ended)
        .on(TASK_FAILED, TaskSteps::ended)
        .on(TASK_UNREACHABLE, TaskSteps::unreachable)
        .on(TASK_GONE_BY_OPERATOR, TaskSteps::goneByOperator)
        .on(TASK_UNKNOWN, TaskSteps::lost);
    from(RUNNING_STATE)                         // no TASK_STARTING: Mesos never goes back
        .on(TASK_RUNNING, TaskSteps::running)
        .on(TASK_KILLING, Step.RECORD)
        .on(TASK_ENDED, TaskSteps::ended)
        .on(TASK_FAILED, TaskSteps::ended)
        .on(TASK_UNREACHABLE, TaskSteps::unreachable)
        .on(TASK_GONE_BY_OPERATOR, TaskSteps::goneByOperator)
        .on(TASK_UNKNOWN, TaskSteps::lost);
    from(SUSPENDED)
        .on(CLAIM, ClaimSteps::relaunch)
        .on(TASK_STARTING, TaskSteps::starting)  // a late status after the claim expired: the task lives after all
        .on(TASK_RUNNING, TaskSteps::running)
        .on(TASK_KILLING, TaskSteps::activeAgain)
        .on(TASK_ENDED, Step.RECORD)
        .on(TASK_FAILED, Step.RECORD)
        .on(TASK_UNREACHABLE, Step.RECORD)
        .on(TASK_GONE_BY_OPERATOR, TaskSteps::goneByOperator)
        .on(TASK_UNKNOWN, Step.RECORD);
    from(UNREACHABLE)                           // wait forever, until the agent comes back or the operator decides
        .on(OPERATION_FINISHED, ReservationSteps::operationFinished)
        .on(OPERATION_FAILED, ReservationSteps::operationFailed)
        .on(TASK_STARTING, TaskSteps::starting)
        .on(TASK_RUNNING, TaskSteps::running)
        .on(TASK_KILLING, TaskSteps::activeAgain)
        .on(TASK_ENDED, TaskSteps::ended)
        .on(TASK_FAILED, TaskSteps::ended)
        .on(TASK_UNREACHABLE, Step.RECORD)
        .on(TASK_GONE_BY_OPERATOR, TaskSteps::goneByOperator)
        .on(TASK_UNKNOWN, TaskSteps::lost);  // the agent is back without it, or was forgotten
    from(GONE)                                  // waits for the planner's fresh volumes
        .on(NEW_VOLUMES, IntentSteps::relocate)
        .on(TASK_STARTING, TaskSteps::killStray)
        .on(TASK_RUNNING, TaskSteps::killStray)
        .on(TASK_KILLING, TaskSteps::killStray)
        .on(TASK_ENDED, Step.RECORD)
        .on(TASK_FAILED, Step.RECORD)
        .on(TASK_UNREACHABLE, Step.RECORD)
        .on(TASK_GONE_BY_OPERATOR, Step.RECORD)
        .on(TASK_UNKNOWN, Step.RECORD);
  }

  private TransitionTable() {}

  static Optional<Step> step(InstanceState state, Trigger trigger) {
    return Optional.ofNullable(TABLE.getOrDefault(state, Map.of()).get(trigger));
  }

  private static Row from(InstanceState state) {
    return new Row(TABLE.computeIfAbsent(state, s -> new EnumMap<>(Trigger.class)));
  }

  private record Row(Map<Trigger, Step> steps) {
    Row on(Trigger trigger, Step step) {
      if (steps.put(trigger, step) != null) {
        throw new IllegalStateException("two steps for one cell: " + trigger);
      }
      return this;
    }
  }
}
