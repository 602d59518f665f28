package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.ROLE;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.VERSION;
import static io.mooring.offer.matching.PodFixtures.container;
import static io.mooring.offer.matching.PodFixtures.endpoint;
import static io.mooring.offer.matching.PodFixtures.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodCommand;
import io.mooring.proto.v1.PodExec;
import io.mooring.proto.v1.PodImage;
import io.mooring.proto.v1.Resources;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A pod's first placement: ONE ACCEPT [RESERVE, CREATE, LAUNCH_GROUP], shared out among executor and containers. */
class PodFirstPlacementTest {
  static final Pod DB = PodFixtures.pod("/db", List.of(PodFixtures.volume("data", "path", 100)),
      container("a", 0.5, 64, "echo a >> data/log").addEndpoints(endpoint("http", 0))
          .addVolumeMounts(mount("data", "data")).putEnvironment("ROLE", "a").build(),
      container("b", 0.25, 32, "").setResources(Resources.newBuilder().setCpus(0.25).setMem(32).setDisk(5))
          .setExec(PodExec.newBuilder().setCommand(PodCommand.newBuilder().addArgv("/bin/db").addArgv("--admin")))
          .setImage(PodImage.newBuilder().setKind("DOCKER").setId("busybox:1"))
          .addEndpoints(endpoint("admin-api", 31500)).addVolumeMounts(mount("data", "var/data")).build())
      .putEnvironment("ROLE", "pod").putEnvironment("SHARED", "yes").build();
  static final Instance INSTANCE = PodFixtures.instance(DB, 1);
  private static final Launch LAUNCH = OfferMatcher.match(Fixtures.standardOffer(),
      List.of(PodFixtures.first(DB, INSTANCE)), SETTINGS, NOW).launches().get(0);
  private static final List<Offer.Operation> OPS = LAUNCH.operations();
  private static final Offer.Operation.LaunchGroup GROUP = PodFixtures.launchGroup(LAUNCH);

  @Test
  void reservesCreatesAndLaunchesTheGroupInOneAccept() {
    assertEquals(List.of(Offer.Operation.Type.RESERVE, Offer.Operation.Type.CREATE,
        Offer.Operation.Type.LAUNCH_GROUP), OPS.stream().map(Offer.Operation::getType).toList());
    assertEquals("db.instance-1.a.1.reserve", OPS.get(0).getId().getValue());
    assertEquals("db.instance-1.a.1.create", OPS.get(1).getId().getValue());
    assertFalse(OPS.get(2).hasId(), "Mesos refuses an id on LAUNCH_GROUP");
    assertEquals(List.of("cpus:0.85", "mem:128.0", "disk:15.0", "ports:[31000-31000, 31500-31500]",
        "disk:100.0@/mnt/path-0"), OPS.get(0).getReserve().getResourcesList().stream()
        .map(FirstPlacementTest::brief).toList(), "executor + Σ containers, then the volume's disk");
    Resource volume = OPS.get(1).getCreate().getVolumes(0);
    assertEquals("db#data#uuid-1-data", volume.getDisk().getPersistence().getId());
    assertEquals("data", volume.getDisk().getVolume().getContainerPath(), "the executor mounts it by its name");
  }

  static Stream<Arguments> shares() {
    return Stream.of(
        Arguments.of("executor", List.of("cpus:0.1", "mem:32.0", "disk:10.0", "disk:100.0@/mnt/path-0")),
        Arguments.of("a", List.of("cpus:0.5", "mem:64.0", "ports:[31000-31000]")),
        Arguments.of("b", List.of("cpus:0.25", "mem:32.0", "disk:5.0", "ports:[31500-31500]")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("shares")
  void sharesTheReservedResourcesOutWithTheVolumeOnTheExecutor(String part, List<String> expected) {
    List<Resource> resources = part.equals("executor") ? GROUP.getExecutor().getResourcesList()
        : task(part).getResourcesList();
    assertEquals(expected, resources.stream().map(FirstPlacementTest::brief).toList());
    for (Resource r : resources) {
      assertEquals(ROLE, r.getAllocationInfo().getRole());
      assertEquals(Map.of("marathon_framework_id", "fw-1", "marathon_task_id", "db.instance-1", "mooring_claim_id",
          "db.instance-1.a.1"), r.getReservations(0).getLabels().getLabelsList().stream()
              .collect(Collectors.toMap(Label::getKey, Label::getValue)));
    }
  }

  @Test
  void theExecutorIsTheDefaultOneWithTheCreatedVolume() {
    ExecutorInfo executor = GROUP.getExecutor();
    assertEquals(ExecutorInfo.Type.DEFAULT, executor.getType());
    assertEquals("instance-db.instance-1.1", executor.getExecutorId().getValue());
    assertEquals("fw-1", executor.getFrameworkId().getValue());
    assertFalse(executor.hasCommand(), "Mesos refuses a command on the DEFAULT executor");
    assertEquals(OPS.get(1).getCreate().getVolumes(0), executor.getResources(3));
  }

  @Test
  void oneTaskPerContainerWithTheSameIncarnation() {
    assertEquals(List.of("db.instance-1.a.1", "db.instance-1.b.1"), GROUP.getTaskGroup().getTasksList().stream()
        .map(t -> t.getTaskId().getValue()).toList());
    assertEquals(List.of("a", "b"), GROUP.getTaskGroup().getTasksList().stream().map(TaskInfo::getName).toList());
    Task a = Task.newBuilder().setTaskId("db.instance-1.a.1").setIncarnation(1).setMesosState("TASK_STAGING")
        .setStagedAt(NOW).setRunSpecVersion(VERSION).addHostPorts(31000).build();
    Task b = a.toBuilder().setTaskId("db.instance-1.b.1").clearHostPorts().addHostPorts(31500).build();
    assertEquals(List.of(a, b), LAUNCH.tasks());
    assertEquals("/db", LAUNCH.runSpecId());
    assertEquals(VERSION, LAUNCH.configVersion());
  }

  @Test
  void claimsEveryReservedResourceAndTheVolumes() {
    var reservation = LAUNCH.reservation();
    assertEquals("agent-0", reservation.getAgentId());
    assertEquals(List.of("db.instance-1.a.1.reserve", "db.instance-1.a.1.create"),
        reservation.getOperationIdsList());
    assertEquals(INSTANCE.getVolumesList(), reservation.getVolumesList());
    assertEquals(List.of("cpus", "mem", "disk", "ports", "disk"), reservation.getResourcesList().stream()
        .map(r -> r.getName()).toList());
    assertEquals("db#data#uuid-1-data", reservation.getResources(4).getPersistenceId());
    assertEquals("data", reservation.getResources(4).getContainerPath());
    for (var r : reservation.getResourcesList()) {
      assertEquals(Map.of("marathon_framework_id", "fw-1", "marathon_task_id", "db.instance-1", "mooring_claim_id",
          "db.instance-1.a.1"), r.getLabelsMap(), "the claim is named by its first task id");
    }
  }

  @Test
  void theNextIncarnationGetsNewTaskAndExecutorIds() {
    Instance third = INSTANCE.toBuilder().setIncarnation(3).build();
    Launch next = OfferMatcher.match(Fixtures.standardOffer(), List.of(PodFixtures.first(DB, third)), SETTINGS, NOW)
        .launches().get(0);
    assertEquals(List.of("db.instance-1.a.4", "db.instance-1.b.4"), next.tasks().stream().map(Task::getTaskId)
        .toList());
    assertEquals("instance-db.instance-1.4", PodFixtures.launchGroup(next).getExecutor().getExecutorId().getValue());
    assertEquals("db.instance-1.a.4.reserve", next.operations().get(0).getId().getValue());
    for (Resource r : next.operations().get(0).getReserve().getResourcesList()) {
      assertEquals(Map.of("marathon_framework_id", "fw-1", "marathon_task_id", "db.instance-1", "mooring_claim_id",
          "db.instance-1.a.4"), r.getReservations(0).getLabels().getLabelsList().stream()
          .collect(Collectors.toMap(Label::getKey, Label::getValue)), "a new claim: its own claim label");
    }
  }

  static TaskInfo task(String container) {
    return GROUP.getTaskGroup().getTasksList().stream().filter(t -> t.getName().equals(container)).findFirst()
        .orElseThrow();
  }
}
