package io.mooring.sim.agent;

import java.time.Duration;

/**
 * A started container (executor) and its tasks. Both methods only enqueue work and return at once; the resulting
 * updates reach the listener later, on a runner thread (never on the calling thread).
 */
public interface Container {
  /**
   * Kills every task of the container: SIGTERM, then SIGKILL after the grace period. Idempotent; a later call with
   * a shorter grace brings the SIGKILL forward. A null grace means each task's {@code kill_policy}, else 3 s. Virtual
   * tasks are killed at once whatever the grace.
   */
  void kill(Duration gracePeriod);

  /**
   * Ends one task as if its command had exited by itself (control API: fail or finish a task): FINISHED or FAILED
   * with this message. In a task group a failure kills the other tasks. Ignored for an unknown or ended task.
   */
  void end(String taskId, boolean success, String message);
}
