package io.mooring.gateway.api;

import io.mooring.model.InstanceStates;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.runtime.grpc.Errors;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What is becoming of a persistent volume, as {@code /v2/volumes} names it (in lower case). */
enum VolumeStatus {
  /** A task of its instance is being launched with it or runs with it. */
  ATTACHED,
  /** Kept for its instance, which runs no task with it: the task ended (to be relaunched there) or was scaled down. */
  DETACHED,
  /** Its agent is partitioned; the instance waits for it. */
  UNREACHABLE,
  /** Wiped, its app or pod deleted, or a claim's leftover: volume-gc-service destroys it. */
  DESTROYING,
  /** Labelled for an instance that does not exist: volume-gc-service destroys it once its grace period is over. */
  ORPHANED;

  /**
   * The status of the volumes of {@code instance}, or empty when it holds none on an agent: not placed yet
   * (SCHEDULED) or its agent gone for good (GONE). A wipe or deletion decides before anything else, and a partition
   * before a scale down (whether the task still runs there is unknown). A first launch whose reservation is not yet
   * confirmed counts as attached: one ACCEPT creates the volume and launches the task on it.
   */
  static Optional<VolumeStatus> of(Instance instance) {
    InstanceState state = instance.getState();
    if (!onAnAgent(state)) {
      return Optional.empty();
    }
    if (instance.getGoal() == Goal.DECOMMISSIONED) {
      return Optional.of(DESTROYING);
    }
    if (state == InstanceState.UNREACHABLE) {
      return Optional.of(UNREACHABLE);
    }
    if (instance.getGoal() == Goal.STOPPED || state == InstanceState.SUSPENDED) {
      return Optional.of(DETACHED);
    }
    return Optional.of(ATTACHED);
  }

  /** Holds a reservation on an agent, and so volumes: a task may run there, or ended and is relaunched there. */
  private static boolean onAnAgent(InstanceState state) {
    return InstanceStates.mayRun(state) || state == InstanceState.SUSPENDED;
  }

  /** A pending cleanup destroys its volumes, right away or, for an orphan, after its grace period. */
  static VolumeStatus of(Cleanup cleanup) {
    return cleanup.getReason() == Garbage.Reason.UNKNOWN_INSTANCE ? ORPHANED : DESTROYING;
  }

  /** The status a query names, in any case; 400 for any other word. */
  static VolumeStatus parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Errors.badRequest("Unknown volume status '" + name + "': expected one of "
          + Arrays.stream(values()).map(VolumeStatus::json).collect(Collectors.joining(", ")));
    }
  }

  String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
