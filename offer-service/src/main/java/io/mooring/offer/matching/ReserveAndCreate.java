package io.mooring.offer.matching;

import io.mooring.mesos.ReservedResources;

import io.mooring.model.OperationIds;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The RESERVE and CREATE that open a first placement (apps and pods alike): every matched resource reserved with the
 * instance's labels, and a persistent volume created on each placed disk. The launch that follows in the same ACCEPT
 * uses {@link #reserved} copies of the matched pieces and the {@link #volumes}.
 *
 * @param volumes the created volumes, in the order of the placements
 * @param operations [RESERVE?, CREATE?]: each only when it has something to do
 */
record ReserveAndCreate(Resource.ReservationInfo reservation, List<Resource> volumes,
    List<Offer.Operation> operations) {

  /**
   * @param basic the matched pieces other than volume disks, as offered
   * @param idBase the operation ids are {@code <idBase>.reserve} and {@code <idBase>.create}: a task id, which
   *     reservation-service maps back to the instance, and the claim's id in the reservation labels
   */
  static ReserveAndCreate of(String instanceId, String idBase, List<Resource> basic,
      List<DiskMatcher.Placement> placements, Map<String, String> persistenceIds, MatchSettings settings) {
    Resource.ReservationInfo reservation = Operations.reservation(settings, instanceId, idBase);
    List<Resource> toReserve = new ArrayList<>();
    basic.forEach(r -> toReserve.add(Operations.reserved(r, reservation)));
    List<Resource> volumes = new ArrayList<>();
    for (DiskMatcher.Placement p : placements) {
      Resource disk = Operations.reserved(p.disk(), reservation);
      toReserve.add(disk);
      String path = p.volume().containerPath();
      volumes.add(Operations.volume(disk, persistenceIds.get(path), path, settings));
    }
    List<Offer.Operation> operations = new ArrayList<>();
    if (!toReserve.isEmpty()) operations.add(Operations.reserve(OperationIds.reserve(idBase), toReserve));
    if (!volumes.isEmpty()) operations.add(Operations.create(OperationIds.create(idBase), volumes));
    return new ReserveAndCreate(reservation, List.copyOf(volumes), List.copyOf(operations));
  }

  /**
   * The persistence id of each volume by container path (pods: volume name), from instance.volumes; empty when one
   * of the {@code volumes} has none (nothing to create it with).
   */
  static Optional<Map<String, String>> persistenceIds(Instance instance, List<VolumeRequest> volumes) {
    Map<String, String> ids = new HashMap<>();
    for (LocalVolume v : instance.getVolumesList()) ids.put(v.getContainerPath(), v.getPersistenceId());
    for (VolumeRequest v : volumes) if (!ids.containsKey(v.containerPath())) return Optional.empty();
    return Optional.of(ids);
  }

  /** An offered piece as this RESERVE reserves it. */
  Resource reserved(Resource offered) {
    return Operations.reserved(offered, reservation);
  }

  /** The claim to record: agent, the reserved resources, the instance's volumes and the operations to confirm. */
  Reservation record(Offer offer, Instance instance, List<Resource> reservedResources) {
    Reservation.Builder record = Reservation.newBuilder().setAgentId(offer.getAgentId().getValue())
        .setHostname(offer.getHostname()).addAllVolumes(instance.getVolumesList());
    operations.forEach(op -> record.addOperationIds(op.getId().getValue()));
    reservedResources.forEach(r -> record.addResources(ReservedResources.of(r)));
    return record.build();
  }
}
