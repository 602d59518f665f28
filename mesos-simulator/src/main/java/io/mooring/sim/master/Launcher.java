package io.mooring.sim.master;

import io.mooring.sim.agent.Container;
import io.mooring.sim.agent.LaunchRequest;
import io.mooring.sim.agent.TaskListener;
import io.mooring.sim.resources.ResourceRules;
import io.mooring.sim.resources.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LAUNCH and LAUNCH_GROUP inside an ACCEPT, and the life of the containers they start: runner reports become status
 * updates on the master's thread, kills honour the kill policy's grace period (3 s by default, as the command
 * executor).
 */
final class Launcher {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

  private final Cluster cluster;
  private final Updates updates;

  Launcher(Cluster cluster, Updates updates) {
    this.cluster = cluster;
    this.updates = updates;
  }

  void launch(SimFramework framework, SimAgent agent, String role, Offer.Operation op, Accepts.Pipeline pipeline) {
    boolean group = op.getType() == Offer.Operation.Type.LAUNCH_GROUP;
    TaskStatus.Reason invalid = group ? TaskStatus.Reason.REASON_TASK_GROUP_INVALID : TaskStatus.Reason.REASON_TASK_INVALID;
    List<TaskInfo> tasks = Accepts.tasksOf(op);
    if (op.hasId()) {
      tasks.forEach(t -> error(framework, t, invalid, "The `id` field cannot be set on LAUNCH operations"));
      return;
    }
    if (!group) {
      for (TaskInfo task : tasks) {
        TaskInfo t = task.hasExecutor() && !task.getExecutor().hasFrameworkId()
            ? task.toBuilder().setExecutor(task.getExecutor().toBuilder().setFrameworkId(framework.id)).build() : task;
        Optional<String> error = validate(framework, agent, t, false);
        String executorId = t.hasExecutor() ? t.getExecutor().getExecutorId().getValue() : t.getTaskId().getValue();
        Resources needed = needed(agent, t.getResourcesList(), t.hasExecutor() ? t.getExecutor() : null, executorId);
        if (error.isEmpty() && !pipeline.remaining.contains(needed)) error = Optional.of(notAvailable(needed, pipeline));
        if (error.isPresent()) {
          error(framework, t, invalid, error.get());
          continue;
        }
        start(framework, agent, role, List.of(t), false, t.hasExecutor() ? t.getExecutor() : null, executorId, needed,
            pipeline);
      }
      return;
    }
    ExecutorInfo executor = op.getLaunchGroup().getExecutor().toBuilder().setFrameworkId(framework.id).build();
    String executorId = executor.getExecutorId().getValue();
    List<TaskInfo> withExecutor = tasks.stream().map(t -> t.toBuilder().setExecutor(executor).build()).toList();
    Optional<String> error = TaskRules.group(executor, withExecutor);
    List<Resource> all = new ArrayList<>();
    for (TaskInfo t : withExecutor) {
      if (error.isEmpty()) error = validate(framework, agent, t, true);
      all.addAll(t.getResourcesList());
    }
    Resources needed = needed(agent, all, executor, executorId);
    if (error.isEmpty() && !pipeline.remaining.contains(needed)) error = Optional.of(notAvailable(needed, pipeline));
    if (error.isPresent()) {
      String message = error.get();
      withExecutor.forEach(t -> error(framework, t, invalid, message));
      return;
    }
    start(framework, agent, role, withExecutor, true, executor, executorId, needed, pipeline);
  }

  private Optional<String> validate(SimFramework framework, SimAgent agent, TaskInfo task, boolean inGroup) {
    ExecutorInfo existing = task.hasExecutor() && !inGroup
        ? agent.executors.get(task.getExecutor().getExecutorId().getValue()) : null;
    return TaskRules.task(task, framework.idValue(), agent.id,
        // the agent keys tasks by id alone, so an id another framework runs there is refused as a duplicate too
        id -> framework.tasks.containsKey(id) || framework.unreachableTasks.containsKey(id) || agent.tasks.containsKey(id),
        existing, inGroup);
  }

  /** Task resources, plus the executor's when this launch starts a new executor. */
  private static Resources needed(SimAgent agent, List<Resource> taskResources, ExecutorInfo executor, String executorId) {
    Resources needed = Resources.of(taskResources);
    if (executor != null && !agent.executors.containsKey(executorId)) needed = needed.plus(Resources.of(executor.getResourcesList()));
    return needed;
  }

  private static String notAvailable(Resources needed, Accepts.Pipeline pipeline) {
    return "Total resources " + needed + " required by task and its executor is more than available "
        + pipeline.remaining;
  }

  private void error(SimFramework framework, TaskInfo task, TaskStatus.Reason reason, String message) {
    updates.fromMaster(framework, task.getTaskId(), task.getAgentId().getValue(), TaskState.TASK_ERROR, reason, message);
  }

  private void start(SimFramework framework, SimAgent agent, String role, List<TaskInfo> tasks, boolean group,
      ExecutorInfo executor, String executorId, Resources needed, Accepts.Pipeline pipeline) {
    pipeline.remaining.subtract(needed);
    agent.available.subtract(needed.unallocated());
    if (executor != null) agent.executors.putIfAbsent(executorId, executor);
    List<Resource> volumes = new ArrayList<>();
    for (TaskInfo task : tasks) {
      SimTask simTask = new SimTask(task, framework.info, executorId, Resources.of(task.getResourcesList()), group);
      framework.tasks.put(simTask.id(), simTask);
      agent.tasks.put(simTask.id(), simTask);
      task.getResourcesList().stream().filter(ResourceRules::isPersistentVolume).forEach(volumes::add);
    }
    if (executor != null) executor.getResourcesList().stream().filter(ResourceRules::isPersistentVolume).forEach(volumes::add);
    LaunchRequest request = new LaunchRequest(agent.id, framework.idValue(), executorId, role, tasks, group,
        framework.info.getCheckpoint(), volumes, agent.info.getHostname() + ":" + agent.info.getPort());
    String agentId = agent.id;
    Container container;
    try {
      container = agent.host.launch(request, new TaskListener() {
        @Override
        public void onState(String taskId, TaskState state, String message) {
          onStatus(taskId, state, message, null, null);
        }

        @Override
        public void onStatus(String taskId, TaskState state, String message, Boolean healthy,
            TaskStatus.Reason reason) {
          cluster.post(() -> fromRunner(agent, agentId, taskId, state, message, healthy, reason));
        }
      });
    } catch (RuntimeException e) {
      log.warn("Agent {} could not launch {}: {}", agent.id, executorId, e.toString());
      for (TaskInfo task : tasks) {
        updates.fromAgent(agent, agent.tasks.get(task.getTaskId().getValue()), TaskState.TASK_FAILED,
            TaskStatus.Source.SOURCE_AGENT, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, e.getMessage());
      }
      return;
    }
    tasks.forEach(t -> agent.containers.put(t.getTaskId().getValue(), container));
    log.info("Launched {} on agent {} for framework {}", tasks.stream().map(t -> t.getTaskId().getValue()).toList(),
        agent.id, framework.idValue());
  }

  /**
   * A runner's report, on the master's thread; reports from a container of a previous agent life are ignored. A
   * health update counts only while the task runs (a KILLING the master already sent stops them, as the executor's
   * own would), and the runner's TASK_KILLING (a health check kill) goes where the master would send its own.
   */
  private void fromRunner(SimAgent agent, String agentId, String taskId, TaskState state, String message,
      Boolean healthy, TaskStatus.Reason reason) {
    if (!agent.id.equals(agentId)) return;
    SimTask task = agent.tasks.get(taskId);
    // an unreachable agent's tasks go on: their updates wait in the agent's stream until it is back
    if (task == null || SimTask.isTerminal(task.state)) return;
    boolean running = task.state == TaskState.TASK_RUNNING || task.state == TaskState.TASK_UNREACHABLE;
    if (reason == TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED && !running) return;
    if (state == TaskState.TASK_KILLING && !(task.state == TaskState.TASK_RUNNING && sendsKilling(task))) return;
    updates.fromAgent(agent, task, state, TaskStatus.Source.SOURCE_EXECUTOR, reason, message, healthy);
    if (SimTask.isTerminal(state)) agent.containers.remove(taskId);
  }

  /** The command executor sends TASK_KILLING to frameworks that can take it; the default executor never does. */
  private boolean sendsKilling(SimTask task) {
    SimFramework framework = cluster.frameworks.get(task.frameworkId.getValue());
    return task.info.hasCommand() && !task.taskGroup && framework != null
        && framework.has(FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
  }

  /**
   * KILL: the container's tasks (the whole group for a task group) get SIGTERM, then SIGKILL after the grace
   * period. An agent that cannot be reached gets the kill when it is back.
   */
  void kill(SimAgent agent, SimTask task, KillPolicy override) {
    if (!agent.reachable()) {
      agent.pendingKills.add(task.id());
      return;
    }
    Container container = agent.containers.get(task.id());
    if (container == null) return;
    KillPolicy policy = override != null ? override : task.info.hasKillPolicy() ? task.info.getKillPolicy() : null;
    Duration grace = policy != null && policy.hasGracePeriod()
        ? Duration.ofNanos(policy.getGracePeriod().getNanoseconds()) : DEFAULT_GRACE;
    if (sendsKilling(task) && task.state == TaskState.TASK_RUNNING) {
      updates.fromAgent(agent, task, TaskState.TASK_KILLING, TaskStatus.Source.SOURCE_EXECUTOR, null, null);
    }
    container.kill(grace);
  }

  /** Executor shutdown on framework removal: the container killed with no update sent to anyone. */
  void shutDown(SimAgent agent, SimTask task) {
    Container container = agent.containers.remove(task.id());
    if (container != null) container.kill(DEFAULT_GRACE);
  }
}
