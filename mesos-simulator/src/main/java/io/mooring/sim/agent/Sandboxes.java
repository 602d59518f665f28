package io.mooring.sim.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays out a container's sandbox as Mesos does (§7.1): {@code slaves/<agent>/frameworks/<fw>/executors/<exec>/runs/
 * <container>} with a {@code latest} link, stdout and stderr, a link per persistent volume and, for a task group,
 * {@code containers/<id>} per task, holding its SANDBOX_PATH volumes, plus {@code tasks/<task-id>} links. When not
 * materialising, only the paths are computed (and checked): a virtual scale run must not create tens of thousands
 * of directories.
 */
final class Sandboxes {
  private static final Logger log = LoggerFactory.getLogger(Sandboxes.class);

  private final Path workDir;
  private final boolean materialize;
  private final Function<Resource, Path> volumePath;

  Sandboxes(Path workDir, boolean materialize, Function<Resource, Path> volumePath) {
    this.workDir = workDir;
    this.materialize = materialize;
    this.volumePath = volumePath;
  }

  boolean materialize() {
    return materialize;
  }

  ContainerLaunch prepare(LaunchRequest request) {
    String containerId = UUID.randomUUID().toString();
    Path runs = workDir.resolve("slaves").resolve(Ids.requireSafe("agent id", request.agentId()))
        .resolve("frameworks").resolve(Ids.requireSafe("framework id", request.frameworkId()))
        .resolve("executors").resolve(Ids.requireSafe("executor id", request.executorId()))
        .resolve("runs");
    Path sandbox = runs.resolve(containerId);
    Map<String, Path> volumes = volumeMounts(request.volumes(), containerId);

    Map<String, Path> taskSandboxes = new LinkedHashMap<>();
    Map<String, Map<Path, Path>> taskMounts = new LinkedHashMap<>();
    Map<String, Map<String, String>> environment = new LinkedHashMap<>();
    for (TaskInfo task : request.tasks()) {
      String taskId = Ids.requireSafe("task id", task.getTaskId().getValue());
      Path taskSandbox = request.taskGroup()
          ? sandbox.resolve("containers").resolve(UUID.randomUUID().toString())
          : sandbox;
      taskSandboxes.put(taskId, taskSandbox);
      if (request.taskGroup()) taskMounts.put(taskId, SandboxPathVolumes.of(task, sandbox, taskSandbox));
      environment.put(taskId, TaskEnvironment.of(request, task, sandbox, taskSandbox));
    }

    if (materialize) {
      markLatestAgent(request.agentId());
      populate(sandbox);
      volumes.forEach((containerPath, volume) -> linkVolume(sandbox, containerPath, volume));
      Directories.replaceSymlink(runs.resolve("latest"), Path.of(containerId));
      if (request.taskGroup()) linkTaskSandboxes(sandbox, taskSandboxes, taskMounts);
    }
    return new ContainerLaunch(sandbox, List.copyOf(request.tasks()), request.taskGroup(), environment, volumes);
  }

  /** container_path → volume directory; like Mesos, absolute and nested container paths are skipped. */
  private Map<String, Path> volumeMounts(List<Resource> volumeResources, String containerId) {
    Map<String, Path> volumes = new LinkedHashMap<>();
    for (Resource volume : volumeResources) {
      String containerPath = volume.getDisk().getVolume().getContainerPath();
      if (!Ids.isSafeComponent(containerPath)) {
        log.warn("Ignoring volume {} of container {}: container path '{}' is absolute, nested or empty",
            volume.getDisk().getPersistence().getId(), containerId, containerPath);
        continue;
      }
      volumes.put(containerPath, volumePath.apply(volume));
    }
    return volumes;
  }

  private static void populate(Path dir) {
    Directories.mkdirs(dir);
    Directories.touch(dir.resolve("stdout"));
    Directories.touch(dir.resolve("stderr"));
  }

  private static void linkVolume(Path sandbox, String containerPath, Path volume) {
    if (!Files.isDirectory(volume)) log.warn("Volume {} linked into {} does not exist", volume, sandbox);
    Directories.symlink(sandbox.resolve(containerPath), volume);
  }

  /**
   * Each nested sandbox gets only its SANDBOX_PATH volumes: a link at the container path to the source in the
   * executor sandbox, which is created if missing (lstat, as Mesos checks: a dangling volume link stays).
   */
  private void linkTaskSandboxes(Path sandbox, Map<String, Path> taskSandboxes, Map<String, Map<Path, Path>> mounts) {
    Path tasks = Directories.mkdirs(sandbox.resolve("tasks"));
    taskSandboxes.forEach((taskId, taskSandbox) -> {
      populate(taskSandbox);
      mounts.get(taskId).forEach((target, source) -> {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) Directories.mkdirs(source);
        Directories.mkdirs(target.getParent());
        Directories.symlink(target, source);
      });
      // Relative, so the sandbox can be moved or inspected from elsewhere: tasks/<id> -> ../containers/<uuid>.
      Directories.symlink(tasks.resolve(taskId), Path.of("..").resolve(sandbox.relativize(taskSandbox)));
    });
  }

  /** {@code slaves/latest} follows the agent's current id, which changes when it re-registers after a reboot. */
  private void markLatestAgent(String agentId) {
    Path latest = workDir.resolve("slaves").resolve("latest");
    try {
      if (Files.isSymbolicLink(latest) && Files.readSymbolicLink(latest).toString().equals(agentId)) return;
    } catch (IOException e) {
      // unreadable link: replace it below
    }
    Directories.mkdirs(latest.getParent());
    if (!Files.exists(latest, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(latest)) {
      Directories.replaceSymlink(latest, Path.of(agentId));
    }
  }
}
