package io.mooring.mesos;

import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.PortRange;
import io.mooring.proto.v1.ReservedResource;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Mesos resources in Mooring's own terms (ReservedResource), as reservation-service records them. */
public final class ReservedResources {
  private ReservedResources() {}

  /** A reserved resource (last reservation = ours), a persistent volume carrying its persistence id and path. */
  public static ReservedResource of(Resource r) {
    ReservedResource.Builder b = ReservedResource.newBuilder().setName(r.getName());
    if (r.hasScalar()) b.setScalar(r.getScalar().getValue());
    for (Value.Range range : r.getRanges().getRangeList()) {
      b.addRanges(PortRange.newBuilder().setBegin(range.getBegin()).setEnd(range.getEnd()));
    }
    if (r.hasDisk()) {
      Resource.DiskInfo disk = r.getDisk();
      if (disk.hasSource()) b.setDiskSource(source(disk.getSource()));
      if (disk.hasPersistence()) b.setPersistenceId(disk.getPersistence().getId());
      if (disk.hasVolume()) b.setContainerPath(disk.getVolume().getContainerPath());
    }
    if (r.getReservationsCount() > 0) {
      Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
      b.setRole(last.getRole()).setPrincipal(last.getPrincipal());
      for (Label label : last.getLabels().getLabelsList()) b.putLabels(label.getKey(), label.getValue());
    }
    return b.build();
  }

  private static DiskSource source(Resource.DiskInfo.Source source) {
    DiskSource.Builder b = DiskSource.newBuilder();
    switch (source.getType()) {
      case PATH -> b.setType(DiskSource.Type.PATH).setRoot(source.getPath().getRoot());
      case MOUNT -> b.setType(DiskSource.Type.MOUNT).setRoot(source.getMount().getRoot());
      default -> b.setType(DiskSource.Type.TYPE_UNSPECIFIED);
    }
    if (source.hasProfile()) b.setProfile(source.getProfile());
    return b.build();
  }
}
