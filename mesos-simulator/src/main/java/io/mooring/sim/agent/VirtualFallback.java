package io.mooring.sim.agent;

import java.util.Optional;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Decides which tasks a process agent cannot run for real: the simulator has no image puller or executor binaries,
 * so an image without a command, or a custom executor, runs as a virtual task instead.
 */
final class VirtualFallback {
  private VirtualFallback() {}

  /** The line written to the task's stderr when it goes virtual, or empty if the task can run as a process. */
  static Optional<String> reason(TaskInfo task) {
    // the default executor (task groups) is the simulator itself; only a custom executor's binary is missing
    if (task.hasExecutor() && task.getExecutor().getType() != org.apache.mesos.v1.Protos.ExecutorInfo.Type.DEFAULT) {
      return note("custom executor " + task.getExecutor().getExecutorId().getValue());
    }
    if (task.getCommand().hasValue()) return Optional.empty();
    String image = imageOf(task.getContainer());
    return note(image == null ? "task without a command" : "container image " + image);
  }

  private static Optional<String> note(String what) {
    return Optional.of("mesos-simulator: " + what + " not run; task is virtual");
  }

  private static String imageOf(ContainerInfo container) {
    if (container.hasDocker()) return container.getDocker().getImage();
    if (container.getMesos().hasImage()) {
      var image = container.getMesos().getImage();
      return image.hasDocker() ? image.getDocker().getName() : image.getAppc().getName();
    }
    return null;
  }
}
