package io.mooring.sim.resources;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.ResourceProviderID;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;

/** A fluent builder of Resource protos for tests: {@code Res.disk(100).dynamic("eng", "fw").mount("/mnt/a").get()}. */
@SuppressWarnings("deprecation") // builds pre-refinement resources too
final class Res {
  private final Resource.Builder b;

  private Res(Resource.Builder b) {
    this.b = b;
  }

  static Res scalar(String name, double value) {
    return new Res(Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)));
  }

  static Res cpus(double value) {
    return scalar("cpus", value);
  }

  static Res mem(double value) {
    return scalar("mem", value);
  }

  static Res disk(double value) {
    return scalar("disk", value);
  }

  /** Ranges from flat bounds: ranges("ports", 1, 5, 8, 9) is [1-5, 8-9]. */
  static Res ranges(String name, long... bounds) {
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (int i = 0; i < bounds.length; i += 2) ranges.addRangeBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]);
    return new Res(Resource.newBuilder().setName(name).setType(Value.Type.RANGES).setRanges(ranges));
  }

  static Res ports(long... bounds) {
    return ranges("ports", bounds);
  }

  static Res set(String name, String... items) {
    return new Res(Resource.newBuilder().setName(name).setType(Value.Type.SET)
        .setSet(Value.Set.newBuilder().addAllItem(java.util.List.of(items))));
  }

  static Labels labels(String... keyValues) {
    Labels.Builder labels = Labels.newBuilder();
    for (int i = 0; i < keyValues.length; i += 2) {
      labels.addLabels(Label.newBuilder().setKey(keyValues[i]).setValue(keyValues[i + 1]));
    }
    return labels.build();
  }

  Res staticRole(String role) {
    b.addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole(role));
    return this;
  }

  /** A DYNAMIC reservation; principal null leaves it unset, labels as key, value pairs (none: no labels field). */
  Res dynamic(String role, String principal, String... labelKeyValues) {
    ReservationInfo.Builder r = ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role);
    if (principal != null) r.setPrincipal(principal);
    if (labelKeyValues.length > 0) r.setLabels(labels(labelKeyValues));
    b.addReservations(r);
    return this;
  }

  Res reservation(ReservationInfo reservation) {
    b.addReservations(reservation);
    return this;
  }

  Res allocated(String role) {
    b.getAllocationInfoBuilder().setRole(role);
    return this;
  }

  Res path(String root) {
    b.getDiskBuilder().getSourceBuilder().setType(DiskInfo.Source.Type.PATH).getPathBuilder().setRoot(root);
    return this;
  }

  Res mount(String root) {
    b.getDiskBuilder().getSourceBuilder().setType(DiskInfo.Source.Type.MOUNT).getMountBuilder().setRoot(root);
    return this;
  }

  Res raw(String id) {
    DiskInfo.Source.Builder source = b.getDiskBuilder().getSourceBuilder().setType(DiskInfo.Source.Type.RAW);
    if (id != null) source.setId(id);
    return this;
  }

  Res block(String id) {
    b.getDiskBuilder().getSourceBuilder().setType(DiskInfo.Source.Type.BLOCK).setId(id);
    return this;
  }

  Res source(DiskInfo.Source source) {
    b.getDiskBuilder().setSource(source);
    return this;
  }

  /** A persistent volume: persistence.id and a RW volume at containerPath. */
  Res volume(String persistenceId, String containerPath) {
    b.getDiskBuilder().getPersistenceBuilder().setId(persistenceId);
    b.getDiskBuilder().setVolume(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW));
    return this;
  }

  Res persistencePrincipal(String principal) {
    b.getDiskBuilder().getPersistenceBuilder().setPrincipal(principal);
    return this;
  }

  Res shared() {
    b.getSharedBuilder();
    return this;
  }

  Res revocable() {
    b.getRevocableBuilder();
    return this;
  }

  Res provider(String id) {
    b.setProviderId(ResourceProviderID.newBuilder().setValue(id));
    return this;
  }

  Res legacyRole(String role) {
    b.setRole(role);
    return this;
  }

  Res legacyReservation(ReservationInfo reservation) {
    b.setReservation(reservation);
    return this;
  }

  Res with(java.util.function.Consumer<Resource.Builder> change) {
    change.accept(b);
    return this;
  }

  Resource get() {
    return b.buildPartial(); // partial: validation tests need resources with required fields missing
  }
}
