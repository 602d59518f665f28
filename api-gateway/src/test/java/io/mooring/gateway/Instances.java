package io.mooring.gateway;

import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;

/** Instances as reservation-service reports them, named as Mooring names them, for tests to start from. */
public final class Instances {
  public static final String VERSION = "2026-01-02T03:04:05.678Z";
  public static final String STAGED_AT = "2026-01-02T03:05:00.000Z";
  public static final String STARTED_AT = "2026-01-02T03:05:10.000Z";

  private Instances() {}

  /** {@code group_app} for {@code /group/app}. */
  public static String safeId(String runSpecId) {
    return runSpecId.replaceAll("^/+", "").replace('/', '_');
  }

  public static String instanceId(String appId, String uuid) {
    return safeId(appId) + ".instance-" + uuid;
  }

  /** The first incarnation of the app's task in the instance {@code uuid}. */
  public static String taskId(String appId, String uuid) {
    return instanceId(appId, uuid) + "._app.1";
  }

  /** An app instance that waits for its first offer: goal Running, scheduled, one volume, no agent, no task. */
  public static Instance.Builder scheduled(String appId, String uuid) {
    return Instance.newBuilder()
        .setInstanceId(instanceId(appId, uuid)).setKind(RunSpecKind.APP).setRunSpecId(appId)
        .setRunSpecVersion(VERSION).setGoal(Goal.RUNNING).setState(InstanceState.SCHEDULED)
        .setRole("mooring").setSince(STAGED_AT)
        .addVolumes(LocalVolume.newBuilder().setRunSpecId(appId).setContainerPath("data").setUuid(uuid)
            .setPersistenceId(safeId(appId) + "#data#" + uuid));
  }

  /** An app instance on {@code host} (agent {@code agent-<host>}) whose one task is in {@code mesosState}. */
  public static Instance.Builder placed(String appId, String uuid, String host, String mesosState) {
    InstanceState state = switch (mesosState) {
      case "TASK_RUNNING" -> InstanceState.RUNNING_STATE;
      case "TASK_STAGING", "TASK_STARTING", "" -> InstanceState.STAGING;
      case "TASK_UNREACHABLE" -> InstanceState.UNREACHABLE;
      default -> InstanceState.SUSPENDED;
    };
    Task.Builder task = Task.newBuilder().setTaskId(taskId(appId, uuid)).setIncarnation(1)
        .setMesosState(mesosState).setStagedAt(STAGED_AT).setRunSpecVersion(VERSION).addHostPorts(31000);
    if (mesosState.equals("TASK_RUNNING")) {
      task.setStartedAt(STARTED_AT);
    }
    return scheduled(appId, uuid).setState(state).setIncarnation(1)
        .setReservation(Reservation.newBuilder().setAgentId("agent-" + host).setHostname(host).setConfirmed(true))
        .addTasks(task);
  }

  /** The first incarnation of {@code container}'s task in the pod instance {@code uuid}. */
  public static String podTaskId(String podId, String uuid, String container) {
    return instanceId(podId, uuid) + "." + container + ".1";
  }

  /** A pod instance that waits for its first offer, with the volume {@code pst}. */
  public static Instance.Builder podScheduled(String podId, String uuid) {
    return scheduled(podId, uuid).setKind(RunSpecKind.POD).clearVolumes()
        .addVolumes(LocalVolume.newBuilder().setRunSpecId(podId).setContainerPath("pst").setUuid(uuid)
            .setPersistenceId(safeId(podId) + "#pst#" + uuid));
  }

  /**
   * A pod instance on {@code host} as {@link #placed} places an app's, with one task per container, all in
   * {@code mesosState}, the n-th container on host port 31000 + n.
   */
  public static Instance.Builder podPlaced(String podId, String uuid, String host, String mesosState,
      String... containers) {
    Instance app = placed(podId, uuid, host, mesosState).build();
    Instance.Builder pod = podScheduled(podId, uuid).setState(app.getState()).setIncarnation(1)
        .setReservation(app.getReservation());
    for (int i = 0; i < containers.length; i++) {
      pod.addTasks(app.getTasks(0).toBuilder().setTaskId(podTaskId(podId, uuid, containers[i]))
          .setHostPorts(0, 31001 + i));
    }
    return pod;
  }

  /** The instance with each of its volumes reserved on a disk of {@code size} MiB from {@code source}. */
  public static Instance.Builder withVolumeDisks(Instance.Builder instance, DiskSource source, double size) {
    for (LocalVolume volume : instance.getVolumesList()) {
      instance.getReservationBuilder().addResources(volumeDisk(volume.getPersistenceId(), volume.getContainerPath(),
          source, size));
    }
    return instance;
  }

  /** A persistent volume as offer-service records a reserved resource. */
  public static ReservedResource volumeDisk(String persistenceId, String containerPath, DiskSource source,
      double size) {
    return ReservedResource.newBuilder().setName("disk").setScalar(size).setDiskSource(source)
        .setPersistenceId(persistenceId).setContainerPath(containerPath).setRole("mooring").build();
  }
}
