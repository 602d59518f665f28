package io.mooring.sim.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container of real processes. Every event (launch, exit, kill, escalation, end) runs on the container's serial
 * executor, so task state needs no locks and each task's updates stay in order.
 */
final class ProcessContainer implements Container {
  private static final Logger log = LoggerFactory.getLogger(ProcessContainer.class);

  private final String containerId;
  private final boolean taskGroup;
  private final Map<String, ProcessTask> tasks = new LinkedHashMap<>();
  private final TaskStates states;
  private final SerialExecutor serial;
  private final ScheduledExecutorService timers;
  private final ProcessRunner runner;

  ProcessContainer(ContainerLaunch launch, TaskListener listener, ScheduledExecutorService pool, ProcessRunner runner) {
    this.containerId = launch.containerId();
    this.taskGroup = launch.taskGroup();
    for (TaskInfo task : launch.tasks()) {
      String id = task.getTaskId().getValue();
      tasks.put(id, new ProcessTask(task, launch.taskSandbox(id), launch.environment().get(id)));
    }
    this.states = new TaskStates(containerId, listener);
    this.serial = new SerialExecutor(pool);
    this.timers = pool;
    this.runner = runner;
  }

  void start() {
    for (ProcessTask task : tasks.values()) serial.execute(() -> launch(task));
  }

  @Override
  public void kill(Duration gracePeriod) {
    serial.execute(() -> tasks.values().forEach(task -> kill(task, gracePeriod)));
  }

  @Override
  public void end(String taskId, boolean success, String message) {
    serial.execute(() -> {
      ProcessTask task = tasks.get(taskId);
      if (task == null) {
        log.warn("Cannot end task {}: not in container {}", taskId, containerId);
        return;
      }
      if (states.isTerminal(taskId)) return;
      task.forcedState = success ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
      task.forcedMessage = message;
      log.info("Ending task {} of container {} as {}: {}", taskId, containerId, task.forcedState, message);
      task.forceKill(); // the exit handler reports the forced outcome once the process is gone
    });
  }

  private void launch(ProcessTask task) {
    states.report(task.id, TaskState.TASK_STARTING, null);
    try {
      task.process = task.startProcess();
    } catch (IOException | RuntimeException e) {
      log.warn("Failed to launch task {} of container {}: {}", task.id, containerId, e.toString());
      finish(task, TaskState.TASK_FAILED, "Failed to launch command: " + e.getMessage());
      return;
    }
    runner.track(task.process);
    log.info("Started task {} of container {} as pid {}: {}", task.id, containerId, task.process.pid(),
        ProcessTask.command(task.task.getCommand()));
    states.report(task.id, TaskState.TASK_RUNNING, null);
    task.process.onExit().whenComplete((process, error) -> serial.execute(() -> exited(task)));
  }

  private void exited(ProcessTask task) {
    runner.untrack(task.process);
    int status = task.process.exitValue();
    String exit = ProcessTask.describeExit(status);
    log.info("Task {} of container {} (pid {}) ended: {}", task.id, containerId, task.process.pid(), exit);
    if (task.forcedState != null) {
      finish(task, task.forcedState, task.forcedMessage);
    } else if (task.killing) {
      finish(task, TaskState.TASK_KILLED, "Task killed: " + exit);
    } else {
      finish(task, status == 0 ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED, exit);
    }
  }

  private void finish(ProcessTask task, TaskState state, String message) {
    if (!states.report(task.id, state, message)) return;
    if (taskGroup && TaskStates.killsGroup(state)) {
      for (ProcessTask other : tasks.values()) {
        if (other != task && !states.isTerminal(other.id)) {
          log.info("Killing task {} of container {}: task {} of its group ended {}", other.id, containerId, task.id,
              state);
          kill(other, null);
        }
      }
    }
  }

  /** SIGTERM now, SIGKILL at the grace deadline; a later kill with a shorter grace brings the SIGKILL forward. */
  private void kill(ProcessTask task, Duration requestedGrace) {
    if (states.isTerminal(task.id) || task.process == null) return;
    Duration grace = KillPolicies.grace(requestedGrace, task.task);
    long deadline = System.nanoTime() + grace.toNanos();
    if (task.killing) {
      if (deadline - task.killDeadlineNanos >= 0) return;
    } else {
      task.killing = true;
      log.info("Killing task {} of container {} (pid {}): SIGTERM, SIGKILL after {}", task.id, containerId,
          task.process.pid(), grace);
      task.terminate();
    }
    task.killDeadlineNanos = deadline;
    timers.schedule(() -> serial.execute(() -> escalate(task)), grace.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void escalate(ProcessTask task) {
    if (task.forceKill()) {
      log.info("Task {} of container {} outlived its grace period: SIGKILL", task.id, containerId);
    }
  }
}
