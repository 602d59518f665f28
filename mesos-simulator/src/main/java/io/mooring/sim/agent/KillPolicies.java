package io.mooring.sim.agent;

import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskInfo;

/** The grace period between SIGTERM and SIGKILL. */
final class KillPolicies {
  /** Mesos' default between SIGTERM and SIGKILL when neither the KILL call nor the task sets one (§7.4). */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

  private KillPolicies() {}

  /** The caller's grace if given, else the task's kill_policy, else 3 s. */
  static Duration grace(Duration requested, TaskInfo task) {
    if (requested != null) return requested.isNegative() ? Duration.ZERO : requested;
    if (task.getKillPolicy().hasGracePeriod()) {
      return Duration.ofNanos(Math.max(0, task.getKillPolicy().getGracePeriod().getNanoseconds()));
    }
    return DEFAULT_GRACE;
  }
}
