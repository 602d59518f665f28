package io.mooring.sim.master;

import io.mooring.sim.config.AgentSpec;
import io.mooring.sim.config.DiskSpec;
import io.mooring.sim.resources.MutableResources;
import io.mooring.sim.resources.ResourceRules;
import io.mooring.sim.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** An agent's resources as Mesos reports them: the configured ones, and the total once its checkpoint is applied. */
final class AgentResources {
  private AgentResources() {}

  static List<Resource> configured(AgentSpec spec) {
    List<Resource> resources = new ArrayList<>();
    resources.add(scalar("cpus", spec.cpus()));
    resources.add(scalar("mem", spec.memMb()));
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (long[] range : spec.ports()) ranges.addRange(Value.Range.newBuilder().setBegin(range[0]).setEnd(range[1]));
    resources.add(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges).build());
    if (spec.rootDiskMb() > 0) resources.add(scalar("disk", spec.rootDiskMb()));
    for (DiskSpec disk : spec.disks()) {
      Resource.DiskInfo.Source.Builder source = Resource.DiskInfo.Source.newBuilder();
      if (disk.type() == DiskSpec.Type.PATH) {
        source.setType(Resource.DiskInfo.Source.Type.PATH).setPath(Resource.DiskInfo.Source.Path.newBuilder()
            .setRoot(disk.root()));
      } else {
        source.setType(Resource.DiskInfo.Source.Type.MOUNT).setMount(Resource.DiskInfo.Source.Mount.newBuilder()
            .setRoot(disk.root()));
      }
      if (disk.profile() != null) source.setProfile(disk.profile());
      resources.add(scalar("disk", disk.sizeMb()).toBuilder()
          .setDisk(Resource.DiskInfo.newBuilder().setSource(source)).build());
    }
    return resources;
  }

  private static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  /**
   * The configured resources with the checkpointed reservations and volumes carved out of them, as the agent recovers
   * them; a checkpointed resource that no longer fits the configuration is left out. Carved in place: an agent may
   * recover thousands of them.
   */
  static Resources withCheckpoint(List<Resource> configured, List<Resource> checkpointed) {
    MutableResources total = new MutableResources(Resources.of(configured));
    for (Resource r : checkpointed) {
      Resources base = Resources.of(ResourceRules.stripVolume(r).toBuilder().clearReservations().build());
      if (!base.isEmpty() && total.contains(base)) {
        total.subtract(base);
        total.add(Resources.of(r));
      }
    }
    return total.snapshot();
  }
}
