package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.ROLE;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.app;
import static io.mooring.offer.matching.Fixtures.persistent;
import static io.mooring.offer.matching.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.PortDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Relaunch on a reservation: ACCEPT [LAUNCH] only from the resources labelled with the instance and its claim, only
 * with all of its volumes, wherever they are offered (an agent that rebooted offers them under a new agent id). The
 * re-offer is built from what the first launch reserved, as Mesos re-offers it after the task ended.
 */
class RelaunchTest {
  private static final App DB = app("/db", persistent("data", "path", 100), persistent("logs", "mount", 10))
      .setDisk(10).addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("http"))
      .addPortDefinitions(PortDefinition.newBuilder().setPort(0)).build();
  private static final Launch FIRST = OfferMatcher.match(Fixtures.standardOffer(),
      List.of(Fixtures.first(DB, 1)), SETTINGS, NOW).launches().get(0);
  /** The instance as reservation-service holds it after the first task ended. */
  private static final Instance SUSPENDED = Fixtures.instance(DB, 1).toBuilder().setIncarnation(1)
      .setReservation(FIRST.reservation()).addAllTasks(FIRST.tasks()).build();
  /** The claim that reserved it: the first task id, in the labels of every resource it reserved. */
  private static final String CLAIM = "db.instance-1._app.1";

  /** What the first LAUNCH ran on: reserved cpus, mem, scratch disk, ports and the created volumes. */
  private static List<Resource> reservedResources() {
    return launched(FIRST).getResourcesList();
  }

  private static TaskInfo launched(Launch launch) {
    return launch.operations().get(launch.operations().size() - 1).getLaunch().getTaskInfos(0);
  }

  /** The re-offer: the reservation plus what nobody reserved. */
  private static Offer reoffer(UnaryOperator<List<Resource>> change) {
    List<Resource> resources = new ArrayList<>(reservedResources());
    resources.add(scalar("cpus", 3.5));
    resources.add(scalar("mem", 4000));
    resources.add(Fixtures.ports(31002, 32000));
    resources.add(scalar("disk", 20000));
    return Fixtures.offer("agent-0", "host-0-renamed", change.apply(resources));
  }

  @Test
  void launchesOnlyOnTheReservedResourcesWithAllVolumes() {
    OfferMatch match = OfferMatcher.match(reoffer(r -> r), List.of(Fixtures.relaunch(DB, SUSPENDED)), SETTINGS, NOW);
    assertEquals(Map.of(), match.rejections());
    Launch launch = match.launches().get(0);
    assertEquals(1, launch.operations().size());
    Offer.Operation op = launch.operations().get(0);
    assertEquals(Offer.Operation.Type.LAUNCH, op.getType());
    assertFalse(op.hasId());
    TaskInfo task = op.getLaunch().getTaskInfos(0);
    assertEquals("db.instance-1._app.2", task.getTaskId().getValue());
    assertEquals(reservedResources(), task.getResourcesList(), "same reserved resources, volumes as offered");
    assertEquals(2, launch.tasks().get(0).getIncarnation());
    assertEquals(FIRST.tasks().get(0).getHostPortsList(), launch.tasks().get(0).getHostPortsList());
    assertEquals(List.of(31000, 31001), launch.tasks().get(0).getHostPortsList());
    assertEquals(FIRST.reservation().toBuilder().setHostname("host-0-renamed").clearOperationIds().build(),
        launch.reservation());
  }

  /** An agent that rebooted comes back with a new id, and with the labelled reservation and volumes it checkpointed. */
  @Test
  void relaunchesOnItsReservationOfferedUnderANewAgentId() {
    Offer offer = reoffer(r -> r).toBuilder()
        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("agent-0-rebooted")).build();
    OfferMatch match = OfferMatcher.match(offer, List.of(Fixtures.relaunch(DB, SUSPENDED)), SETTINGS, NOW);
    assertEquals(Map.of(), match.rejections());
    Launch launch = match.launches().get(0);
    assertEquals(List.of(Offer.Operation.Type.LAUNCH), launch.operations().stream().map(Offer.Operation::getType)
        .toList(), "nothing reserved again");
    TaskInfo task = launched(launch);
    assertEquals("db.instance-1._app.2", task.getTaskId().getValue());
    assertEquals("agent-0-rebooted", task.getAgentId().getValue());
    assertEquals(reservedResources(), task.getResourcesList(), "same reserved resources, volumes as offered");
    assertEquals(List.of(31000, 31001), launch.tasks().get(0).getHostPortsList());
    assertEquals(FIRST.reservation().toBuilder().setAgentId("agent-0-rebooted").setHostname("host-0-renamed")
        .clearOperationIds().build(), launch.reservation(), "the claim records the new agent id");
  }

  /** An offer that a relaunch waits for is declined briefly: its agent holds the reservation, maybe renamed. */
  @Test
  void aRelaunchAwaitsItsAgentUnderItsOldIdOrWhereverItsVolumesAre() {
    LaunchRequest relaunch = Fixtures.relaunch(DB, SUSPENDED);
    Offer rebooted = reoffer(r -> r).toBuilder()
        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("agent-0-rebooted")).build();
    Offer elsewhere = Fixtures.offer("agent-9", "host-9", Fixtures.standardResources());
    assertTrue(OfferMatcher.awaitsAgentOf(relaunch, reoffer(r -> r)));
    assertTrue(OfferMatcher.awaitsAgentOf(relaunch, rebooted), "the volumes are there, under a new agent id");
    assertFalse(OfferMatcher.awaitsAgentOf(relaunch, elsewhere));
    assertFalse(OfferMatcher.awaitsAgentOf(Fixtures.first(DB, 2), reoffer(r -> r)), "a first launch waits for none");
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("another agent without the volumes", r -> without(without(r, "logs"), "data"), "agent-1",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("another agent with none of its resources", RelaunchTest::unreservedOnly, "agent-1",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("none of its resources", RelaunchTest::unreservedOnly, "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("all of it reserved by another claim of the instance",
            r -> relabelAll(r, "mooring_claim_id", "db.instance-1._app.7"), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("all of it reserved by another claim, on another agent",
            r -> relabelAll(r, "mooring_claim_id", "db.instance-1._app.7"), "agent-1",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("volume of another claim of the instance", r -> relabel(r, "data", "mooring_claim_id",
            "db.instance-1._app.7"), "agent-0", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("reserved cpus of another claim of the instance", r -> relabel(r, "cpus", "mooring_claim_id",
            "db.instance-1._app.7"), "agent-0", RejectReasons.INSUFFICIENT_CPUS),
        refusal("reserved ports of another claim of the instance", r -> relabel(r, "ports", "mooring_claim_id",
            "db.instance-1._app.7"), "agent-0", RejectReasons.INSUFFICIENT_PORTS),
        refusal("reserved cpus without a claim label", r -> unlabel(r, "cpus", "mooring_claim_id"), "agent-0",
            RejectReasons.INSUFFICIENT_CPUS),
        refusal("a volume missing", r -> without(r, "logs"), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("all volumes missing", r -> without(without(r, "logs"), "data"), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("volume of another instance", r -> relabel(r, "data", "marathon_task_id", "db.instance-2"), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("volume of another framework", r -> relabel(r, "data", "marathon_framework_id", "fw-2"), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("reserved cpus of another instance", r -> relabel(r, "cpus", "marathon_task_id", "db.instance-2"),
            "agent-0", RejectReasons.INSUFFICIENT_CPUS),
        refusal("reserved mem missing (unreserved mem is not used)", r -> without(r, "mem"), "agent-0",
            RejectReasons.INSUFFICIENT_MEMORY),
        refusal("reserved scratch disk missing", r -> without(r, "disk"), "agent-0", RejectReasons.INSUFFICIENT_DISK),
        refusal("reserved ports missing", r -> without(r, "ports"), "agent-0", RejectReasons.INSUFFICIENT_PORTS),
        refusal("allocated to another role", r -> r.stream().map(Fixtures::otherRole).toList(), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithoutItsReservation(String name, UnaryOperator<List<Resource>> change, String agent, String reason) {
    Offer offer = reoffer(change == null ? r -> r : change).toBuilder()
        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(agent)).build();
    OfferMatch match = OfferMatcher.match(offer, List.of(Fixtures.relaunch(DB, SUSPENDED)), SETTINGS, NOW);
    assertEquals(List.of(), match.launches());
    assertEquals(Map.of("/db", reason), match.rejections());
  }

  /**
   * An earlier claim of the instance expired on this agent after RESERVE (its leftovers wait for the garbage
   * collector); the instance was placed here again by a later claim with fresh persistence ids. Offered side by side,
   * leftovers first, the relaunch takes only what its own claim reserved.
   */
  @Test
  void leavesTheLeftoversOfAnEarlierClaimOfTheInstanceAlone() {
    List<Resource> leftovers = FIRST.operations().get(0).getReserve().getResourcesList();  // CREATE never ran
    Instance again = Fixtures.instance(DB, 1).toBuilder().setIncarnation(1).clearVolumes()
        .addAllVolumes(Fixtures.instance(DB, 1).getVolumesList().stream().map(v -> v.toBuilder()
            .setUuid(v.getUuid() + "-again").setPersistenceId(v.getPersistenceId() + "-again").build()).toList())
        .build();
    Offer rest = Fixtures.offer(List.of(scalar("cpus", 3.5), scalar("mem", 8128), Fixtures.ports(31002, 32000),
        scalar("disk", 20470), Fixtures.pathDisk("/mnt/path-0", 10140, null),
        Fixtures.mountDisk("/mnt/ssd-1", 8192, "fast")));  // the standard agent without the leftovers
    Launch later = OfferMatcher.match(rest, List.of(Fixtures.first(DB, again)), SETTINGS, NOW).launches().get(0);
    assertEquals("db.instance-1._app.2.reserve", later.operations().get(0).getId().getValue());
    Instance suspended = again.toBuilder().setIncarnation(2).setReservation(later.reservation())
        .addAllTasks(later.tasks()).build();
    List<Resource> own = launched(later).getResourcesList();
    List<Resource> resources = new ArrayList<>(leftovers);
    resources.addAll(own);
    resources.addAll(List.of(scalar("cpus", 3), scalar("mem", 8064), Fixtures.ports(31004, 32000),
        scalar("disk", 20460), Fixtures.pathDisk("/mnt/path-0", 10040, null)));
    Offer offer = Fixtures.offer(resources);

    OfferMatch match = OfferMatcher.match(offer, List.of(Fixtures.relaunch(DB, suspended)), SETTINGS, NOW);
    assertEquals(Map.of(), match.rejections());
    Launch launch = match.launches().get(0);
    TaskInfo task = launched(launch);
    assertEquals("db.instance-1._app.3", task.getTaskId().getValue());
    assertEquals(own, task.getResourcesList(), "its own claim's resources only");
    assertEquals(List.of(), task.getResourcesList().stream().filter(r -> Ownership.claimOf(r).equals(CLAIM))
        .toList(), "none of the earlier claim's leftovers");
    assertEquals(later.tasks().get(0).getHostPortsList(), launch.tasks().get(0).getHostPortsList());
    assertEquals(later.reservation().toBuilder().setHostname("host-0").clearOperationIds().build(),
        launch.reservation());

    OfferMatch withoutItsOwn = OfferMatcher.match(Fixtures.offer(leftovers), List.of(Fixtures.relaunch(DB,
        suspended)), SETTINGS, NOW);
    assertEquals(Map.of("/db", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND), withoutItsOwn.rejections(),
        "the leftovers alone are not its reservation");
  }

  @Test
  void relaunchesComeFirstAndFirstPlacementsUseTheRest() {
    App other = app("/other", persistent("data", "root", 100)).setCpus(3.5).build();
    List<LaunchRequest> queue = List.of(Fixtures.first(other, 1), Fixtures.relaunch(DB, SUSPENDED));
    OfferMatch match = OfferMatcher.match(reoffer(r -> r), queue, SETTINGS, NOW);
    assertEquals(List.of("db.instance-1", "other.instance-1"),
        match.launches().stream().map(Launch::instanceId).toList());
    assertEquals(Map.of(), match.rejections());
    OfferMatcherTest.assertFitsInOffer(reoffer(r -> r), match);
  }

  @Test
  void theInstanceItselfDoesNotBreakItsUniqueConstraint() {
    App unique = DB.toBuilder().addConstraints(Fixtures.list("hostname", "UNIQUE")).build();
    LaunchRequest request = Fixtures.relaunch(unique, SUSPENDED).toBuilder().addPeerHosts("host-1").build();
    assertEquals(1, OfferMatcher.match(reoffer(r -> r), List.of(request), SETTINGS, NOW).launches().size());
  }

  private static List<Resource> without(List<Resource> resources, String nameOrVolume) {
    return resources.stream().filter(r -> !matches(r, nameOrVolume) || r.getReservationsCount() == 0).toList();
  }

  private static List<Resource> relabel(List<Resource> resources, String nameOrVolume, String key, String value) {
    return resources.stream().map(r -> {
      if (!matches(r, nameOrVolume) || r.getReservationsCount() == 0) return r;
      Resource.Builder b = r.toBuilder();
      Resource.ReservationInfo.Builder info = b.getReservationsBuilder(0);
      List<Label> labels = info.getLabels().getLabelsList().stream()
          .map(l -> l.getKey().equals(key) ? l.toBuilder().setValue(value).build() : l).toList();
      info.getLabelsBuilder().clearLabels().addAllLabels(labels);
      return b.build();
    }).toList();
  }

  private static List<Resource> relabelAll(List<Resource> resources, String key, String value) {
    List<Resource> relabelled = resources;
    for (String nameOrVolume : List.of("cpus", "mem", "disk", "ports", "data", "logs")) {
      relabelled = relabel(relabelled, nameOrVolume, key, value);
    }
    return relabelled;
  }

  /** The reserved resource without the label {@code key}. */
  private static List<Resource> unlabel(List<Resource> resources, String nameOrVolume, String key) {
    return resources.stream().map(r -> {
      if (!matches(r, nameOrVolume) || r.getReservationsCount() == 0) return r;
      Resource.Builder b = r.toBuilder();
      Resource.ReservationInfo.Builder info = b.getReservationsBuilder(0);
      List<Label> labels = info.getLabels().getLabelsList().stream().filter(l -> !l.getKey().equals(key)).toList();
      info.getLabelsBuilder().clearLabels().addAllLabels(labels);
      return b.build();
    }).toList();
  }

  /** What nobody reserved: none of the instance's resources. */
  private static List<Resource> unreservedOnly(List<Resource> resources) {
    return resources.stream().filter(r -> r.getReservationsCount() == 0).toList();
  }

  /** A resource by name, or a volume by container path; scratch "disk" is the reserved disk without a volume. */
  private static boolean matches(Resource r, String nameOrVolume) {
    if (r.getDisk().hasVolume()) return r.getDisk().getVolume().getContainerPath().equals(nameOrVolume);
    return r.getName().equals(nameOrVolume);
  }

  private static Arguments refusal(String name, UnaryOperator<List<Resource>> change, String agent, String reason) {
    return Arguments.of(name, change, agent, reason);
  }

  static {
    assertEquals(ROLE, SUSPENDED.getReservation().getResources(0).getRole());
    // The re-offered resources carry the claim label the reservation was recorded with: the relaunch takes only those.
    for (Resource r : reservedResources()) assertEquals(CLAIM, Ownership.claimOf(r), r.toString());
    SUSPENDED.getReservation().getResourcesList().forEach(r -> assertEquals(CLAIM, r.getLabelsOrThrow(
        "mooring_claim_id")));
  }
}
