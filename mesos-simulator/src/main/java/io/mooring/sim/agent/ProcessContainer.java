package io.mooring.sim.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container of real processes. Every event (launch, exit, kill, escalation, end, health check result) runs on the
 * container's serial executor, so task state needs no locks and each task's updates stay in order.
 *
 * <p>A task with a {@code health_check} is checked from RUNNING until a kill starts or it ends (see
 * {@link HealthChecker}). After {@code consecutive_failures} failures the task is killed with its kill policy's grace,
 * as the executors do: a command task reports TASK_KILLING first (the master forwards it to frameworks with
 * TASK_KILLING_STATE), and its terminal TASK_KILLED carries {@code healthy=false}. In a task group the others are then
 * killed too, and, as with Mesos' default executor, every later terminal update of the group carries
 * {@code healthy=false}.
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
  /** A health check killed a task: terminal updates from now on say {@code healthy=false}. */
  private boolean unhealthy;

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
      stopHealthCheck(task);
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
    startHealthCheck(task);
    task.process.onExit().whenComplete((process, error) -> serial.execute(() -> exited(task)));
  }

  private void exited(ProcessTask task) {
    stopHealthCheck(task);
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
    stopHealthCheck(task);
    if (!states.report(task.id, state, message, unhealthy ? Boolean.FALSE : null)) return;
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
    stopHealthCheck(task);
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

  private void startHealthCheck(ProcessTask task) {
    if (!task.task.hasHealthCheck() || task.killing || task.forcedState != null) return;
    Optional<String> invalid = HealthChecks.validate(task.task.getHealthCheck());
    if (invalid.isPresent()) {
      // the master refuses such tasks; an executor that gets one anyway runs no check
      log.error("Not health checking task {} of container {}: {}", task.id, containerId, invalid.get());
      return;
    }
    task.health = HealthChecker.start(task, serial, new HealthChecker.Reports() {
      @Override
      public void healthy() {
        states.reportHealth(task.id, true);
      }

      @Override
      public void unhealthy(boolean kill) {
        states.reportHealth(task.id, false);
        if (kill) killUnhealthy(task);
      }
    });
    runner.track(task.health);
  }

  private void stopHealthCheck(ProcessTask task) {
    HealthChecker health = task.health;
    if (health == null) return;
    task.health = null;
    health.stop();
    runner.untrack(health);
  }

  /** The executors' answer to a health check's last allowed failure: a kill with the task's kill policy. */
  private void killUnhealthy(ProcessTask task) {
    if (states.isTerminal(task.id) || task.killing) return;
    log.info("Killing task {} of container {}: it failed its health check {} times in a row", task.id, containerId,
        task.task.getHealthCheck().getConsecutiveFailures());
    unhealthy = true;
    if (!taskGroup) states.report(task.id, TaskState.TASK_KILLING, null); // the command executor's, not the default's
    kill(task, null);
  }
}
