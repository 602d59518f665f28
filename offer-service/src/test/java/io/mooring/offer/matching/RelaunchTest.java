package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.ROLE;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.app;
import static io.mooring.offer.matching.Fixtures.persistent;
import static io.mooring.offer.matching.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Relaunch on a reservation: ACCEPT [LAUNCH] only on its agent, only from its labelled resources, only with all of
 * its volumes. The re-offer is built from what the first launch reserved, as Mesos re-offers it after the task ended.
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

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("another agent", null, "agent-1", RejectReasons.NO_CORRESPONDING_RESERVATION_FOUND),
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
  }
}
