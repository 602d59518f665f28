package io.mooring.offer.matching;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import java.util.ArrayList;
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
    if (!acceptsUnreserved(app.getAcceptedResourceRolesList())) return Attempt.rejected(RejectReasons.UNFULFILLED_ROLE);
    if (!PlacementConstraints.satisfied(app.getConstraintsList(), ctx.offer(), peerHosts)) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_CONSTRAINT);
    }
    Instance instance = request.getInstance();
    AppRequirements need = AppRequirements.of(app);
    Optional<Map<String, String>> persistenceIds = ReserveAndCreate.persistenceIds(instance, need.volumes());
    if (persistenceIds.isEmpty()) return Attempt.rejected(RejectReasons.MISSING_PERSISTENCE_ID);
    TaskResources.Outcome basic = TaskResources.match(pool.select(Ownership::isUnreserved), need);
    if (basic.reason() != null) return Attempt.rejected(basic.reason());
    Optional<List<DiskMatcher.Placement>> volumes = volumes(pool, basic.match().all(), need.volumes());
    if (volumes.isEmpty()) return Attempt.rejected(RejectReasons.INSUFFICIENT_DISK);
    String taskId = Launches.nextTaskId(instance);
    ReserveAndCreate plan = ReserveAndCreate.of(instance.getInstanceId(), taskId, basic.match().all(), volumes.get(),
        persistenceIds.get(), ctx.settings());
    List<Resource> taskResources = new ArrayList<>(basic.match().all().stream().map(plan::reserved).toList());
    taskResources.addAll(plan.volumes());
    Offer offer = ctx.offer();
    List<Integer> hostPorts = basic.match().ports().hostPorts();
    TaskInfo task = TaskBuilder.build(app, taskId, offer, taskResources, need.ports(), hostPorts);
    List<Offer.Operation> operations = new ArrayList<>(plan.operations());
    operations.add(Operations.launch(task));
    Launch launch = Launches.of(request, app, plan.record(offer, instance, taskResources), hostPorts, ctx.nowIso(),
        operations);
    return new Attempt.Placed(launch, consumed(basic.match().all(), volumes.get()));
  }

  /** Mooring reserves only unreserved ("*") resources: roles that exclude "*" can never be placed. */
  static boolean acceptsUnreserved(List<String> acceptedResourceRoles) {
    return acceptedResourceRoles.isEmpty() || acceptedResourceRoles.contains("*");
  }

  /** The volumes placed on the unreserved disks left once {@code taken} is out of the pool. */
  static Optional<List<DiskMatcher.Placement>> volumes(ResourcePool pool, List<Resource> taken,
      List<VolumeRequest> volumes) {
    List<Resource> disksLeft = pool.minus(taken)
        .select(r -> Ownership.isUnreserved(r) && r.getName().equals("disk"));
    return DiskMatcher.match(disksLeft, volumes);
  }

  /** The pool pieces a placement takes: the matched pieces and the disks its volumes are created on. */
  static List<Resource> consumed(List<Resource> basic, List<DiskMatcher.Placement> placements) {
    List<Resource> all = new ArrayList<>(basic);
    placements.forEach(p -> all.add(p.disk()));
    return List.copyOf(all);
  }
}
