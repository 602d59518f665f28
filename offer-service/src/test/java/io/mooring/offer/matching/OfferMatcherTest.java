package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.ROLE;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.app;
import static io.mooring.offer.matching.Fixtures.list;
import static io.mooring.offer.matching.Fixtures.persistent;
import static io.mooring.offer.matching.Fixtures.ports;
import static io.mooring.offer.matching.Fixtures.reservedWith;
import static io.mooring.offer.matching.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What gets placed from one offer, and why the rest is not. */
class OfferMatcherTest {
  private static final App BASE = app("/db", persistent("data", "root", 100)).build();

  static Stream<Arguments> specs() {
    return Stream.of(
        spec("fits", a -> a, null),
        spec("too many cpus", a -> a.setCpus(5), RejectReasons.INSUFFICIENT_CPUS),
        spec("too much memory", a -> a.setMem(9000), RejectReasons.INSUFFICIENT_MEMORY),
        spec("too much scratch disk", a -> a.setDisk(30000), RejectReasons.INSUFFICIENT_DISK),
        spec("scratch and volume exceed the root disk", a -> a.setDisk(20400), RejectReasons.INSUFFICIENT_DISK),
        spec("volume too big", a -> a.setContainer(BASE.getContainer().toBuilder().clearVolumes()
            .addVolumes(persistent("data", "mount", 9000))), RejectReasons.INSUFFICIENT_DISK),
        spec("gpus", a -> a.setGpus(1), RejectReasons.INSUFFICIENT_GPUS),
        spec("required port not offered", a -> a.setRequirePorts(true)
            .addPortDefinitions(PortDefinition.newBuilder().setPort(80)), RejectReasons.INSUFFICIENT_PORTS),
        spec("port 80 without requirePorts is any port", a -> a.addPortDefinitions(PortDefinition.newBuilder()
            .setPort(80)), null),
        spec("roles without *", a -> a.addAcceptedResourceRoles("slave_public"), RejectReasons.UNFULFILLED_ROLE),
        spec("roles without * (our role)", a -> a.addAcceptedResourceRoles(ROLE), RejectReasons.UNFULFILLED_ROLE),
        spec("roles with *", a -> a.addAcceptedResourceRoles(ROLE).addAcceptedResourceRoles("*"), null),
        spec("hostname constraint", a -> a.addConstraints(list("hostname", "UNLIKE", "host-0")),
            RejectReasons.UNFULFILLED_CONSTRAINT),
        spec("hostname constraint met", a -> a.addConstraints(list("hostname", "LIKE", "host-.*")), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void placesOrSaysWhyNot(String name, App app, String reason) {
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), List.of(Fixtures.first(app, 1)), SETTINGS, NOW);
    assertEquals(reason == null ? 1 : 0, match.launches().size());
    assertEquals(reason == null ? Map.of() : Map.of("/db", reason), match.rejections());
  }

  /** Only unreserved resources allocated to our role are reserved; labelled or foreign-role ones never. */
  static Stream<Arguments> offeredCpus() {
    Resource cpus = scalar("cpus", 4);
    return Stream.of(
        Arguments.of("unreserved", cpus, null),
        Arguments.of("allocated to another role", Fixtures.otherRole(cpus), RejectReasons.INSUFFICIENT_CPUS),
        Arguments.of("no allocation info", cpus.toBuilder().clearAllocationInfo().build(),
            RejectReasons.INSUFFICIENT_CPUS),
        Arguments.of("reserved without labels", reservedWith(cpus, ROLE), RejectReasons.INSUFFICIENT_CPUS),
        Arguments.of("reserved for another instance", reservedWith(cpus, ROLE, "marathon_framework_id", "fw-1",
            "marathon_task_id", "db.instance-9"), RejectReasons.INSUFFICIENT_CPUS),
        Arguments.of("revocable", cpus.toBuilder().setRevocable(Resource.RevocableInfo.getDefaultInstance()).build(),
            RejectReasons.INSUFFICIENT_CPUS));
  }

  @ParameterizedTest(name = "cpus {0}")
  @MethodSource("offeredCpus")
  void reservesOnlyUnreservedResourcesOfOurRole(String name, Resource cpus, String reason) {
    List<Resource> resources = new ArrayList<>(Fixtures.standardResources());
    resources.set(0, cpus);
    OfferMatch match = OfferMatcher.match(Fixtures.offer(resources), List.of(Fixtures.first(BASE, 1)), SETTINGS, NOW);
    assertEquals(reason == null ? Map.of() : Map.of("/db", reason), match.rejections());
  }

  static Stream<Arguments> severalInstances() {
    App mount = app("/db", persistent("data", "mount", 100)).setCpus(1).build();
    App path = app("/db", persistent("data", "path", 100))
        .addPortDefinitions(PortDefinition.newBuilder().setPort(0)).build();
    App tenth = app("/db", persistent("data", "root", 1)).setCpus(0.1).setMem(1).build();
    return Stream.of(
        // two mount disks: the third instance finds none left
        Arguments.of("mount volumes", mount, Fixtures.standardResources(), 3, 2, RejectReasons.INSUFFICIENT_DISK),
        Arguments.of("path volumes and ports", path, Fixtures.standardResources(), 5, 5, null),
        Arguments.of("cpus run out", path, Fixtures.standardResources(), 9, 8, RejectReasons.INSUFFICIENT_CPUS),
        Arguments.of("ports run out", path, List.of(scalar("cpus", 4), scalar("mem", 8192), ports(31000, 31001),
            Fixtures.pathDisk("/p", 1000, null)), 3, 2, RejectReasons.INSUFFICIENT_PORTS),
        // 0.3 - 0.1 - 0.1 < 0.1 in doubles: fixed point keeps the third
        Arguments.of("fixed-point cpus", tenth, List.of(scalar("cpus", 0.3), scalar("mem", 10), scalar("disk", 10)),
            3, 3, null));
  }

  @ParameterizedTest(name = "{0}: {3} requests, {4} placed")
  @MethodSource("severalInstances")
  void placesSeveralInstancesFromOneOffer(String name, App app, List<Resource> resources, int requests, int placed,
      String reason) {
    List<LaunchRequest> queue = IntStream.rangeClosed(1, requests).mapToObj(i -> Fixtures.first(app, i)).toList();
    OfferMatch match = OfferMatcher.match(Fixtures.offer(resources), queue, SETTINGS, NOW);
    assertEquals(placed, match.launches().size());
    assertEquals(reason == null ? Map.of() : Map.of("/db", reason), match.rejections());
    assertEquals(IntStream.rangeClosed(1, placed).mapToObj(i -> "db.instance-" + i).toList(),
        match.launches().stream().map(Launch::instanceId).toList());
    // nothing is reserved twice: the concatenated ACCEPT fits in the offer
    assertFitsInOffer(Fixtures.offer(resources), match);
  }

  /** One ACCEPT stays small: the rest of the queue waits for the next offer, however much room is left. */
  @Test
  void placesNoMoreThanTheCapFromOneOffer() {
    App tiny = app("/db", persistent("data", "root", 1)).setCpus(0.01).setMem(1).build();
    List<LaunchRequest> queue = IntStream.rangeClosed(1, 300).mapToObj(i -> Fixtures.first(tiny, i)).toList();
    MatchSettings capped = new MatchSettings(SETTINGS.frameworkId(), SETTINGS.role(), SETTINGS.principal(), 5);

    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), queue, capped, NOW);

    assertEquals(IntStream.rangeClosed(1, 5).mapToObj(i -> "db.instance-" + i).toList(),
        match.launches().stream().map(Launch::instanceId).toList());
    assertEquals(Map.of(), match.rejections(), "instances left for later are not rejected");
  }

  @Test
  void differentLaunchesGetDifferentPortsAndDisks() {
    App app = app("/db", persistent("data", "mount", 100))
        .addPortDefinitions(PortDefinition.newBuilder().setPort(0)).build();
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), List.of(Fixtures.first(app, 1),
        Fixtures.first(app, 2)), SETTINGS, NOW);
    assertEquals(List.of(31000, 31001), match.launches().stream()
        .map(l -> l.tasks().get(0).getHostPorts(0)).toList());
    assertEquals(List.of("/mnt/ssd-0", "/mnt/ssd-1"), match.launches().stream()
        .map(l -> l.operations().get(1).getCreate().getVolumes(0).getDisk().getSource().getMount().getRoot()).toList());
  }

  static Stream<Arguments> uniqueHosts() {
    return Stream.of(
        Arguments.of(List.of(), 1),
        Arguments.of(List.of("host-1"), 1),
        Arguments.of(List.of("host-0"), 0));
  }

  @ParameterizedTest(name = "hostname UNIQUE with peers {0}: {1} of 2 placed")
  @MethodSource("uniqueHosts")
  void uniqueCountsInstancesPlacedInThisPass(List<String> peers, int placed) {
    App app = app("/db", persistent("data", "root", 100)).addConstraints(list("hostname", "UNIQUE")).build();
    List<LaunchRequest> queue = List.of(Fixtures.first(app, Fixtures.instance(app, 1), peers.toArray(String[]::new)),
        Fixtures.first(app, Fixtures.instance(app, 2), peers.toArray(String[]::new)));
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), queue, SETTINGS, NOW);
    assertEquals(placed, match.launches().size());
    assertEquals(Map.of("/db", RejectReasons.UNFULFILLED_CONSTRAINT), match.rejections());
  }

  @Test
  void aPodWithoutContainersIsNotPlacedAndOthersStillAre() {
    LaunchRequest pod = LaunchRequest.newBuilder().setInstance(Instance.newBuilder().setInstanceId("pod.instance-1"))
        .setSpec(RunSpec.newBuilder().setPod(Pod.newBuilder().setId("/pod"))).build();
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), List.of(pod, Fixtures.first(BASE, 1)), SETTINGS,
        NOW);
    assertEquals(1, match.launches().size());
    assertEquals(Map.of("/pod", RejectReasons.UNSUPPORTED_RUN_SPEC), match.rejections());
  }

  @Test
  void aVolumeWithoutPersistenceIdIsNotCreated() {
    Instance bare = Fixtures.instance(BASE, 1).toBuilder().clearVolumes().build();
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), List.of(Fixtures.first(BASE, bare)), SETTINGS, NOW);
    assertEquals(Map.of("/db", RejectReasons.MISSING_PERSISTENCE_ID), match.rejections());
  }

  @Test
  void keepsTheFirstReasonPerRunSpec() {
    App big = BASE.toBuilder().setCpus(3).build();
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), List.of(Fixtures.first(big, 1),
        Fixtures.first(big, 2), Fixtures.first(big.toBuilder().setMem(100000).build(), 3)), SETTINGS, NOW);
    assertEquals(1, match.launches().size());
    assertEquals(Map.of("/db", RejectReasons.INSUFFICIENT_CPUS), match.rejections());
  }

  /** Every RESERVE'd resource is a distinct part of the offer: the per-name totals never exceed what was offered. */
  static void assertFitsInOffer(Offer offer, OfferMatch match) {
    ResourcePool pool = ResourcePool.of(offer, ROLE);
    for (Offer.Operation op : match.operations()) {
      if (op.getType() != Offer.Operation.Type.RESERVE) continue;
      List<Resource> unreserved = op.getReserve().getResourcesList().stream()
          .map(r -> r.toBuilder().clearReservations().build()).toList();
      pool = pool.minus(unreserved); // throws when a piece is not (or no longer) in the offer
    }
  }

  private static Arguments spec(String name, UnaryOperator<App.Builder> change, String reason) {
    return Arguments.of(name, change.apply(BASE.toBuilder()).build(), reason);
  }
}
