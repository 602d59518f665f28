package io.mooring.sim.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A virtual container: its tasks' states only, all handled on the virtual runner's single event thread. */
final class VirtualContainer implements Container {
  private static final Logger log = LoggerFactory.getLogger(VirtualContainer.class);

  private final String containerId;
  private final List<String> taskIds;
  private final boolean taskGroup;
  private final TaskStates states;
  private final Executor events;

  VirtualContainer(ContainerLaunch launch, TaskListener listener, Executor events) {
    this.containerId = launch.containerId();
    this.taskIds = launch.tasks().stream().map(TaskInfo::getTaskId).map(id -> id.getValue()).toList();
    this.taskGroup = launch.taskGroup();
    this.states = new TaskStates(containerId, listener);
    this.events = events;
  }

  void start() {
    for (String taskId : taskIds) states.report(taskId, TaskState.TASK_STARTING, null);
    for (String taskId : taskIds) states.report(taskId, TaskState.TASK_RUNNING, null);
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
