package io.mooring.reservation.core;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.time.Instant;
import java.util.Comparator;

/** Which instances go first when the planner must pick some: victims to stop, stopped instances to reuse. */
final class InstanceOrder {
  private InstanceOrder() {}

  /**
   * Victims: unreachable first, then those without a task, then the least advanced launch, running last (Marathon's
   * ScalingProposition); among equals, those behind the spec's configuration, then the youngest (or the oldest when
   * the app says OLDEST_FIRST).
   */
  static Comparator<Instance> victims(String configVersion, boolean oldestFirst) {
    Comparator<Instance> age = Comparator.comparingLong(InstanceOrder::sinceMillis)
        .thenComparing(Instance::getInstanceId);
    return Comparator.comparingInt(InstanceOrder::victimRank)
        .thenComparing(i -> i.getConfigVersion().equals(configVersion))
        .thenComparing(oldestFirst ? age : age.reversed());
  }

  /** Reuse: an instance holding its reservation and data first, then the oldest. */
  static Comparator<Instance> reuse() {
    return Comparator.comparing((Instance i) -> i.getState() != InstanceState.SUSPENDED)
        .thenComparingLong(InstanceOrder::sinceMillis)
        .thenComparing(Instance::getInstanceId);
  }

  /** An empty or unreadable {@code since} sorts first. */
  private static long sinceMillis(Instance instance) {
    return Timestamps.parse(instance.getSince()).map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
  }

  private static int victimRank(Instance instance) {
    return switch (instance.getState()) {
      case UNREACHABLE -> 0;
      case RESERVING -> 2;
      case STAGING -> 3;
      case RUNNING_STATE -> 4;
      default -> 1;
    };
  }
}
