package io.mooring.offer.matching;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/**
 * A new pod instance placed from unreserved resources in ONE ACCEPT [RESERVE, CREATE, LAUNCH_GROUP]: the executor's
 * and every container's resources reserved together, the volumes created, then launched on them.
 */
final class PodFirstPlacement {
  private PodFirstPlacement() {}

  static Attempt place(LaunchRequest request, Pod pod, ResourcePool pool, List<String> peerHosts, OfferContext ctx) {
    PodRequirements need = PodRequirements.of(pod);
    if (!FirstPlacement.acceptsUnreserved(need.acceptedResourceRoles())) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_ROLE);
    }
    Offer offer = ctx.offer();
    if (!PlacementConstraints.satisfied(need.constraints(), offer, peerHosts)) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_CONSTRAINT);
    }
    Instance instance = request.getInstance();
    Optional<Map<String, String>> persistenceIds = ReserveAndCreate.persistenceIds(instance, need.volumes());
    if (persistenceIds.isEmpty()) return Attempt.rejected(RejectReasons.MISSING_PERSISTENCE_ID);
    PodResources.Outcome basic = PodResources.match(pool.select(Ownership::isUnreserved), need);
    if (basic.reason() != null) return Attempt.rejected(basic.reason());
    List<Resource> matched = basic.match().total().all();
    Optional<List<DiskMatcher.Placement>> volumes = FirstPlacement.volumes(pool, matched, need.volumes());
    if (volumes.isEmpty()) return Attempt.rejected(RejectReasons.INSUFFICIENT_DISK);
    String idBase = Launches.nextPodTaskId(instance, pod.getContainers(0).getName());
    ReserveAndCreate plan = ReserveAndCreate.of(instance.getInstanceId(), idBase, matched, volumes.get(),
        persistenceIds.get(), ctx.settings());
    PodLaunchGroup.Built group = PodLaunchGroup.build(instance, pod, need, basic.match().map(plan::reserved),
        plan.volumes(), ctx);
    List<Offer.Operation> operations = new ArrayList<>(plan.operations());
    operations.add(group.operation());
    List<Resource> reserved = new ArrayList<>(matched.stream().map(plan::reserved).toList());
    reserved.addAll(plan.volumes());
    Launch launch = Launches.ofPod(request, pod, plan.record(offer, instance, reserved), group.tasks(), operations);
    return new Attempt.Placed(launch, FirstPlacement.consumed(matched, volumes.get()));
  }
}
