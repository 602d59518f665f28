package io.mooring.sim.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.sim.resources.Resources;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;

/** An agent's total as it registers: its configured resources with its checkpoint carved out of them. */
class AgentResourcesTest {
  @Test
  void checkpointedReservationsAndVolumesAreCarvedOutOfTheConfiguredResources() {
    Resource reservedCpus = reserved(scalar("cpus", 1), "a");
    Resource volume = volume(reserved(scalar("disk", 10), "a"), "db");
    Resource tooBig = reserved(scalar("cpus", 10), "b");

    Resources total = AgentResources.withCheckpoint(List.of(scalar("cpus", 4), scalar("disk", 100)),
        List.of(reservedCpus, volume, tooBig));

    assertEquals(Resources.of(scalar("cpus", 3), reservedCpus, scalar("disk", 90), volume), total,
        "what no longer fits the configuration is left out");
  }

  @Test
  void anAgentRecoversTensOfThousandsOfReservationsAtTheCostOfEach() {
    List<Resource> checkpointed = IntStream.range(0, 20_000)
        .mapToObj(i -> reserved(scalar("disk", 1), "i" + i)).toList();
    long start = System.nanoTime();
    Resources total = AgentResources.withCheckpoint(List.of(scalar("disk", 100_000)), checkpointed);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // carving each out of an immutable total copies the total each time: over ten seconds here
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "recovering 20,000 reservations took " + took);
    assertEquals(20_001, total.size());
  }

  private static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static Resource reserved(Resource r, String instance) {
    return r.toBuilder().addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC)
        .setRole("mooring").setPrincipal("mooring")
        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("instance").setValue(instance)))).build();
  }

  private static Resource volume(Resource disk, String persistenceId) {
    return disk.toBuilder().setDisk(Resource.DiskInfo.newBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(persistenceId).setPrincipal("mooring"))
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
  }
}
