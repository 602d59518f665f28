package io.mooring.offer.matching;

import com.google.protobuf.ListValue;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Container;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.Volume;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Offers shaped as the simulator (a Mesos 1.11 master) sends them to a MULTI_ROLE framework, and launch requests. */
final class Fixtures {
  static final String ROLE = "mooring";
  static final MatchSettings SETTINGS = new MatchSettings("fw-1", ROLE, "mooring", 100);
  static final String NOW = "2024-05-01T10:00:00.000Z";
  static final String VERSION = "2024-04-01T09:00:00.000Z";

  private Fixtures() {}

  static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
  }

  static Resource ports(long... bounds) {
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (int i = 0; i < bounds.length; i += 2) {
      ranges.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
    }
    return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges)
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
  }

  static Resource pathDisk(String root, double size, String profile) {
    Resource.DiskInfo.Source.Builder source = Resource.DiskInfo.Source.newBuilder()
        .setType(Resource.DiskInfo.Source.Type.PATH)
        .setPath(Resource.DiskInfo.Source.Path.newBuilder().setRoot(root));
    if (profile != null) source.setProfile(profile);
    return scalar("disk", size).toBuilder().setDisk(Resource.DiskInfo.newBuilder().setSource(source)).build();
  }

  static Resource mountDisk(String root, double size, String profile) {
    Resource.DiskInfo.Source.Builder source = Resource.DiskInfo.Source.newBuilder()
        .setType(Resource.DiskInfo.Source.Type.MOUNT)
        .setMount(Resource.DiskInfo.Source.Mount.newBuilder().setRoot(root));
    if (profile != null) source.setProfile(profile);
    return scalar("disk", size).toBuilder().setDisk(Resource.DiskInfo.newBuilder().setSource(source)).build();
  }

  static Resource otherRole(Resource r) {
    return r.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("other")).build();
  }

  /** Reserved dynamically for {@code role} with the given labels (key, value, key, value...). */
  static Resource reservedWith(Resource r, String role, String... labels) {
    Labels.Builder l = Labels.newBuilder();
    for (int i = 0; i < labels.length; i += 2) {
      l.addLabels(Label.newBuilder().setKey(labels[i]).setValue(labels[i + 1]));
    }
    return r.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal("mooring").setLabels(l)).build();
  }

  /** The simulator's standard agent: 4 cpus, 8192 mem, ports 31000-32000, root 20480, a path disk and two mounts. */
  static List<Resource> standardResources() {
    return List.of(scalar("cpus", 4), scalar("mem", 8192), ports(31000, 32000), scalar("disk", 20480),
        pathDisk("/mnt/path-0", 10240, null), mountDisk("/mnt/ssd-0", 4096, null),
        mountDisk("/mnt/ssd-1", 8192, "fast"));
  }

  static Offer offer(String agentId, String hostname, List<Resource> resources) {
    return Offer.newBuilder().setId(OfferID.newBuilder().setValue("offer-" + agentId))
        .setFrameworkId(FrameworkID.newBuilder().setValue(SETTINGS.frameworkId()))
        .setAgentId(AgentID.newBuilder().setValue(agentId)).setHostname(hostname)
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).addAllResources(resources).build();
  }

  static Offer offer(List<Resource> resources) {
    return offer("agent-0", "host-0", resources);
  }

  static Offer standardOffer() {
    return offer(standardResources());
  }

  static App.Builder app(String id) {
    return App.newBuilder().setId(id).setCmd("sleep 3600").setCpus(0.5).setMem(64).setDisk(0).setInstances(1)
        .setVersion(VERSION);
  }

  /** An app with persistent volumes {containerPath, type, size}. */
  static App.Builder app(String id, Volume... volumes) {
    return app(id).setContainer(Container.newBuilder().setType("MESOS").addAllVolumes(List.of(volumes)));
  }

  static Volume persistent(String containerPath, String type, int size) {
    return Volume.newBuilder().setContainerPath(containerPath).setMode("RW")
        .setPersistent(PersistentVolumeInfo.newBuilder().setType(type).setSize(size)).build();
  }

  static Volume persistent(String containerPath, PersistentVolumeInfo info) {
    return Volume.newBuilder().setContainerPath(containerPath).setMode("RW").setPersistent(info).build();
  }

  static ListValue list(String... values) {
    ListValue.Builder l = ListValue.newBuilder();
    for (String v : values) l.addValues(com.google.protobuf.Value.newBuilder().setStringValue(v));
    return l.build();
  }

  static String safeId(String appId) {
    return appId.substring(1).replace('/', '_');
  }

  /** A scheduled instance of the app with a persistence id for each of the app's persistent volumes. */
  static Instance instance(App app, int n) {
    String safe = safeId(app.getId());
    List<LocalVolume> volumes = new ArrayList<>();
    for (Volume v : app.getContainer().getVolumesList()) {
      if (!v.hasPersistent()) continue;
      String uuid = "uuid-" + n + "-" + v.getContainerPath();
      volumes.add(LocalVolume.newBuilder().setRunSpecId(app.getId()).setContainerPath(v.getContainerPath())
          .setUuid(uuid).setPersistenceId(safe + "#" + v.getContainerPath() + "#" + uuid).build());
    }
    return Instance.newBuilder().setInstanceId(safe + ".instance-" + n).setRunSpecId(app.getId())
        .setConfigVersion(VERSION).setRole(ROLE).addAllVolumes(volumes).build();
  }

  static LaunchRequest first(App app, Instance instance, String... peerHosts) {
    return LaunchRequest.newBuilder().setInstance(instance).setSpec(RunSpec.newBuilder().setApp(app))
        .addAllPeerHosts(List.of(peerHosts)).build();
  }

  static LaunchRequest first(App app, int n) {
    return first(app, instance(app, n));
  }

  static LaunchRequest relaunch(App app, Instance instance) {
    return LaunchRequest.newBuilder().setInstance(instance).setSpec(RunSpec.newBuilder().setApp(app))
        .setOnReservation(true).build();
  }
}
