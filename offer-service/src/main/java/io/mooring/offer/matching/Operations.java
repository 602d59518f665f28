package io.mooring.offer.matching;

import io.mooring.model.ReservationLabels;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;

/**
 * Builders of the Mesos operations and resources of a placement. Resources are always derived from the offered ones
 * with toBuilder, so they keep allocation_info and disk source exactly as offered (Mesos compares them field by
 * field).
 */
final class Operations {
  private Operations() {}

  /**
   * The dynamic reservation pushed on the stack (refinement format): our role, principal and labels. Marathon's two
   * labels, and the claim's id: an expired claim's leftovers and the instance's later reservation on
   * the same agent are then different resources to Mesos, so unreserving the one can never take from the other.
   */
  static Resource.ReservationInfo reservation(MatchSettings settings, String instanceId, String claimId) {
    Resource.ReservationInfo.Builder r = Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(settings.role())
        .setLabels(Labels.newBuilder()
            .addLabels(Label.newBuilder().setKey(ReservationLabels.FRAMEWORK).setValue(settings.frameworkId()))
            .addLabels(Label.newBuilder().setKey(ReservationLabels.INSTANCE).setValue(instanceId))
            .addLabels(Label.newBuilder().setKey(ReservationLabels.CLAIM).setValue(claimId)));
    if (hasPrincipal(settings)) r.setPrincipal(settings.principal());
    return r.build();
  }

  static Resource reserved(Resource unreserved, Resource.ReservationInfo reservation) {
    return unreserved.toBuilder().addReservations(reservation).build();
  }

  /**
   * The persistent volume CREATE makes of a reserved disk. Always RW: Mesos refuses read-only volumes in CREATE, and
   * Marathon's validation only allows RW for persistent volumes.
   */
  static Resource volume(Resource reservedDisk, String persistenceId, String containerPath, MatchSettings settings) {
    Resource.DiskInfo.Persistence.Builder persistence = Resource.DiskInfo.Persistence.newBuilder().setId(persistenceId);
    if (hasPrincipal(settings)) persistence.setPrincipal(settings.principal());
    Resource.DiskInfo.Builder disk = reservedDisk.getDisk().toBuilder().setPersistence(persistence)
        .setVolume(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW));
    return reservedDisk.toBuilder().setDisk(disk).build();
  }

  static Offer.Operation reserve(String id, List<Resource> resources) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE).setId(id(id))
        .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(resources)).build();
  }

  static Offer.Operation create(String id, List<Resource> volumes) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE).setId(id(id))
        .setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(volumes)).build();
  }

  /** LAUNCH has no id: Mesos refuses operation ids on LAUNCH; the task id identifies it. */
  static Offer.Operation launch(TaskInfo task) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
  }

  /** LAUNCH_GROUP: the tasks of a pod instance under one executor; no id either. */
  static Offer.Operation launchGroup(ExecutorInfo executor, List<TaskInfo> tasks) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor)
            .setTaskGroup(TaskGroupInfo.newBuilder().addAllTasks(tasks))).build();
  }

  private static OperationID id(String value) {
    return OperationID.newBuilder().setValue(value).build();
  }

  private static boolean hasPrincipal(MatchSettings settings) {
    return settings.principal() != null && !settings.principal().isEmpty();
  }
}
