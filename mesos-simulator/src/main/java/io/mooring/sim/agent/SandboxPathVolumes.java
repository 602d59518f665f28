package io.mooring.sim.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.Protos.Volume.Source.SandboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SANDBOX_PATH volumes of a task-group task, as the default executor asks for them and the volume/sandbox_path
 * isolator (posix mode: symlinks) lays them out. A nested container sees none of its executor's volumes by itself:
 * only what its {@code ContainerInfo.volumes} link from the executor (parent) sandbox, plus one such volume per disk
 * of its own resources at that disk's container path (default_executor.cpp, LAUNCH_NESTED_CONTAINER).
 */
final class SandboxPathVolumes {
  private static final Logger log = LoggerFactory.getLogger(SandboxPathVolumes.class);

  private SandboxPathVolumes() {}

  /**
   * Link (inside {@code sandbox}) → source (inside {@code parentSandbox}), in the order Mesos mounts them.
   *
   * @throws IllegalArgumentException where the isolator fails the container (the launch then fails)
   */
  static Map<Path, Path> of(TaskInfo task, Path parentSandbox, Path sandbox) {
    Map<Path, Path> mounts = new LinkedHashMap<>();
    for (Volume volume : requested(task)) {
      if (volume.getSource().getType() != Volume.Source.Type.SANDBOX_PATH) continue; // other isolators' business
      Path source = source(parentSandbox, volume.getSource());
      Path target = target(task, sandbox, volume.getContainerPath());
      if (target != null) mounts.put(target, source);
    }
    return mounts;
  }

  /** The task's own volumes, then the default executor's PARENT volume for each disk of the task with a volume. */
  private static List<Volume> requested(TaskInfo task) {
    List<Volume> volumes = new ArrayList<>(task.getContainer().getVolumesList());
    for (Resource resource : task.getResourcesList()) {
      if (!resource.getDisk().hasVolume()) continue;
      Volume own = resource.getDisk().getVolume();
      volumes.add(Volume.newBuilder().setMode(own.getMode()).setContainerPath(own.getContainerPath())
          .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.SANDBOX_PATH)
              .setSandboxPath(SandboxPath.newBuilder().setType(SandboxPath.Type.PARENT)
                  .setPath(own.getContainerPath())))
          .build());
    }
    return volumes;
  }

  /** Mesos' checks and messages (isolators/volume/sandbox_path.cpp); the path is joined as stout's path::join. */
  private static Path source(Path parentSandbox, Volume.Source source) {
    if (!source.hasSandboxPath()) throw new IllegalArgumentException("volume.source.sandbox_path is not specified");
    SandboxPath sandboxPath = source.getSandboxPath();
    if (sandboxPath.getType() != SandboxPath.Type.PARENT) {
      throw new IllegalArgumentException("Only PARENT sandbox path is supported");
    }
    String path = sandboxPath.getPath();
    // Forbidding '.' is also what keeps the source inside the parent sandbox.
    if (path.contains(".") || path.contains(" ")) {
      throw new IllegalArgumentException("Invalid char found in volume.source.sandbox_path.path");
    }
    return parentSandbox.resolve(path.replaceFirst("^/+", ""));
  }

  /**
   * {@code <sandbox>/<container_path>}, or null (skipped with a warning) for a path a symlink in the sandbox cannot
   * stand for: an absolute one needs a bind mount, and one leaving the sandbox would write outside it.
   */
  private static Path target(TaskInfo task, Path sandbox, String containerPath) {
    Path target = sandbox.resolve(containerPath).normalize(); // an absolute path resolves to itself: outside
    if (!target.startsWith(sandbox) || target.equals(sandbox)) {
      log.warn("Ignoring SANDBOX_PATH volume of task {}: container path '{}' is absolute or not inside the sandbox",
          task.getTaskId().getValue(), containerPath);
      return null;
    }
    return target;
  }
}
