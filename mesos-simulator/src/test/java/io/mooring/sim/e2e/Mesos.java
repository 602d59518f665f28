package io.mooring.sim.e2e;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Builders for the Mesos messages the tests send: a stateful framework's reservations, volumes and tasks. */
final class Mesos {
  static final String ROLE = "mooring";
  static final String PRINCIPAL = "mooring";

  private Mesos() {}

  static FrameworkInfo framework(String name) {
    return FrameworkInfo.newBuilder().setUser("nobody").setName(name).addRoles(ROLE).setPrincipal(PRINCIPAL)
        .setCheckpoint(true).setFailoverTimeout(3600)
        .addCapabilities(cap(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(cap(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT))
        .addCapabilities(cap(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build();
  }

  private static FrameworkInfo.Capability cap(FrameworkInfo.Capability.Type type) {
    return FrameworkInfo.Capability.newBuilder().setType(type).build();
  }

  static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
  }

  static Resource ports(long begin, long end) {
    return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end)))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
  }

  /** The resource reserved dynamically for the role, with the principal and an instance label. */
  static Resource reserved(Resource r, String instance) {
    return r.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(ROLE).setPrincipal(PRINCIPAL)
        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("instance").setValue(instance)))).build();
  }

  static Resource volume(Resource reservedDisk, String persistenceId, String containerPath) {
    Resource.DiskInfo.Builder disk = reservedDisk.getDisk().toBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(persistenceId).setPrincipal(PRINCIPAL))
        .setVolume(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW));
    return reservedDisk.toBuilder().setDisk(disk).build();
  }

  static TaskInfo task(String id, AgentID agent, String command, List<Resource> resources) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(agent)
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command)).addAllResources(resources).build();
  }

  /** A pod container's mount of an executor volume, as Mooring sends it: SANDBOX_PATH of type PARENT. */
  static TaskInfo mountingParent(TaskInfo task, String mountPath, String parentPath) {
    return task.toBuilder().setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
        .addVolumes(Volume.newBuilder().setContainerPath(mountPath).setMode(Volume.Mode.RW)
            .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.SANDBOX_PATH)
                .setSandboxPath(Volume.Source.SandboxPath.newBuilder()
                    .setType(Volume.Source.SandboxPath.Type.PARENT).setPath(parentPath))))).build();
  }

  static Offer.Operation reserve(String id, List<Resource> resources) {
    Offer.Operation.Builder op = Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
        .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(resources));
    if (id != null) op.setId(OperationID.newBuilder().setValue(id));
    return op.build();
  }

  static Offer.Operation unreserve(String id, List<Resource> resources) {
    Offer.Operation.Builder op = Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
        .setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(resources));
    if (id != null) op.setId(OperationID.newBuilder().setValue(id));
    return op.build();
  }

  static Offer.Operation create(String id, List<Resource> volumes) {
    Offer.Operation.Builder op = Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
        .setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(volumes));
    if (id != null) op.setId(OperationID.newBuilder().setValue(id));
    return op.build();
  }

  static Offer.Operation destroy(String id, List<Resource> volumes) {
    Offer.Operation.Builder op = Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
        .setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(volumes));
    if (id != null) op.setId(OperationID.newBuilder().setValue(id));
    return op.build();
  }

  static Offer.Operation launch(TaskInfo... tasks) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))).build();
  }

  static Call.Accept accept(Offer offer, Offer.Operation... operations) {
    return Call.Accept.newBuilder().addOfferIds(offer.getId()).addAllOperations(List.of(operations)).build();
  }

  static Call.Accept accept(OfferID offer, double refuseSeconds, Offer.Operation... operations) {
    return Call.Accept.newBuilder().addOfferIds(offer).addAllOperations(List.of(operations))
        .setFilters(org.apache.mesos.v1.Protos.Filters.newBuilder().setRefuseSeconds(refuseSeconds)).build();
  }

  /** The offered resource of this name with no disk source (the root disk for "disk"), unreserved. */
  static Resource unreservedRoot(Offer offer, String name) {
    return offer.getResourcesList().stream()
        .filter(r -> r.getName().equals(name) && r.getReservationsCount() == 0 && !r.hasDisk())
        .findFirst().orElseThrow(() -> new AssertionError("offer has no unreserved " + name + ": " + offer));
  }

  static Resource mountDisk(Offer offer, String root) {
    return offer.getResourcesList().stream()
        .filter(r -> r.hasDisk() && r.getDisk().getSource().getMount().getRoot().equals(root))
        .findFirst().orElseThrow(() -> new AssertionError("offer has no MOUNT disk " + root));
  }
}
