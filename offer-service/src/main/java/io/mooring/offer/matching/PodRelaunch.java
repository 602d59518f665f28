package io.mooring.offer.matching;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/** A pod instance relaunched on its reservation ({@link OwnReservation}): ACCEPT [LAUNCH_GROUP]. */
final class PodRelaunch {
  private PodRelaunch() {}

  static Attempt place(LaunchRequest request, Pod pod, ResourcePool pool, List<String> peerHosts, OfferContext ctx) {
    Instance instance = request.getInstance();
    Offer offer = ctx.offer();
    Optional<OwnReservation> own = OwnReservation.in(instance, pool, ctx);
    if (own.isEmpty()) return Attempt.rejected(RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND);
    PodRequirements need = PodRequirements.of(pod);
    if (!PlacementConstraints.satisfied(need.constraints(), offer, peerHosts)) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_CONSTRAINT);
    }
    PodResources.Outcome basic = PodResources.match(own.get().reserved(), need);
    if (basic.reason() != null) return Attempt.rejected(basic.reason());
    PodLaunchGroup.Built group = PodLaunchGroup.build(instance, pod, need, basic.match(), own.get().volumes(), ctx);
    Launch launch = Launches.ofPod(request, pod, OwnReservation.record(instance, offer), group.tasks(),
        List.of(group.operation()));
    List<Resource> consumed = new ArrayList<>(basic.match().total().all());
    consumed.addAll(own.get().volumes());
    return new Attempt.Placed(launch, List.copyOf(consumed));
  }
}
