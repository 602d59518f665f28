package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.ROLE;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.VERSION;
import static io.mooring.offer.matching.Fixtures.app;
import static io.mooring.offer.matching.Fixtures.persistent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;

/** A first placement: ONE ACCEPT [RESERVE, CREATE, LAUNCH] from unreserved resources, and the claim to record. */
class FirstPlacementTest {
  private static final App DB = app("/db", persistent("data", "path", 100)).setDisk(10)
      .addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("http")).build();
  private static final Instance INSTANCE = Fixtures.instance(DB, 1);
  private static final String TASK_ID = "db.instance-1._app.1";
  private static final String PERSISTENCE_ID = "db#data#uuid-1-data";

  private final OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(),
      List.of(Fixtures.first(DB, INSTANCE)), SETTINGS, NOW);
  private final Launch launch = match.launches().get(0);
  private final List<Offer.Operation> ops = launch.operations();

  @Test
  void oneLaunchWithReserveCreateLaunchInOrder() {
    assertEquals(1, match.launches().size());
    assertEquals(Map.of(), match.rejections());
    assertEquals(List.of(Offer.Operation.Type.RESERVE, Offer.Operation.Type.CREATE, Offer.Operation.Type.LAUNCH),
        ops.stream().map(Offer.Operation::getType).toList());
    assertEquals(TASK_ID + ".reserve", ops.get(0).getId().getValue());
    assertEquals(TASK_ID + ".create", ops.get(1).getId().getValue());
    assertFalse(ops.get(2).hasId(), "Mesos refuses an id on LAUNCH");
    assertEquals(ops, match.operations());
  }

  @Test
  void reservesEveryMatchedResourceWithOurLabelsAndTheOffersAllocation() {
    List<Resource> reserved = ops.get(0).getReserve().getResourcesList();
    assertEquals(List.of("cpus:0.5", "mem:64.0", "disk:10.0", "ports:[31000-31000]", "disk:100.0@/mnt/path-0"),
        reserved.stream().map(FirstPlacementTest::brief).toList());
    for (Resource r : reserved) {
      assertEquals(ROLE, r.getAllocationInfo().getRole());
      assertEquals(1, r.getReservationsCount());
      Resource.ReservationInfo info = r.getReservations(0);
      assertEquals(Resource.ReservationInfo.Type.DYNAMIC, info.getType());
      assertEquals(ROLE, info.getRole());
      assertEquals("mooring", info.getPrincipal());
      assertEquals(Map.of("marathon_framework_id", "fw-1", "marathon_task_id", "db.instance-1", "mooring_claim_id",
          TASK_ID), info.getLabels().getLabelsList().stream()
          .collect(Collectors.toMap(Label::getKey, Label::getValue)));
    }
  }

  @Test
  void createsTheVolumeOnTheReservedDisk() {
    Resource volume = ops.get(1).getCreate().getVolumes(0);
    assertEquals(ops.get(0).getReserve().getResources(4).toBuilder().setDisk(volume.getDisk()).build(), volume);
    assertEquals(PERSISTENCE_ID, volume.getDisk().getPersistence().getId());
    assertEquals("mooring", volume.getDisk().getPersistence().getPrincipal());
    assertEquals("data", volume.getDisk().getVolume().getContainerPath());
    assertEquals(Volume.Mode.RW, volume.getDisk().getVolume().getMode());
    assertEquals("/mnt/path-0", volume.getDisk().getSource().getPath().getRoot());
  }

  @Test
  void launchesOnTheReservedResourcesAndTheCreatedVolume() {
    TaskInfo task = ops.get(2).getLaunch().getTaskInfos(0);
    assertEquals(TASK_ID, task.getTaskId().getValue());
    assertEquals("db", task.getName());
    assertEquals("agent-0", task.getAgentId().getValue());
    List<Resource> expected = new java.util.ArrayList<>(ops.get(0).getReserve().getResourcesList().subList(0, 4));
    expected.add(ops.get(1).getCreate().getVolumes(0));
    assertEquals(expected, task.getResourcesList());
    Map<String, String> env = task.getCommand().getEnvironment().getVariablesList().stream()
        .collect(Collectors.toMap(Environment.Variable::getName, Environment.Variable::getValue));
    assertEquals("31000", env.get("PORT0"));
    assertEquals("31000", env.get("PORT_HTTP"));
    assertEquals(TASK_ID, env.get("MESOS_TASK_ID"));
    assertEquals("host-0", env.get("HOST"));
  }

  @Test
  void claimsTheReservationAndAStagingTask() {
    assertEquals("db.instance-1", launch.instanceId());
    assertEquals("/db", launch.runSpecId());
    assertEquals(VERSION, launch.configVersion());
    assertEquals(List.of(Task.newBuilder().setTaskId(TASK_ID).setIncarnation(1).setMesosState("TASK_STAGING")
        .setStagedAt(NOW).setRunSpecVersion(VERSION).addHostPorts(31000).build()), launch.tasks());
    Reservation reservation = launch.reservation();
    assertEquals("agent-0", reservation.getAgentId());
    assertEquals("host-0", reservation.getHostname());
    assertEquals(List.of(TASK_ID + ".reserve", TASK_ID + ".create"), reservation.getOperationIdsList());
    assertEquals(INSTANCE.getVolumesList(), reservation.getVolumesList());
    assertEquals(5, reservation.getResourcesCount());
    ReservedResource volume = reservation.getResources(4);
    assertEquals(ReservedResource.newBuilder().setName("disk").setScalar(100)
        .setDiskSource(DiskSource.newBuilder().setType(DiskSource.Type.PATH).setRoot("/mnt/path-0"))
        .setPersistenceId(PERSISTENCE_ID).setContainerPath("data").setRole(ROLE).setPrincipal("mooring")
        .putLabels("marathon_framework_id", "fw-1").putLabels("marathon_task_id", "db.instance-1")
        .putLabels("mooring_claim_id", TASK_ID).build(), volume);
    ReservedResource ports = reservation.getResources(3);
    assertEquals(31000, ports.getRanges(0).getBegin());
    assertTrue(reservation.getResourcesList().stream().allMatch(r -> r.getRole().equals(ROLE)));
    assertTrue(reservation.getResourcesList().stream().allMatch(r -> r.getLabelsMap().equals(volume.getLabelsMap())),
        "every resource is recorded with the claim's labels");
  }

  @Test
  void secondIncarnationGetsTheNextTaskId() {
    LaunchRequest request = Fixtures.first(DB, INSTANCE.toBuilder().setIncarnation(3).build());
    Launch next = OfferMatcher.match(Fixtures.standardOffer(), List.of(request), SETTINGS, NOW).launches().get(0);
    assertEquals("db.instance-1._app.4", next.tasks().get(0).getTaskId());
    assertEquals("db.instance-1._app.4.reserve", next.operations().get(0).getId().getValue());
    for (Resource r : next.operations().get(0).getReserve().getResourcesList()) {
      assertEquals(Map.of("marathon_framework_id", "fw-1", "marathon_task_id", "db.instance-1", "mooring_claim_id",
          "db.instance-1._app.4"), r.getReservations(0).getLabels().getLabelsList().stream()
          .collect(Collectors.toMap(Label::getKey, Label::getValue)), "a new claim: its own claim label");
    }
    assertEquals(Map.of("marathon_framework_id", "fw-1", "marathon_task_id", "db.instance-1", "mooring_claim_id",
        "db.instance-1._app.4"), next.reservation().getResources(0).getLabelsMap());
  }

  static String brief(Resource r) {
    String value = r.hasScalar() ? String.valueOf(r.getScalar().getValue())
        : r.getRanges().getRangeList().stream().map(x -> x.getBegin() + "-" + x.getEnd()).toList().toString();
    String disk = r.getDisk().getSource().hasPath() ? "@" + r.getDisk().getSource().getPath().getRoot()
        : r.getDisk().getSource().hasMount() ? "@" + r.getDisk().getSource().getMount().getRoot() : "";
    return r.getName() + ":" + value + disk;
  }
}
