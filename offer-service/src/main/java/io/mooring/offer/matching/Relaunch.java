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
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * An instance relaunched on its reservation: ACCEPT [LAUNCH], only on its agent, only from resources reserved with
 * its labels, and only when every one of its volumes is offered (Marathon PersistentVolumeMatcher): the task must
 * find all of its data.
 */
final class Relaunch {
  private Relaunch() {}

  static Attempt place(LaunchRequest request, App app, ResourcePool pool, List<String> peerHosts, OfferContext ctx) {
    Instance instance = request.getInstance();
    Offer offer = ctx.offer();
    if (!offer.getAgentId().getValue().equals(instance.getReservation().getAgentId())) {
      return Attempt.rejected(RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND);
    }
    List<Resource> ours = pool.select(r -> Ownership.reservedFor(r, ctx.settings(), instance.getInstanceId()));
    Map<String, Resource> offeredVolumes = new HashMap<>();
    for (Resource r : ours) {
      if (Ownership.isPersistentVolume(r)) offeredVolumes.put(r.getDisk().getPersistence().getId(), r);
    }
    List<Resource> volumes = new ArrayList<>();
    for (LocalVolume v : instance.getVolumesList()) {
      Resource volume = offeredVolumes.get(v.getPersistenceId());
      if (volume == null) return Attempt.rejected(RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND);
      volumes.add(volume);
    }
    if (!PlacementConstraints.satisfied(app.getConstraintsList(), offer, peerHosts)) {
      return Attempt.rejected(RejectReasons.UNFULFILLED_CONSTRAINT);
    }
    AppRequirements need = AppRequirements.of(app);
    List<Resource> reserved = ours.stream().filter(r -> !Ownership.isPersistentVolume(r)).toList();
    TaskResources.Outcome basic = TaskResources.match(reserved, need);
    if (basic.reason() != null) return Attempt.rejected(basic.reason());
    List<Resource> taskResources = new ArrayList<>(basic.match().all());
    taskResources.addAll(volumes);
    String taskId = Launches.nextTaskId(instance);
    List<Integer> hostPorts = basic.match().ports().hostPorts();
    TaskInfo task = TaskBuilder.build(app, taskId, offer, taskResources, need.ports(), hostPorts);
    Reservation reservation = instance.getReservation().toBuilder().setHostname(offer.getHostname())
        .clearVolumes().addAllVolumes(instance.getVolumesList()).clearOperationIds().build();
    Launch launch = Launches.of(request, app, reservation, hostPorts, ctx.nowIso(), List.of(Operations.launch(task)));
    return new Attempt.Placed(launch, List.copyOf(taskResources));
  }
}
