package io.mooring.gc.core;

import static io.mooring.gc.core.Fixtures.FW;
import static io.mooring.gc.core.Fixtures.OTHER_FW;
import static io.mooring.gc.core.Fixtures.allocated;
import static io.mooring.gc.core.Fixtures.cpus;
import static io.mooring.gc.core.Fixtures.disk;
import static io.mooring.gc.core.Fixtures.dynamic;
import static io.mooring.gc.core.Fixtures.endpointFormat;
import static io.mooring.gc.core.Fixtures.labels;
import static io.mooring.gc.core.Fixtures.legacy;
import static io.mooring.gc.core.Fixtures.mem;
import static io.mooring.gc.core.Fixtures.mountDisk;
import static io.mooring.gc.core.Fixtures.mountVolume;
import static io.mooring.gc.core.Fixtures.pathDisk;
import static io.mooring.gc.core.Fixtures.pathVolume;
import static io.mooring.gc.core.Fixtures.ports;
import static io.mooring.gc.core.Fixtures.recorded;
import static io.mooring.gc.core.Fixtures.rootVolume;
import static io.mooring.gc.core.Fixtures.scalar;
import static io.mooring.gc.core.Fixtures.unreservedPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.ReservedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityTest {
  static final Map<String, String> MINE = labels(FW, "app.instance-1", "claim-1");
  static final Identity CLAIMED = new Identity(Map.copyOf(MINE), Set.of("p-root", "p-path"));

  static Stream<Arguments> recordedResources() {
    return Stream.of(
        Arguments.of("an instance that never reserved", List.of(), new Identity(Map.of(), Set.of()), true),
        Arguments.of("reserved resources and volumes", recorded(List.of(cpus(1, MINE), mem(128, MINE),
                ports(31000, 31001, MINE), disk(32, MINE), rootVolume(100, "p-root", MINE),
                pathVolume(200, "p-path", MINE), mountVolume(300, "p-mount", MINE))),
            new Identity(MINE, Set.of("p-root", "p-path", "p-mount")), false),
        Arguments.of("reserved resources without volume", recorded(List.of(cpus(1, MINE), disk(32, MINE))),
            new Identity(MINE, Set.of()), false),
        Arguments.of("a legacy record (two labels)", recorded(List.of(cpus(1, legacy(FW, "i")),
                rootVolume(10, "p-legacy", legacy(FW, "i")))),
            new Identity(legacy(FW, "i"), Set.of("p-legacy")), false),
        Arguments.of("the labels come from the first resource that has any",
            List.of(ReservedResource.newBuilder().setName("disk").setPersistenceId("p-bare").build(),
                recorded(cpus(1, MINE))),
            new Identity(MINE, Set.of("p-bare")), false),
        Arguments.of("volumes recorded without labels", List.of(
                ReservedResource.newBuilder().setName("disk").setScalar(10).setPersistenceId("p-1").build(),
                ReservedResource.newBuilder().setName("cpus").setScalar(1).build()),
            new Identity(Map.of(), Set.of("p-1")), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedResources")
  void ofRecordedResources(String name, List<ReservedResource> recorded, Identity expected, boolean empty) {
    Identity identity = Identity.of(recorded);
    assertEquals(expected, identity);
    assertEquals(empty, identity.isEmpty());
  }

  static Stream<Arguments> garbage() {
    List<Resource> claimed = List.of(cpus(1, MINE), rootVolume(10, "p-1", MINE));
    List<Resource> legacy = List.of(cpus(1, legacy(FW, "app.instance-1")),
        rootVolume(10, "p-1", legacy(FW, "app.instance-1")));
    return Stream.of(
        Arguments.of(Garbage.Reason.CLAIM_EXPIRED, claimed, MINE),
        Arguments.of(Garbage.Reason.DECOMMISSIONED, claimed, MINE),
        Arguments.of(Garbage.Reason.DECOMMISSIONED, legacy, legacy(FW, "app.instance-1")),
        // a lost claim without a claim label: its labels are the instance's, whose later claim may be live
        Arguments.of(Garbage.Reason.CLAIM_EXPIRED, legacy, Map.of()));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("garbage")
  void ofGarbage(Garbage.Reason reason, List<Resource> reserved, Map<String, String> labels) {
    Identity identity = Identity.of(Fixtures.garbage("app.instance-1", "a1", reason, reserved));
    assertEquals(labels, identity.labels());
    assertEquals(Set.of("p-1"), identity.persistenceIds(), "volumes are always known by their id");
  }

  static Stream<Arguments> resources() {
    return Stream.of(
        // garbage: the claim's own resources, as found
        Arguments.of("own cpus", CLAIMED, cpus(0.5, MINE), true),
        Arguments.of("own mem", CLAIMED, mem(64, MINE), true),
        Arguments.of("own ports", CLAIMED, ports(31000, 31000, MINE), true),
        Arguments.of("own plain root disk", CLAIMED, disk(32, MINE), true),
        Arguments.of("own plain PATH disk", CLAIMED, pathDisk(32, MINE), true),
        Arguments.of("own plain MOUNT disk", CLAIMED, mountDisk(32, MINE), true),
        Arguments.of("own root volume", CLAIMED, rootVolume(100, "p-root", MINE), true),
        Arguments.of("own PATH volume", CLAIMED, pathVolume(100, "p-path", MINE), true),
        Arguments.of("own volume, allocated", CLAIMED, allocated(rootVolume(100, "p-root", MINE)), true),
        Arguments.of("own cpus, endpoint format", CLAIMED, endpointFormat(cpus(1, MINE)), true),
        Arguments.of("a recorded persistence id under other labels (ids are unique)", CLAIMED,
            rootVolume(100, "p-root", labels(FW, "app.instance-1", "claim-2")), true),
        Arguments.of("refined: our labels on the last reservation", CLAIMED, scalar("cpus", 1).toBuilder()
            .addReservations(dynamic("eng", Map.of())).addReservations(dynamic("eng/mooring", MINE)).build(),
            true),
        // not garbage
        Arguments.of("a volume with our labels whose persistence id is not recorded", CLAIMED,
            rootVolume(100, "p-unrecorded", MINE), false),
        Arguments.of("another framework's volume with a recorded persistence id", CLAIMED,
            rootVolume(100, "p-root", labels(OTHER_FW, "app.instance-1", "claim-1")), false),
        Arguments.of("another claim of the same instance", CLAIMED,
            cpus(1, labels(FW, "app.instance-1", "claim-2")), false),
        Arguments.of("another claim's volume", CLAIMED,
            rootVolume(100, "p-claim-2", labels(FW, "app.instance-1", "claim-2")), false),
        Arguments.of("another instance", CLAIMED, cpus(1, labels(FW, "app.instance-2", "claim-1")), false),
        Arguments.of("another framework", CLAIMED, cpus(1, labels(OTHER_FW, "app.instance-1", "claim-1")), false),
        Arguments.of("unreserved cpus", CLAIMED, scalar("cpus", 4), false),
        Arguments.of("unreserved ports", CLAIMED, unreservedPorts(31000, 32000), false),
        Arguments.of("reserved without labels", CLAIMED, cpus(1, Map.of()), false),
        Arguments.of("our labels on an earlier reservation only", CLAIMED, scalar("cpus", 1).toBuilder()
            .addReservations(dynamic("eng", MINE)).addReservations(dynamic("eng/other", Map.of())).build(), false),
        Arguments.of("our labels plus one more", CLAIMED, cpus(1, plus(MINE, "extra", "x")), false),
        Arguments.of("a volume with a different persistence id, matched by id only",
            new Identity(Map.of(), Set.of("p-root")), rootVolume(100, "p-other", MINE), false),
        Arguments.of("a recorded persistence id on a plain disk is no volume",
            new Identity(Map.of(), Set.of("p-root")), disk(100, MINE), false),
        Arguments.of("legacy record vs three labels", new Identity(legacy(FW, "app.instance-1"), Set.of()),
            cpus(1, MINE), false),
        Arguments.of("legacy record vs a three-labelled volume",
            new Identity(legacy(FW, "app.instance-1"), Set.of("p-legacy")),
            rootVolume(1, "p-new", MINE), false),
        Arguments.of("legacy record vs legacy resources", new Identity(legacy(FW, "app.instance-1"), Set.of()),
            cpus(1, legacy(FW, "app.instance-1")), true),
        Arguments.of("three labels vs legacy resources", CLAIMED, cpus(1, legacy(FW, "app.instance-1")), false),
        Arguments.of("empty identity vs unreserved", new Identity(Map.of(), Set.of()), scalar("cpus", 1), false),
        Arguments.of("empty identity vs reserved without labels", new Identity(Map.of(), Set.of()),
            cpus(1, Map.of()), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void matches(String name, Identity identity, Resource resource, boolean expected) {
    assertEquals(expected, identity.matches(resource));
  }

  static Stream<Arguments> labelsAndVolumes() {
    return Stream.of(
        Arguments.of(scalar("cpus", 1), Map.of(), false),
        Arguments.of(cpus(1, MINE), MINE, false),
        Arguments.of(disk(1, MINE), MINE, false),
        Arguments.of(mountDisk(1, MINE), MINE, false),
        Arguments.of(rootVolume(1, "p", legacy(FW, "i")), legacy(FW, "i"), true),
        Arguments.of(pathVolume(1, "p", MINE), MINE, true));
  }

  @ParameterizedTest
  @MethodSource("labelsAndVolumes")
  void labelsOfTheLastReservationAndIsVolume(Resource r, Map<String, String> labels, boolean volume) {
    assertEquals(labels, Identity.labelsOf(r));
    assertEquals(volume, Identity.isVolume(r));
  }

  private static Map<String, String> plus(Map<String, String> labels, String key, String value) {
    Map<String, String> more = new java.util.HashMap<>(labels);
    more.put(key, value);
    return more;
  }
}
