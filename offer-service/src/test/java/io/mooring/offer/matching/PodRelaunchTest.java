package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.scalar;
import static io.mooring.offer.matching.PodFirstPlacementTest.DB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pod relaunched on its reservation: ACCEPT [LAUNCH_GROUP] from the resources labelled with the instance and its
 * claim only, with its volume on the executor again, on whatever agent id offers them. The re-offer is what the first
 * placement reserved and created, as Mesos re-offers it.
 */
class PodRelaunchTest {
  private static final Launch FIRST = OfferMatcher.match(Fixtures.standardOffer(),
      List.of(PodFixtures.first(DB, PodFirstPlacementTest.INSTANCE)), SETTINGS, NOW).launches().get(0);
  private static final Instance SUSPENDED = PodFixtures.suspended(PodFirstPlacementTest.INSTANCE, FIRST);
  /** The claim that reserved it: the first container's first task id. */
  private static final String CLAIM = "db.instance-1.a.1";
  private static final String OTHER_CLAIM = "db.instance-1.a.7";

  /** The re-offer: the reservation plus what nobody reserved. */
  private static Offer reoffer(UnaryOperator<List<Resource>> change, String agent) {
    List<Resource> resources = new ArrayList<>(PodFixtures.reservedBy(FIRST));
    resources.addAll(List.of(scalar("cpus", 3), scalar("mem", 4000), Fixtures.ports(31001, 31499),
        scalar("disk", 20000)));
    return Fixtures.offer(agent, "host-0-renamed", change.apply(resources));
  }

  @Test
  void launchesTheGroupOnTheReservedResourcesWithTheVolume() {
    OfferMatch match = OfferMatcher.match(reoffer(r -> r, "agent-0"), List.of(PodFixtures.relaunch(DB, SUSPENDED)),
        SETTINGS, NOW);
    assertEquals(Map.of(), match.rejections());
    Launch launch = match.launches().get(0);
    assertEquals(List.of(Offer.Operation.Type.LAUNCH_GROUP), launch.operations().stream()
        .map(Offer.Operation::getType).toList());
    assertFalse(launch.operations().get(0).hasId());
    Offer.Operation.LaunchGroup group = PodFixtures.launchGroup(launch);
    Offer.Operation.LaunchGroup first = PodFixtures.launchGroup(FIRST);
    assertEquals("instance-db.instance-1.2", group.getExecutor().getExecutorId().getValue());
    assertEquals(first.getExecutor().getResourcesList(), group.getExecutor().getResourcesList(),
        "the executor's reserved share and the created volume, as offered");
    for (int i = 0; i < 2; i++) {
      TaskInfo task = group.getTaskGroup().getTasks(i);
      assertEquals(first.getTaskGroup().getTasks(i).getResourcesList(), task.getResourcesList());
      assertEquals(first.getTaskGroup().getTasks(i).getContainer(), task.getContainer());
    }
    assertEquals(List.of("db.instance-1.a.2", "db.instance-1.b.2"), launch.tasks().stream().map(Task::getTaskId)
        .toList());
    assertEquals(List.of(2, 2), launch.tasks().stream().map(Task::getIncarnation).toList());
    assertEquals(FIRST.tasks().stream().map(Task::getHostPortsList).toList(),
        launch.tasks().stream().map(Task::getHostPortsList).toList(), "host ports are those reserved");
    assertEquals(FIRST.reservation().toBuilder().setHostname("host-0-renamed").clearOperationIds().build(),
        launch.reservation());
  }

  /** An agent that rebooted comes back with a new id, and with the labelled reservation and volume it checkpointed. */
  @Test
  void relaunchesOnItsReservationOfferedUnderANewAgentId() {
    OfferMatch match = OfferMatcher.match(reoffer(r -> r, "agent-0-rebooted"),
        List.of(PodFixtures.relaunch(DB, SUSPENDED)), SETTINGS, NOW);
    assertEquals(Map.of(), match.rejections());
    Launch launch = match.launches().get(0);
    assertEquals(List.of(Offer.Operation.Type.LAUNCH_GROUP), launch.operations().stream()
        .map(Offer.Operation::getType).toList(), "nothing reserved again");
    Offer.Operation.LaunchGroup group = PodFixtures.launchGroup(launch);
    Offer.Operation.LaunchGroup first = PodFixtures.launchGroup(FIRST);
    assertEquals(first.getExecutor().getResourcesList(), group.getExecutor().getResourcesList());
    for (int i = 0; i < 2; i++) {
      TaskInfo task = group.getTaskGroup().getTasks(i);
      assertEquals("agent-0-rebooted", task.getAgentId().getValue());
      assertEquals(first.getTaskGroup().getTasks(i).getResourcesList(), task.getResourcesList());
    }
    assertEquals(List.of("db.instance-1.a.2", "db.instance-1.b.2"), launch.tasks().stream().map(Task::getTaskId)
        .toList());
    assertEquals(FIRST.reservation().toBuilder().setAgentId("agent-0-rebooted").setHostname("host-0-renamed")
        .clearOperationIds().build(), launch.reservation(), "the claim records the new agent id");
  }

  /**
   * An earlier claim of the instance expired here after RESERVE (its leftovers wait for the garbage collector); the
   * instance was placed again by a later claim with fresh persistence ids. Offered side by side, leftovers first, the
   * relaunch takes only what its own claim reserved. (Container b's host port is dynamic here: a fixed one could not
   * be reserved twice on one agent.)
   */
  @Test
  void leavesTheLeftoversOfAnEarlierClaimOfTheInstanceAlone() {
    Pod pod = DB.toBuilder().setContainers(1, DB.getContainers(1).toBuilder().clearEndpoints()
        .addEndpoints(PodFixtures.endpoint("admin-api", 0))).build();
    Launch earlier = OfferMatcher.match(Fixtures.standardOffer(),
        List.of(PodFixtures.first(pod, PodFirstPlacementTest.INSTANCE)), SETTINGS, NOW).launches().get(0);
    List<Resource> leftovers = earlier.operations().get(0).getReserve().getResourcesList();  // CREATE never ran
    assertEquals(CLAIM, Ownership.claimOf(leftovers.get(0)));
    Instance again = PodFirstPlacementTest.INSTANCE.toBuilder().setIncarnation(1).clearVolumes()
        .addAllVolumes(PodFirstPlacementTest.INSTANCE.getVolumesList().stream().map(v -> v.toBuilder()
            .setUuid(v.getUuid() + "-again").setPersistenceId(v.getPersistenceId() + "-again").build()).toList())
        .build();
    Offer rest = Fixtures.offer(List.of(scalar("cpus", 3.15), scalar("mem", 8064), Fixtures.ports(31002, 32000),
        scalar("disk", 20465), Fixtures.pathDisk("/mnt/path-0", 10140, null)));  // the agent without the leftovers
    Launch later = OfferMatcher.match(rest, List.of(PodFixtures.first(pod, again)), SETTINGS, NOW).launches().get(0);
    assertEquals("db.instance-1.a.2.reserve", later.operations().get(0).getId().getValue());
    Instance suspended = PodFixtures.suspended(again, later);
    List<Resource> resources = new ArrayList<>(leftovers);
    resources.addAll(PodFixtures.reservedBy(later));
    resources.addAll(List.of(scalar("cpus", 2.3), scalar("mem", 7936), Fixtures.ports(31004, 32000),
        scalar("disk", 20450), Fixtures.pathDisk("/mnt/path-0", 10040, null)));

    OfferMatch match = OfferMatcher.match(Fixtures.offer(resources), List.of(PodFixtures.relaunch(pod, suspended)),
        SETTINGS, NOW);
    assertEquals(Map.of(), match.rejections());
    Launch launch = match.launches().get(0);
    Offer.Operation.LaunchGroup group = PodFixtures.launchGroup(launch);
    Offer.Operation.LaunchGroup own = PodFixtures.launchGroup(later);
    assertEquals(own.getExecutor().getResourcesList(), group.getExecutor().getResourcesList());
    for (int i = 0; i < 2; i++) {
      assertEquals(own.getTaskGroup().getTasks(i).getResourcesList(), group.getTaskGroup().getTasks(i)
          .getResourcesList(), "its own claim's resources only");
    }
    List<Resource> used = new ArrayList<>(group.getExecutor().getResourcesList());
    group.getTaskGroup().getTasksList().forEach(t -> used.addAll(t.getResourcesList()));
    assertEquals(List.of(), used.stream().filter(r -> Ownership.claimOf(r).equals(CLAIM)).toList(),
        "none of the earlier claim's leftovers");
    assertEquals(later.tasks().stream().map(Task::getHostPortsList).toList(),
        launch.tasks().stream().map(Task::getHostPortsList).toList(), "host ports are those of its own claim");
    assertEquals(later.reservation().toBuilder().setHostname("host-0").clearOperationIds().build(),
        launch.reservation());
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("another agent without the volume", r -> without(r, PodRelaunchTest::isVolume), "agent-1",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("another agent with none of its resources", r -> without(r, x -> x.getReservationsCount() > 0),
            "agent-1", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("none of its resources", r -> without(r, x -> x.getReservationsCount() > 0), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("all of it reserved by another claim of the instance", r -> claimedBy(r, x -> true, OTHER_CLAIM),
            "agent-0", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("all of it reserved by another claim, on another agent", r -> claimedBy(r, x -> true, OTHER_CLAIM),
            "agent-1", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("volume of another claim of the instance", r -> claimedBy(r, PodRelaunchTest::isVolume, OTHER_CLAIM),
            "agent-0", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("reserved cpus of another claim of the instance", r -> claimedBy(r, reserved("cpus"), OTHER_CLAIM),
            "agent-0", RejectReasons.INSUFFICIENT_CPUS),
        refusal("reserved mem of another claim of the instance", r -> claimedBy(r, reserved("mem"), OTHER_CLAIM),
            "agent-0", RejectReasons.INSUFFICIENT_MEMORY),
        refusal("volume missing", r -> without(r, PodRelaunchTest::isVolume), "agent-0",
            RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
        refusal("reserved cpus missing (unreserved cpus are not used)", r -> without(r, reserved("cpus")), "agent-0",
            RejectReasons.INSUFFICIENT_CPUS),
        refusal("reserved mem missing", r -> without(r, reserved("mem")), "agent-0",
            RejectReasons.INSUFFICIENT_MEMORY),
        refusal("reserved scratch disk missing", r -> without(r, x -> reserved("disk").test(x) && !isVolume(x)),
            "agent-0", RejectReasons.INSUFFICIENT_DISK),
        refusal("reserved ports missing", r -> without(r, reserved("ports")), "agent-0",
            RejectReasons.INSUFFICIENT_PORTS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithoutItsReservation(String name, UnaryOperator<List<Resource>> change, String agent, String reason) {
    OfferMatch match = OfferMatcher.match(reoffer(change, agent).toBuilder()
        .setAgentId(AgentID.newBuilder().setValue(agent)).build(), List.of(PodFixtures.relaunch(DB, SUSPENDED)),
        SETTINGS, NOW);
    assertEquals(List.of(), match.launches());
    assertEquals(Map.of("/db", reason), match.rejections());
  }

  /** The reserved resources {@code which} selects as reserved by the claim {@code claimId} of the same instance. */
  private static List<Resource> claimedBy(List<Resource> resources, java.util.function.Predicate<Resource> which,
      String claimId) {
    return resources.stream().map(r -> {
      if (r.getReservationsCount() == 0 || !which.test(r)) return r;
      Resource.Builder b = r.toBuilder();
      Resource.ReservationInfo.Builder info = b.getReservationsBuilder(0);
      List<Label> labels = info.getLabels().getLabelsList().stream().map(l -> l.getKey().equals("mooring_claim_id")
          ? l.toBuilder().setValue(claimId).build() : l).toList();
      info.getLabelsBuilder().clearLabels().addAllLabels(labels);
      return b.build();
    }).toList();
  }

  private static boolean isVolume(Resource r) {
    return Ownership.isPersistentVolume(r);
  }

  private static java.util.function.Predicate<Resource> reserved(String name) {
    return r -> r.getName().equals(name) && r.getReservationsCount() > 0;
  }

  private static List<Resource> without(List<Resource> resources, java.util.function.Predicate<Resource> drop) {
    return resources.stream().filter(drop.negate()).toList();
  }

  private static Arguments refusal(String name, UnaryOperator<List<Resource>> change, String agent, String reason) {
    return Arguments.of(name, change, agent, reason);
  }

  static {
    // The re-offered resources carry the claim label the reservation was recorded with: the relaunch takes only those.
    for (Resource r : PodFixtures.reservedBy(FIRST)) assertEquals(CLAIM, Ownership.claimOf(r), r.toString());
    SUSPENDED.getReservation().getResourcesList().forEach(r -> assertEquals(CLAIM, r.getLabelsOrThrow(
        "mooring_claim_id")));
  }
}
