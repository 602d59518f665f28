package io.mooring.sim.agent;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual container: its tasks' states only, all handled on the virtual runner's single event thread. A task with a
 * health check reports TASK_RUNNING, then at once TASK_RUNNING with {@code healthy=true}
 * ({@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED}): the update a passing first check brings.
 */
final class VirtualContainer implements Container {
  private static final Logger log = LoggerFactory.getLogger(VirtualContainer.class);

  private final String containerId;
  private final List<String> taskIds;
  /** Tasks with a valid health check: they pass it at once. */
  private final Set<String> healthChecked;
  private final boolean taskGroup;
  private final TaskStates states;
  private final Executor events;

  VirtualContainer(ContainerLaunch launch, TaskListener listener, Executor events) {
    this.containerId = launch.containerId();
    this.taskIds = launch.tasks().stream().map(TaskInfo::getTaskId).map(id -> id.getValue()).toList();
    this.healthChecked = launch.tasks().stream()
        .filter(t -> t.hasHealthCheck() && HealthChecks.validate(t.getHealthCheck()).isEmpty())
        .map(t -> t.getTaskId().getValue()).collect(Collectors.toSet());
    this.taskGroup = launch.taskGroup();
    this.states = new TaskStates(containerId, listener);
    this.events = events;
  }

  void start() {
    for (String taskId : taskIds) states.report(taskId, TaskState.TASK_STARTING, null);
    for (String taskId : taskIds) states.report(taskId, TaskState.TASK_RUNNING, null);
    // Nothing to probe: a health-checked virtual task is healthy from the start, without waiting delay_seconds.
    for (String taskId : taskIds) {
      if (healthChecked.contains(taskId)) states.reportHealth(taskId, true);
    }
  }

  @Override
  public void kill(Duration gracePeriod) {
    events.execute(() -> {
      log.debug("Killing virtual container {}", containerId);
      killAll("Virtual task killed");
    });
  }

  @Override
  public void end(String taskId, boolean success, String message) {
    events.execute(() -> {
      if (!taskIds.contains(taskId)) {
        log.warn("Cannot end task {}: not in virtual container {}", taskId, containerId);
        return;
      }
      TaskState state = success ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
      if (states.report(taskId, state, message) && taskGroup && !success) killAll("Killed: task " + taskId + " failed");
    });
  }

  private void killAll(String message) {
    for (String taskId : taskIds) states.report(taskId, TaskState.TASK_KILLED, message);
  }
}
