package io.mooring.gc.core;

import static io.mooring.gc.core.Fixtures.FW;
import static io.mooring.gc.core.Fixtures.OTHER_FW;
import static io.mooring.gc.core.Fixtures.ROLE;
import static io.mooring.gc.core.Fixtures.active;
import static io.mooring.gc.core.Fixtures.allocated;
import static io.mooring.gc.core.Fixtures.cluster;
import static io.mooring.gc.core.Fixtures.cpus;
import static io.mooring.gc.core.Fixtures.disk;
import static io.mooring.gc.core.Fixtures.dynamic;
import static io.mooring.gc.core.Fixtures.getAgents;
import static io.mooring.gc.core.Fixtures.inactive;
import static io.mooring.gc.core.Fixtures.labels;
import static io.mooring.gc.core.Fixtures.legacy;
import static io.mooring.gc.core.Fixtures.mem;
import static io.mooring.gc.core.Fixtures.mountVolume;
import static io.mooring.gc.core.Fixtures.pathVolume;
import static io.mooring.gc.core.Fixtures.ports;
import static io.mooring.gc.core.Fixtures.recorded;
import static io.mooring.gc.core.Fixtures.rootVolume;
import static io.mooring.gc.core.Fixtures.scalar;
import static io.mooring.gc.core.Fixtures.unreservedPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.ResourceOwner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrphanTest {
  static final String I1 = "app.instance-1";
  static final Map<String, String> C1 = labels(FW, I1, "claim-1");
  static final Map<String, String> C2 = labels(FW, I1, "claim-2");
  static final Map<String, String> I2 = labels(FW, "app.instance-2", "claim-3");
  static final Map<String, String> LEGACY = legacy(FW, "app.instance-3");

  static final List<Resource> C1_ON_A1 = List.of(cpus(1, C1), mem(128, C1), rootVolume(100, "p-1", C1),
      pathVolume(50, "p-2", C1), disk(10, C1));

  /** a1: four owners of ours, interleaved with what is not ours; a2 inactive; a3 one more; a4 nothing of ours. */
  static final ClusterView VIEW = cluster(
      active("a1", List.of(
          C1_ON_A1.get(0), cpus(0.5, C2), scalar("cpus", 8), C1_ON_A1.get(1), cpus(1, I2),
          cpus(1, labels(OTHER_FW, I1, "claim-1")), C1_ON_A1.get(2), mem(64, LEGACY),
          reservedFor("other-role", labels(FW, "app.instance-9", "claim-9")), mountVolume(300, "p-3", C2),
          C1_ON_A1.get(3), cpus(1, Map.of()), unreservedPorts(31000, 32000), rootVolume(10, "p-legacy", LEGACY),
          refined(labels(FW, "app.instance-5", "claim-5"), Map.of()), C1_ON_A1.get(4)),
          List.of(allocated(cpus(1, I2)))),
      inactive("a2", List.of(cpus(1, labels(FW, "app.instance-7", "claim-7")),
          rootVolume(10, "p-7", labels(FW, "app.instance-7", "claim-7")))),
      active("a3", List.of(cpus(2, C1), ports(31000, 31002, C1))),
      active("a4", List.of(scalar("mem", 1024), cpus(1, labels(OTHER_FW, "x", "y")))));

  static final Orphan A1_C1 = orphan("a1", I1, "claim-1", C1, List.of("p-1", "p-2"), C1_ON_A1);
  static final Orphan A1_C2 = orphan("a1", I1, "claim-2", C2, List.of("p-3"),
      List.of(cpus(0.5, C2), mountVolume(300, "p-3", C2)));
  static final Orphan A1_I2 = orphan("a1", "app.instance-2", "claim-3", I2, List.of(), List.of(cpus(1, I2)));
  static final Orphan A1_LEGACY = orphan("a1", "app.instance-3", "", LEGACY, List.of("p-legacy"),
      List.of(mem(64, LEGACY), rootVolume(10, "p-legacy", LEGACY)));
  static final Orphan A3_C1 = orphan("a3", I1, "claim-1", C1, List.of(),
      List.of(cpus(2, C1), ports(31000, 31002, C1)));

  @Test
  void scanGroupsOurResourcesByAgentAndLabelsOnConnectedAgents() {
    List<Orphan> found = Orphan.scan(VIEW, FW, ROLE);
    assertEquals(byKey(List.of(A1_C1, A1_C2, A1_I2, A1_LEGACY, A3_C1)), byKey(found));
    // on one agent, in the order their first resource shows
    assertEquals(List.of(A1_C1, A1_C2, A1_I2, A1_LEGACY),
        found.stream().filter(o -> o.agentId().equals("a1")).toList());
  }

  static Stream<Arguments> scans() {
    return Stream.of(
        Arguments.of("another framework's view", VIEW, OTHER_FW, ROLE,
            Set.of("a1/app.instance-1/claim-1", "a4/x/y")),
        Arguments.of("another role", VIEW, FW, "other-role", Set.of("a1/app.instance-9/claim-9")),
        Arguments.of("a framework that reserved nothing", VIEW, "fw-none", ROLE, Set.of()),
        Arguments.of("no agents", cluster(), FW, ROLE, Set.of()),
        Arguments.of("recovered agents only", ClusterView.of(getAgents(List.of(), "a1", "a2")), FW, ROLE, Set.of()),
        Arguments.of("every agent inactive", cluster(inactive("a1", C1_ON_A1)), FW, ROLE, Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scans")
  void scanFindsOnlyTheGivenFrameworkAndRole(String name, ClusterView view, String frameworkId, String role,
      Set<String> keys) {
    assertEquals(keys, Orphan.scan(view, frameworkId, role).stream().map(Orphan::key).collect(Collectors.toSet()));
  }

  static Stream<Arguments> ownership() {
    return Stream.of(
        Arguments.of("reserved for our role with our framework", cpus(1, C1), true),
        Arguments.of("a volume of ours", rootVolume(1, "p", C1), true),
        Arguments.of("legacy labels", mem(1, LEGACY), true),
        Arguments.of("allocated", allocated(cpus(1, C1)), true),
        Arguments.of("only the framework label", cpus(1, Map.of(ReservationLabels.FRAMEWORK, FW)), true),
        Arguments.of("another framework", cpus(1, labels(OTHER_FW, I1, "claim-1")), false),
        Arguments.of("no labels", cpus(1, Map.of()), false),
        Arguments.of("instance and claim but no framework label",
            cpus(1, Map.of(ReservationLabels.INSTANCE, I1, ReservationLabels.CLAIM, "claim-1")), false),
        Arguments.of("unreserved", scalar("cpus", 1), false),
        Arguments.of("another role", reservedFor("other-role", C1), false),
        Arguments.of("refined past our reservation", refined(C1, Map.of()), false),
        Arguments.of("ours, refined from a parent role", scalar("disk", 1).toBuilder()
            .addReservations(dynamic("parent", Map.of())).addReservations(dynamic(ROLE, C1)).build(), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownership")
  void ours(String name, Resource r, boolean expected) {
    assertEquals(expected, Orphan.ours(r, FW, ROLE));
  }

  static Stream<Arguments> coverage() {
    Identity recordedC1 = Identity.of(recorded(C1_ON_A1));
    return Stream.of(
        Arguments.of("no garbage recorded", A1_C1, List.of(), false),
        Arguments.of("its own record", A1_C1, List.of(recordedC1), true),
        Arguments.of("among others", A1_C1, List.of(Identity.of(recorded(List.of(cpus(1, C2)))), recordedC1), true),
        Arguments.of("a record of one of its resources only", A1_C1,
            List.of(Identity.of(recorded(List.of(cpus(1, C1))))), true),
        Arguments.of("a record naming one of its volumes", A1_C1,
            List.of(new Identity(Map.of(), Set.of("p-2"))), true),
        Arguments.of("another claim of the same instance", A1_C1,
            List.of(Identity.of(recorded(List.of(cpus(0.5, C2), mountVolume(300, "p-3", C2))))), false),
        Arguments.of("another instance", A1_C1, List.of(Identity.of(recorded(List.of(cpus(1, I2))))), false),
        Arguments.of("a legacy record of the same instance", A1_C1, List.of(new Identity(legacy(FW, I1), Set.of())),
            false),
        Arguments.of("a record that never reserved", A1_C1, List.of(new Identity(Map.of(), Set.of())), false),
        Arguments.of("legacy orphan, legacy record", A1_LEGACY, List.of(new Identity(LEGACY, Set.of())), true),
        Arguments.of("legacy orphan, three-labelled record", A1_LEGACY,
            List.of(new Identity(labels(FW, "app.instance-3", "claim-1"), Set.of())), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coverage")
  void coveredBy(String name, Orphan orphan, List<Identity> recorded, boolean expected) {
    assertEquals(expected, orphan.coveredBy(recorded));
  }

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of(A1_C1, "a1/app.instance-1/claim-1"),
        Arguments.of(A3_C1, "a3/app.instance-1/claim-1"),
        Arguments.of(A1_C2, "a1/app.instance-1/claim-2"),
        Arguments.of(A1_LEGACY, "a1/app.instance-3/"));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void keyIsAgentInstanceAndClaim(Orphan orphan, String key) {
    assertEquals(key, orphan.key());
  }

  private static Orphan orphan(String agentId, String instanceId, String claimId, Map<String, String> labels,
      List<String> persistenceIds, List<Resource> resources) {
    ResourceOwner owner = ResourceOwner.newBuilder().setInstanceId(instanceId).setClaimId(claimId)
        .addAllPersistenceIds(persistenceIds).build();
    return new Orphan(agentId, "host-" + agentId, owner, new Identity(labels, Set.copyOf(persistenceIds)),
        resources);
  }

  private static Map<String, Orphan> byKey(List<Orphan> orphans) {
    return orphans.stream().collect(Collectors.toMap(Orphan::key, Function.identity()));
  }

  private static Resource reservedFor(String role, Map<String, String> labels) {
    return scalar("cpus", 1).toBuilder().addReservations(dynamic(role, labels)).build();
  }

  /** Reserved for our role with {@code ours}, then refined to a child role with {@code child}. */
  private static Resource refined(Map<String, String> ours, Map<String, String> child) {
    return scalar("mem", 32).toBuilder().addReservations(dynamic(ROLE, ours))
        .addReservations(dynamic(ROLE + "/child", child)).build();
  }
}
