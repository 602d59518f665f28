package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.master.Protos.Call;

/**
 * What Mooring leaves to volume-gc-service: cpus, mem and a disk dynamically reserved for one instance (labels
 * {@code marathon_framework_id} / {@code marathon_task_id}, refined format) and a persistent volume on that disk.
 * Tests make them through the operator API itself.
 */
record Reservations(String agentId, String taskId, String persistenceId) {
  static final String ROLE = "mooring";
  static final String PRINCIPAL = "mooring";
  static final String FRAMEWORK_ID = "gc-test-framework-0000";

  /** The reserved resources, without the volume: what UNRESERVE_RESOURCES takes. */
  List<Resource> reserved() {
    return List.of(scalar("cpus", 0.5), scalar("mem", 64), scalar("disk", 100));
  }

  /** The persistent volume on the reserved disk: what DESTROY_VOLUMES takes. */
  Resource volume() {
    return scalar("disk", 100).toBuilder().setDisk(DiskInfo.newBuilder()
        .setPersistence(DiskInfo.Persistence.newBuilder().setId(persistenceId).setPrincipal(PRINCIPAL))
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
  }

  /** RESERVE_RESOURCES then CREATE_VOLUMES, each of which must be accepted. */
  void create(OperatorClient client) {
    assertEquals(new Outcome.Accepted(), client.write(Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
        .setReserveResources(Call.ReserveResources.newBuilder().setAgentId(agent()).addAllResources(reserved()))
        .build()), "RESERVE_RESOURCES");
    assertEquals(new Outcome.Accepted(), client.write(Call.newBuilder().setType(Call.Type.CREATE_VOLUMES)
        .setCreateVolumes(Call.CreateVolumes.newBuilder().setAgentId(agent()).addVolumes(volume())).build()),
        "CREATE_VOLUMES");
  }

  /** Whether a resource is one of these reservations (or the volume), by its labels. */
  boolean owns(Resource resource) {
    return resource.getReservationsList().stream().anyMatch(r -> r.getLabels().getLabelsList().stream()
        .anyMatch(l -> l.getKey().equals("marathon_task_id") && l.getValue().equals(taskId)));
  }

  private AgentID agent() {
    return AgentID.newBuilder().setValue(agentId).build();
  }

  private Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value))
        .addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(ROLE)
            .setPrincipal(PRINCIPAL).setLabels(Labels.newBuilder()
                .addLabels(Label.newBuilder().setKey("marathon_framework_id").setValue(FRAMEWORK_ID))
                .addLabels(Label.newBuilder().setKey("marathon_task_id").setValue(taskId))))
        .build();
  }
}
