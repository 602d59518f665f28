package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.scalar;
import static io.mooring.offer.matching.PodFirstPlacementTest.DB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pod relaunched on its reservation: ACCEPT [LAUNCH_GROUP] from its labelled resources only, with its volume on the
 * executor again. The re-offer is what the first placement reserved and created, as Mesos re-offers it.
 */
class PodRelaunchTest {
  private static final Launch FIRST = OfferMatcher.match(Fixtures.standardOffer(),
      List.of(PodFixtures.first(DB, PodFirstPlacementTest.INSTANCE)), SETTINGS, NOW).launches().get(0);
  private static final Instance SUSPENDED = PodFixtures.suspended(PodFirstPlacementTest.INSTANCE, FIRST);

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

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("another agent", r -> r, "agent-1", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
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
}
