package io.mooring.sim.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The states a container has reported per task, guarding the listener: each state once, nothing after a terminal
 * state; health updates only while the task is RUNNING. Not thread-safe: a container confines it to its own serial executor, which is what keeps each task's
 * updates in order.
 */
final class TaskStates {
  private static final Logger log = LoggerFactory.getLogger(TaskStates.class);
  private static final Set<TaskState> TERMINAL = Set.of(
      TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_ERROR,
      TaskState.TASK_LOST, TaskState.TASK_DROPPED, TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

  private final String containerId;
  private final TaskListener listener;
  private final Map<String, TaskState> latest = new HashMap<>();

  TaskStates(String containerId, TaskListener listener) {
    this.containerId = containerId;
    this.listener = listener;
  }

  static boolean isTerminal(TaskState state) {
    return TERMINAL.contains(state);
  }

  /** Default executor semantics: a task that fails or is killed takes the rest of its group down with it. */
  static boolean killsGroup(TaskState state) {
    return state == TaskState.TASK_FAILED || state == TaskState.TASK_KILLED;
  }

  boolean isTerminal(String taskId) {
    TaskState state = latest.get(taskId);
    return state != null && isTerminal(state);
  }

  /** Reports the state unless the task already has it or already ended; true if the listener was called. */
  boolean report(String taskId, TaskState state, String message) {
    return report(taskId, state, message, null);
  }

  /** The same, with {@code healthy} set when not null (a terminal update after a health check kill). */
  boolean report(String taskId, TaskState state, String message, Boolean healthy) {
    TaskState previous = latest.get(taskId);
    if (previous == state || (previous != null && isTerminal(previous))) return false;
    latest.put(taskId, state);
    log.debug("Task {} of container {}: {} ({})", taskId, containerId, state, message);
    call(taskId, state, message, healthy, null);
    return true;
  }

  /**
   * A health update: TASK_RUNNING again with {@code healthy} and {@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED},
   * sent only while the task is RUNNING (the executors send none once a kill started or the task ended).
   */
  boolean reportHealth(String taskId, boolean healthy) {
    if (latest.get(taskId) != TaskState.TASK_RUNNING) return false;
    log.debug("Task {} of container {}: healthy {}", taskId, containerId, healthy);
    call(taskId, TaskState.TASK_RUNNING, null, healthy, TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED);
    return true;
  }

  private void call(String taskId, TaskState state, String message, Boolean healthy, TaskStatus.Reason reason) {
    try {
      listener.onStatus(taskId, state, message, healthy, reason);
    } catch (RuntimeException e) {
      // A failing listener must not stall the container's other updates.
      log.error("Listener failed on {} of task {} in container {}", state, taskId, containerId, e);
    }
  }
}
