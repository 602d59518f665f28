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
 * {@code containers/<id>} per task plus {@code tasks/<task-id>} links. When not materialising, only the paths are
 * computed: a virtual scale run must not create tens of thousands of directories.
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
    Map<String, Map<String, String>> environment = new LinkedHashMap<>();
    for (TaskInfo task : request.tasks()) {
      String taskId = Ids.requireSafe("task id", task.getTaskId().getValue());
      Path taskSandbox = request.taskGroup()
          ? sandbox.resolve("containers").resolve(UUID.randomUUID().toString())
          : sandbox;
      taskSandboxes.put(taskId, taskSandbox);
      environment.put(taskId, TaskEnvironment.of(request, task, sandbox, taskSandbox));
    }

    if (materialize) {
      markLatestAgent(request.agentId());
      populate(sandbox, volumes);
      Directories.replaceSymlink(runs.resolve("latest"), Path.of(containerId));
      if (request.taskGroup()) linkTaskSandboxes(sandbox, taskSandboxes, volumes);
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

  private void populate(Path dir, Map<String, Path> volumes) {
    Directories.mkdirs(dir);
    Directories.touch(dir.resolve("stdout"));
    Directories.touch(dir.resolve("stderr"));
    volumes.forEach((containerPath, volume) -> {
      if (!Files.isDirectory(volume)) log.warn("Volume {} linked into {} does not exist", volume, dir);
      Directories.symlink(dir.resolve(containerPath), volume);
    });
  }

  /** Nested sandboxes see the volumes at their own container path too (the default executor's SANDBOX_PATH). */
  private void linkTaskSandboxes(Path sandbox, Map<String, Path> taskSandboxes, Map<String, Path> volumes) {
    Path tasks = Directories.mkdirs(sandbox.resolve("tasks"));
    taskSandboxes.forEach((taskId, taskSandbox) -> {
      populate(taskSandbox, volumes);
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
