package io.mooring.offer.matching;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * A new instance placed from unreserved resources in ONE ACCEPT [RESERVE, CREATE, LAUNCH] (Marathon needs two offer
 * cycles for this; the operations of one ACCEPT apply in order, so the LAUNCH can use what RESERVE and CREATE made).
 */
final class FirstPlacement {
  private FirstPlacement() {}

  static Attempt place(LaunchRequest request, App app, ResourcePool pool, List<String> peerHosts, OfferContext ctx) {
    if (!acceptsUnreserved(app)) return Attempt.rejected(RejectReasons.UNFULFILLED_ROLE);
    if (!PlacementConstraints.satisfied(app.getConstraintsList(), ctx.offer(), peerHosts)) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_CONSTRAINT);
    }
    Instance instance = request.getInstance();
    AppRequirements need = AppRequirements.of(app);
    Map<String, String> persistenceIds = new HashMap<>();
    for (LocalVolume v : instance.getVolumesList()) persistenceIds.put(v.getContainerPath(), v.getPersistenceId());
    for (VolumeRequest v : need.volumes()) {
      if (!persistenceIds.containsKey(v.containerPath())) return Attempt.rejected(RejectReasons.MISSING_PERSISTENCE_ID);
    }
    TaskResources.Outcome basic = TaskResources.match(pool.select(Ownership::isUnreserved), need);
    if (basic.reason() != null) return Attempt.rejected(basic.reason());
    List<Resource> disksLeft = pool.minus(basic.match().all())
        .select(r -> Ownership.isUnreserved(r) && r.getName().equals("disk"));
    Optional<List<DiskMatcher.Placement>> volumes = DiskMatcher.match(disksLeft, need.volumes());
    if (volumes.isEmpty()) return Attempt.rejected(RejectReasons.INSUFFICIENT_DISK);
    return new Attempt.Placed(launch(request, app, need, basic.match(), volumes.get(), persistenceIds, ctx),
        consumed(basic.match(), volumes.get()));
  }

  /** Mooring reserves only unreserved ("*") resources: roles that exclude "*" can never be placed. */
  static boolean acceptsUnreserved(App app) {
    return app.getAcceptedResourceRolesCount() == 0 || app.getAcceptedResourceRolesList().contains("*");
  }

  private static Launch launch(LaunchRequest request, App app, AppRequirements need, TaskResources.Match basic,
      List<DiskMatcher.Placement> placements, Map<String, String> persistenceIds, OfferContext ctx) {
    Instance instance = request.getInstance();
    String taskId = Launches.nextTaskId(instance);
    Resource.ReservationInfo reservation = Operations.reservation(ctx.settings(), instance.getInstanceId());
    List<Resource> reservedBasic = basic.all().stream().map(r -> Operations.reserved(r, reservation)).toList();
    List<Resource> reservedDisks = new ArrayList<>();
    List<Resource> volumes = new ArrayList<>();
    for (DiskMatcher.Placement p : placements) {
      Resource disk = Operations.reserved(p.disk(), reservation);
      reservedDisks.add(disk);
      String path = p.volume().containerPath();
      volumes.add(Operations.volume(disk, persistenceIds.get(path), path, ctx.settings()));
    }
    List<Resource> toReserve = concat(reservedBasic, reservedDisks);
    List<Resource> taskResources = concat(reservedBasic, volumes);
    Offer offer = ctx.offer();
    TaskInfo task = TaskBuilder.build(app, taskId, offer, taskResources, need.ports(), basic.ports().hostPorts());
    List<Offer.Operation> operations = new ArrayList<>();
    Reservation.Builder record = Reservation.newBuilder().setAgentId(offer.getAgentId().getValue())
        .setHostname(offer.getHostname()).addAllVolumes(instance.getVolumesList());
    if (!toReserve.isEmpty()) {
      operations.add(Operations.reserve(Operations.reserveId(taskId), toReserve));
      record.addOperationIds(Operations.reserveId(taskId));
    }
    if (!volumes.isEmpty()) {
      operations.add(Operations.create(Operations.createId(taskId), volumes));
      record.addOperationIds(Operations.createId(taskId));
    }
    operations.add(Operations.launch(task));
    taskResources.forEach(r -> record.addResources(ReservationRecords.of(r)));
    return Launches.of(request, app, record.build(), basic.ports().hostPorts(), ctx.nowIso(), operations);
  }

  private static List<Resource> consumed(TaskResources.Match basic, List<DiskMatcher.Placement> placements) {
    return concat(basic.all(), placements.stream().map(DiskMatcher.Placement::disk).toList());
  }

  private static List<Resource> concat(List<Resource> a, List<Resource> b) {
    List<Resource> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
