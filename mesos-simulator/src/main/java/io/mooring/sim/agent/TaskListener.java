package io.mooring.sim.agent;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What a runner reports about a task: STARTING, RUNNING, then one of FINISHED, FAILED, KILLED (a health check kill
 * of a command task also reports KILLING first). Each state at most once, nothing after the terminal one, in order
 * per task, except health updates: TASK_RUNNING again, with {@code healthy} set and
 * {@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED}, as the Mesos executors send them. Called from a runner thread,
 * possibly before {@link AgentHost#launch} has returned; message may be null for STARTING and RUNNING.
 */
@FunctionalInterface
public interface TaskListener {
  void onState(String taskId, TaskState state, String message);

  /**
   * Every report goes through here; the default drops the health fields, for listeners that only follow states.
   *
   * @param healthy null unless the update says something about health: true or false on a health update, false on
   *     the terminal update of a task killed by its health check
   * @param reason null, or {@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED} on a health update
   */
  default void onStatus(String taskId, TaskState state, String message, Boolean healthy, TaskStatus.Reason reason) {
    onState(taskId, state, message);
  }
}
