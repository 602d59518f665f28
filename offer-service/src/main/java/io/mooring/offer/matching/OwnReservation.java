package io.mooring.offer.matching;

import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/**
 * What an offer holds of an instance's reservation (Marathon PersistentVolumeMatcher): only on its agent, only
 * resources reserved with its labels, and only when every one of its volumes is offered: the tasks must find all of
 * their data. Apps and pods relaunch from it alike.
 *
 * @param reserved its labelled resources other than volumes, as offered
 * @param volumes its volumes as offered, in the order of instance.volumes
 */
record OwnReservation(List<Resource> reserved, List<Resource> volumes) {

  /**
   * Empty when the offer lacks one of the instance's volumes (NoCorrespondingReservationFound). The agent id is not
   * compared: an agent that rebooted offers the same labelled reservation and volumes under a new id, and the
   * persistence ids, unique in the cluster, can only be found where the data is.
   */
  static Optional<OwnReservation> in(Instance instance, ResourcePool pool, OfferContext ctx) {
    Set<String> claims = instance.getReservation().getResourcesList().stream()
        .map(r -> r.getLabelsOrDefault(ReservationLabels.CLAIM, "")).collect(Collectors.toSet());
    // Leftovers of an earlier, expired claim of the same instance may be offered beside it: they are not its own.
    List<Resource> ours = pool.select(r -> Ownership.reservedFor(r, ctx.settings(), instance.getInstanceId())
        && claims.contains(Ownership.claimOf(r)));
    if (ours.isEmpty()) return Optional.empty();
    Map<String, Resource> offeredVolumes = new HashMap<>();
    for (Resource r : ours) {
      if (Ownership.isPersistentVolume(r)) offeredVolumes.put(r.getDisk().getPersistence().getId(), r);
    }
    List<Resource> volumes = new ArrayList<>();
    for (LocalVolume v : instance.getVolumesList()) {
      Resource volume = offeredVolumes.get(v.getPersistenceId());
      if (volume == null) return Optional.empty();
      volumes.add(volume);
    }
    List<Resource> reserved = ours.stream().filter(r -> !Ownership.isPersistentVolume(r)).toList();
    return Optional.of(new OwnReservation(reserved, List.copyOf(volumes)));
  }

  /** The claim of a relaunch: the reservation as recorded, on the offer's (maybe new) agent id and host. */
  static Reservation record(Instance instance, Offer offer) {
    return instance.getReservation().toBuilder().setAgentId(offer.getAgentId().getValue())
        .setHostname(offer.getHostname())
        .clearVolumes().addAllVolumes(instance.getVolumesList()).clearOperationIds().build();
  }
}
