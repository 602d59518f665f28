package io.mooring.reservation.core;

import io.mooring.proto.v1.Garbage;

/** What the shell must do after storing a transition. */
public sealed interface SideEffect {
  /** Resources that may have been reserved and that no instance wants any more: volume-gc-service cleans them. */
  record RecordGarbage(Garbage garbage) implements SideEffect {}

  /**
   * A status for a task that is not the instance's current one, in an active state: kill it. {@code agentId} is
   * empty when the instance no longer knows the agent; the shell may take it from the status report.
   */
  record KillStray(String taskId, String agentId) implements SideEffect {}
}
