package io.mooring.reservation.core;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Container;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodCommand;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodExec;
import io.mooring.proto.v1.PodScaling;
import io.mooring.proto.v1.PodScheduling;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.UpgradeStrategy;
import io.mooring.proto.v1.VersionInfo;
import io.mooring.proto.v1.Volume;
import java.util.List;

/** Instances, specs and ids for the core's tests. */
final class Fixtures {
  static final String APP = "/db";
  static final String INSTANCE = "db.instance-1";
  static final String TASK = INSTANCE + "._app.1";
  static final String AGENT = "agent-1";
  static final long T0 = 1_700_000_000_000L;
  static final long DEADLINE = T0 + 20_000;

  private Fixtures() {}

  /** Deterministic ids: u1, u2, ... */
  static final class CountingIds implements IdSource {
    private int next;

    @Override
    public String uuid() {
      return "u" + (++next);
    }
  }

  static RunSpec app(int instances, String version, String configVersion, double minimumHealthCapacity) {
    App app = App.newBuilder().setId(APP).setInstances(instances).setCmd("sleep 1000")
        .setVersion(version)
        .setVersionInfo(VersionInfo.newBuilder().setLastConfigChangeAt(configVersion).setLastScalingAt(version))
        .setUpgradeStrategy(UpgradeStrategy.newBuilder().setMinimumHealthCapacity(minimumHealthCapacity)
            .setMaximumOverCapacity(0))
        .setContainer(Container.newBuilder().setType("MESOS").addVolumes(Volume.newBuilder()
            .setContainerPath("data").setMode("RW").setPersistent(PersistentVolumeInfo.newBuilder().setSize(10))))
        .build();
    return RunSpec.newBuilder().setApp(app).build();
  }

  /**
   * A resident pod {@link #APP} of two containers, "web" and "sidecar"; {@code checked}: web has a health check
   * (exec, which Mesos runs), the sidecar none.
   */
  static RunSpec pod(int instances, String version, double minimumHealthCapacity, boolean checked) {
    PodContainer.Builder web = PodContainer.newBuilder().setName("web")
        .setExec(PodExec.newBuilder().setCommand(PodCommand.newBuilder().setShell("sleep 1000")));
    if (checked) {
      web.setHealthCheck(Struct.newBuilder().putFields("exec", Value.newBuilder().setStructValue(Struct.newBuilder()
          .putFields("command", Value.newBuilder().setStructValue(Struct.newBuilder()
              .putFields("shell", Value.newBuilder().setStringValue("true").build())).build())).build()));
    }
    Pod pod = Pod.newBuilder().setId(APP).setVersion(version)
        .setScaling(PodScaling.newBuilder().setInstances(instances))
        .setScheduling(PodScheduling.newBuilder().setUpgrade(UpgradeStrategy.newBuilder()
            .setMinimumHealthCapacity(minimumHealthCapacity).setMaximumOverCapacity(0)))
        .addVolumes(PodVolume.newBuilder().setName("data").setPersistent(PersistentVolumeInfo.newBuilder().setSize(10)))
        .addContainers(web)
        .addContainers(PodContainer.newBuilder().setName("sidecar")
            .setExec(PodExec.newBuilder().setCommand(PodCommand.newBuilder().setShell("sleep 1000"))))
        .build();
    return RunSpec.newBuilder().setPod(pod).build();
  }

  static RunSpec app(int instances) {
    return app(instances, "v1", "v1", 0.5);
  }

  static LocalVolume volume(String uuid) {
    return LocalVolume.newBuilder().setRunSpecId(APP).setContainerPath("data").setUuid(uuid)
        .setPersistenceId("db#data#" + uuid).build();
  }

  static Reservation reservation(boolean confirmed, String... operationIds) {
    return Reservation.newBuilder().setAgentId(AGENT).setHostname("host-1")
        .addResources(ReservedResource.newBuilder().setName("cpus").setScalar(1).setRole("mooring"))
        .addResources(ReservedResource.newBuilder().setName("disk").setScalar(10).setPersistenceId("db#data#v")
            .setContainerPath("data").setRole("mooring"))
        .addVolumes(volume("v"))
        .addAllOperationIds(List.of(operationIds))
        .setDeadlineMillis(DEADLINE)
        .setConfirmed(confirmed).build();
  }

  static Task task(String taskId, int incarnation, String mesosState) {
    return Task.newBuilder().setTaskId(taskId).setIncarnation(incarnation).setMesosState(mesosState)
        .setRunSpecVersion("v1").build();
  }

  /** The master's answer to reconciling a task it does not know. */
  static InstanceEvent.TaskUpdate unknownToMesos(String taskId, long nowMillis) {
    return new InstanceEvent.TaskUpdate(taskId, "TASK_UNKNOWN", "REASON_RECONCILIATION",
        "Reconciliation: Task is unknown", nowMillis);
  }

  /** A scheduled instance, as the planner creates it. */
  static Instance scheduled(String instanceId) {
    return Instance.newBuilder().setInstanceId(instanceId).setKind(RunSpecKind.APP).setRunSpecId(APP)
        .setRunSpecVersion("v1").setConfigVersion("v1").setGoal(Goal.RUNNING).setState(InstanceState.SCHEDULED)
        .addVolumes(volume("v")).setRole("mooring").setSince(Timestamps.format(T0)).setUpdatedMillis(T0).build();
  }

  /** A typical instance of {@link #INSTANCE} in the given state, with its first task {@link #TASK}. */
  static Instance in(InstanceState state) {
    Instance.Builder instance = scheduled(INSTANCE).toBuilder().setState(state);
    switch (state) {
      case SCHEDULED -> { }
      case RESERVING -> instance.setReservation(reservation(false, "op-1", "op-2")).addTasks(task(TASK, 1, ""));
      case STAGING -> instance.setReservation(reservation(false, "op-1")).addTasks(task(TASK, 1, "TASK_STAGING"));
      case RUNNING_STATE -> instance.setReservation(reservation(true))
          .addTasks(task(TASK, 1, "TASK_RUNNING").toBuilder().setStartedAt(Timestamps.format(T0)));
      case SUSPENDED -> instance.setReservation(reservation(true)).addTasks(task(TASK, 1, "TASK_FAILED"));
      case UNREACHABLE -> instance.setReservation(reservation(true)).addTasks(task(TASK, 1, "TASK_UNREACHABLE"));
      case GONE -> instance.addTasks(task(TASK, 1, "TASK_GONE_BY_OPERATOR"));
      default -> throw new IllegalArgumentException(state.name());
    }
    return instance.setIncarnation(state == InstanceState.SCHEDULED ? 0 : 1).build();
  }
}
