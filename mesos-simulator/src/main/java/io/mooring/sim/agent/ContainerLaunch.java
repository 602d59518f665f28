package io.mooring.sim.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Everything a runner needs to start a container, prepared by the agent: the executor sandbox (already created,
 * with each volume linked at {@code <sandbox>/<container_path>}), the tasks, and the environment Mesos gives them.
 *
 * @param sandbox the executor's run directory ({@code .../executors/<executor-id>/runs/<container-id>})
 * @param tasks one task for a command task, every task of the group for LAUNCH_GROUP
 * @param taskGroup true for LAUNCH_GROUP: each task runs in {@code <sandbox>/containers/<id>}, one failure kills all
 * @param environment the agent's variables (MESOS_SANDBOX, MESOS_TASK_ID, ...) per task id, CommandInfo's included
 * @param volumes container path → host directory, for every persistent volume of the container
 */
public record ContainerLaunch(
    Path sandbox, List<TaskInfo> tasks, boolean taskGroup, Map<String, Map<String, String>> environment,
    Map<String, Path> volumes) {

  /** The container id: the last component of the sandbox path. */
  public String containerId() {
    return sandbox.getFileName().toString();
  }

  /**
   * The task's own sandbox: the executor sandbox for a command task; for a task of a group its nested container
   * directory, read from its MESOS_SANDBOX (which the agent sets last, so CommandInfo cannot override it).
   */
  public Path taskSandbox(String taskId) {
    if (!taskGroup) return sandbox;
    Map<String, String> env = environment.get(taskId);
    String dir = env == null ? null : env.get("MESOS_SANDBOX");
    if (dir == null) throw new IllegalArgumentException("No sandbox known for task " + taskId);
    return Path.of(dir);
  }

  /** The same container restricted to some of its tasks (the agent splits real from virtual tasks). */
  ContainerLaunch only(List<TaskInfo> subset) {
    Map<String, Map<String, String>> env = new LinkedHashMap<>();
    for (TaskInfo task : subset) env.put(task.getTaskId().getValue(), environment.get(task.getTaskId().getValue()));
    return new ContainerLaunch(sandbox, List.copyOf(subset), taskGroup, env, volumes);
  }
}
