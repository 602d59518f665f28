package io.mooring.offer.matching;

import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodCommand;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodExec;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.Resources;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/** Pods, their instances and launch requests, shaped as definition-service normalises them. */
final class PodFixtures {
  private PodFixtures() {}

  /** A pod with the default executor resources and the given persistent volumes and containers. */
  static Pod.Builder pod(String id, List<PodVolume> volumes, PodContainer... containers) {
    return Pod.newBuilder().setId(id).setVersion(Fixtures.VERSION).addAllVolumes(volumes)
        .addAllContainers(List.of(containers));
  }

  static PodVolume volume(String name, String type, int size) {
    return PodVolume.newBuilder().setName(name)
        .setPersistent(PersistentVolumeInfo.newBuilder().setType(type).setSize(size)).build();
  }

  static PodContainer.Builder container(String name, double cpus, double mem, String shell) {
    return PodContainer.newBuilder().setName(name)
        .setResources(Resources.newBuilder().setCpus(cpus).setMem(mem).setDisk(0).setGpus(0))
        .setExec(PodExec.newBuilder().setCommand(PodCommand.newBuilder().setShell(shell)));
  }

  static VolumeMount mount(String name, String mountPath) {
    return VolumeMount.newBuilder().setName(name).setMountPath(mountPath).setReadOnly(false).build();
  }

  /** An endpoint; hostPort null leaves it out. */
  static Endpoint endpoint(String name, Integer hostPort) {
    Endpoint.Builder e = Endpoint.newBuilder().setName(name).addProtocol("tcp");
    if (hostPort != null) e.setHostPort(hostPort);
    return e.build();
  }

  /** A scheduled instance with a persistence id per persistent volume: container_path is the volume name. */
  static Instance instance(Pod pod, int n) {
    String safe = Fixtures.safeId(pod.getId());
    List<LocalVolume> volumes = new ArrayList<>();
    for (PodVolume v : pod.getVolumesList()) {
      if (!v.hasPersistent()) continue;
      String uuid = "uuid-" + n + "-" + v.getName();
      volumes.add(LocalVolume.newBuilder().setRunSpecId(pod.getId()).setContainerPath(v.getName()).setUuid(uuid)
          .setPersistenceId(safe + "#" + v.getName() + "#" + uuid).build());
    }
    return Instance.newBuilder().setInstanceId(safe + ".instance-" + n).setRunSpecId(pod.getId())
        .setConfigVersion(Fixtures.VERSION).setRole(Fixtures.ROLE).addAllVolumes(volumes).build();
  }

  static LaunchRequest first(Pod pod, Instance instance) {
    return LaunchRequest.newBuilder().setInstance(instance).setSpec(RunSpec.newBuilder().setPod(pod)).build();
  }

  static LaunchRequest relaunch(Pod pod, Instance instance) {
    return first(pod, instance).toBuilder().setOnReservation(true).build();
  }

  /** The instance as reservation-service holds it once the tasks of {@code launch} ended. */
  static Instance suspended(Instance instance, Launch launch) {
    return instance.toBuilder().setIncarnation(launch.tasks().get(0).getIncarnation())
        .setReservation(launch.reservation()).addAllTasks(launch.tasks()).build();
  }

  /**
   * What a first placement leaves reserved, as Mesos re-offers it: the RESERVE'd resources with each volume disk
   * replaced by the volume CREATE made of it (RESERVE lists the volume disks last, in CREATE's order).
   */
  static List<Resource> reservedBy(Launch launch) {
    List<Resource> reserved = new ArrayList<>(launch.operations().get(0).getReserve().getResourcesList());
    List<Resource> volumes = launch.operations().stream().filter(op -> op.getType() == Offer.Operation.Type.CREATE)
        .flatMap(op -> op.getCreate().getVolumesList().stream()).toList();
    int first = reserved.size() - volumes.size();
    for (int i = 0; i < volumes.size(); i++) reserved.set(first + i, volumes.get(i));
    return reserved;
  }

  static Offer.Operation.LaunchGroup launchGroup(Launch launch) {
    return launch.operations().get(launch.operations().size() - 1).getLaunchGroup();
  }
}
