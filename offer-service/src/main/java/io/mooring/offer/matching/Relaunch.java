package io.mooring.offer.matching;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/** An app instance relaunched on its reservation ({@link OwnReservation}): ACCEPT [LAUNCH]. */
final class Relaunch {
  private Relaunch() {}

  static Attempt place(LaunchRequest request, App app, ResourcePool pool, List<String> peerHosts, OfferContext ctx) {
    Instance instance = request.getInstance();
    Offer offer = ctx.offer();
    Optional<OwnReservation> own = OwnReservation.in(instance, pool, ctx);
    if (own.isEmpty()) return Attempt.rejected(RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND);
    if (!PlacementConstraints.satisfied(app.getConstraintsList(), offer, peerHosts)) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_CONSTRAINT);
    }
    AppRequirements need = AppRequirements.of(app);
    TaskResources.Outcome basic = TaskResources.match(own.get().reserved(), need);
    if (basic.reason() != null) return Attempt.rejected(basic.reason());
    List<Resource> taskResources = new ArrayList<>(basic.match().all());
    taskResources.addAll(own.get().volumes());
    String taskId = Launches.nextTaskId(instance);
    List<Integer> hostPorts = basic.match().ports().hostPorts();
    TaskInfo task = TaskBuilder.build(app, taskId, offer, taskResources, need.ports(), hostPorts);
    Launch launch = Launches.of(request, app, OwnReservation.record(instance, offer), hostPorts, ctx.nowIso(),
        List.of(Operations.launch(task)));
    return new Attempt.Placed(launch, List.copyOf(taskResources));
  }
}
