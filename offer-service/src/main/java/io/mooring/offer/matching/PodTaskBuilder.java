package io.mooring.offer.matching;

import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodCommand;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodImage;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.LinuxInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;

/**
 * The TaskInfo of one pod container in a task group (Marathon TaskGroupBuilder.computeTaskInfo): command, resource
 * limits, Mesos container with the image, the volume mounts and its cgroups, health check, kill policy and labels. A
 * persistent volume lives on the executor; the container sees it at its mount path through a SANDBOX_PATH volume of
 * type PARENT named after the pod volume.
 */
final class PodTaskBuilder {
  private PodTaskBuilder() {}

  /** @param hostPorts the host ports of the container's endpoints that have one, in endpoint order */
  static TaskInfo build(Pod pod, int index, String taskId, Offer offer, List<Resource> resources,
      List<Integer> hostPorts, Map<String, String> environment) {
    PodContainer c = pod.getContainers(index);
    TaskInfo.Builder task = TaskInfo.newBuilder().setName(c.getName()).setTaskId(TaskID.newBuilder().setValue(taskId))
        .setAgentId(offer.getAgentId()).addAllResources(resources).setCommand(command(pod, c, environment))
        .putAllLimits(TaskBuilder.limits(c.getResourceLimits())).setContainer(container(pod, c));
    MesosHealthCheck.of(pod, c, hostPorts).ifPresent(task::setHealthCheck);
    if (c.getLifecycle().hasKillGracePeriodSeconds()) {
      task.setKillPolicy(TaskBuilder.killPolicy(c.getLifecycle().getKillGracePeriodSeconds()));
    }
    if (c.getLabelsCount() > 0) task.setLabels(TaskBuilder.labels(c.getLabelsMap()));
    return task.build();
  }

  /**
   * shell runs in a shell; argv is exec'd (value = argv[0], unless an image keeps its entrypoint because
   * overrideEntrypoint is false); neither: the image's entrypoint runs.
   */
  private static CommandInfo command(Pod pod, PodContainer c, Map<String, String> environment) {
    CommandInfo.Builder command = CommandInfo.newBuilder();
    PodCommand exec = c.getExec().getCommand();
    if (exec.hasShell()) {
      command.setShell(true).setValue(exec.getShell());
    } else {
      command.setShell(false).addAllArguments(exec.getArgvList());
      boolean keepEntrypoint = c.hasImage() && c.getExec().hasOverrideEntrypoint()
          && !c.getExec().getOverrideEntrypoint();
      if (exec.getArgvCount() > 0 && !keepEntrypoint) command.setValue(exec.getArgv(0));
    }
    if (c.hasUser()) command.setUser(c.getUser());
    else if (pod.hasUser()) command.setUser(pod.getUser());
    c.getArtifactsList().forEach(a -> command.addUris(TaskBuilder.uri(a)));
    return command.setEnvironment(TaskBuilder.environment(environment)).build();
  }

  /**
   * A Mesos container with the image and the mounted volumes, and, always, whether it shares the executor's cgroups
   * (Marathon TaskGroupBuilder: legacySharedCgroups, else not; Mesos takes limits only on tasks that do not).
   */
  private static ContainerInfo container(Pod pod, PodContainer c) {
    ContainerInfo.Builder container = ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
        .setLinuxInfo(LinuxInfo.newBuilder().setShareCgroups(pod.getLegacySharedCgroups()));
    if (c.hasImage() && !c.getImage().getId().isEmpty()) container.setMesos(image(c.getImage()));
    for (VolumeMount mount : c.getVolumeMountsList()) volume(pod, mount).ifPresent(container::addVolumes);
    return container.build();
  }

  private static ContainerInfo.MesosInfo image(PodImage image) {
    Image.Builder mesos = Image.newBuilder();
    if (image.getForcePull()) mesos.setCached(false);
    if ("APPC".equals(image.getKind())) {
      mesos.setType(Image.Type.APPC).setAppc(Image.Appc.newBuilder().setName(image.getId()));
    } else {
      mesos.setType(Image.Type.DOCKER).setDocker(Image.Docker.newBuilder().setName(image.getId()));
    }
    return ContainerInfo.MesosInfo.newBuilder().setImage(mesos).build();
  }

  /**
   * A persistent volume through the executor's sandbox, a host volume by its host path; secret volumes need a secret
   * store Mooring does not have and are not mounted.
   */
  static Optional<Volume> volume(Pod pod, VolumeMount mount) {
    Volume.Mode mode = mount.getReadOnly() ? Volume.Mode.RO : Volume.Mode.RW;
    Volume.Builder volume = Volume.newBuilder().setContainerPath(mount.getMountPath()).setMode(mode);
    for (PodVolume v : pod.getVolumesList()) {
      if (!v.getName().equals(mount.getName())) continue;
      if (v.hasPersistent()) {
        return Optional.of(volume.setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.SANDBOX_PATH)
            .setSandboxPath(Volume.Source.SandboxPath.newBuilder()
                .setType(Volume.Source.SandboxPath.Type.PARENT).setPath(v.getName()))).build());
      }
      if (v.hasHost()) return Optional.of(volume.setHostPath(v.getHost()).build());
    }
    return Optional.empty();
  }
}
