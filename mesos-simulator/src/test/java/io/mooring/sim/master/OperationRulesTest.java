package io.mooring.sim.master;

import static io.mooring.sim.master.CallRulesTest.assertOutcome;

import io.mooring.sim.resources.MutableResources;
import io.mooring.sim.resources.Resources;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of {@link OperationRules}: RESERVE, UNRESERVE, CREATE and DESTROY (spec §2.2–2.5). */
class OperationRulesTest {
  private static final List<String> ENG = List.of("eng");
  private static final List<String> OPERATOR = null; // no framework roles: the operator API

  // ------------------------------------------------------------------ RESERVE

  static Stream<Arguments> reserves() {
    return Stream.of(
        // what can be reserved
        reserveRow("framework: dynamic reservation to its role", List.of(cpus(1).dynamic("eng", "fw").alloc("eng")),
            "fw", ENG, ""),
        reserveRow("framework: cpus and mem to the same role",
            List.of(cpus(1).dynamic("eng", "fw").alloc("eng"), mem(64).dynamic("eng", "fw").alloc("eng")), "fw", ENG, ""),
        reserveRow("framework: refinement of a static reservation to the offer's role",
            List.of(cpus(1).statically("eng").dynamic("eng/be", "fw").alloc("eng/be")), "fw", List.of("eng/be"), ""),
        reserveRow("framework: refinement of a dynamic reservation",
            List.of(cpus(1).dynamic("eng", null).dynamic("eng/be", "fw").alloc("eng/be")), "fw", List.of("eng/be"), ""),
        reserveRow("framework: one of several roles", List.of(cpus(1).dynamic("ops", "fw").alloc("ops")), "fw",
            List.of("eng", "ops"), ""),
        reserveRow("framework: labels are free-form", List.of(cpus(1).dynamicLabelled("eng", "fw", "k", "v").alloc("eng")),
            "fw", ENG, ""),
        reserveRow("empty RESERVE", List.of(), "fw", ENG, "Invalid RESERVE operation: no resources specified"),
        reserveRow("unreserved resource", List.of(cpus(1).alloc("eng")), "fw", ENG,
            "Invalid RESERVE operation: Resource cpus:1.0(*) is not dynamically reserved"),
        reserveRow("statically reserved resource", List.of(cpus(1).statically("eng").alloc("eng")), "fw", ENG,
            "Resource cpus:1.0(eng) is not dynamically reserved"),
        reserveRow("the second resource is statically reserved",
            List.of(cpus(1).dynamic("eng", "fw").alloc("eng"), mem(1).statically("eng").alloc("eng")), "fw", ENG,
            "Resource mem:1.0(eng) is not dynamically reserved"),
        reserveRow("revocable resource", List.of(cpus(1).dynamic("eng", "fw").alloc("eng").revocable()), "fw", ENG,
            "cannot be created from revocable resources"),

        // principal: the last reservation's principal must be the framework's
        reserveRow("principal: last reservation without principal", List.of(cpus(1).dynamic("eng", null).alloc("eng")),
            "fw", ENG, "attempted by principal 'fw', but there is a reserved resource in the request with no principal set"),
        reserveRow("principal: last reservation with another principal", List.of(cpus(1).dynamic("eng", "other").alloc("eng")),
            "fw", ENG, "by authenticated principal 'fw', which does not match a reserved resource in the request with "
                + "principal 'other'"),
        reserveRow("principal: only the last reservation is compared",
            List.of(cpus(1).dynamic("eng", "fw").dynamic("eng/be", null).alloc("eng/be")), "fw", List.of("eng/be"),
            "with no principal set"),
        reserveRow("principal: an earlier reservation by someone else does not matter",
            List.of(cpus(1).dynamic("eng", "other").dynamic("eng/be", "fw").alloc("eng/be")), "fw", List.of("eng/be"), ""),
        reserveRow("principal: the second resource mismatches",
            List.of(cpus(1).dynamic("eng", "fw").alloc("eng"), mem(1).dynamic("eng", "x").alloc("eng")), "fw", ENG,
            "principal 'x'"),
        reserveRow("no principal: reservation principal may be anything", List.of(cpus(1).dynamic("eng", "x").alloc("eng")),
            null, ENG, ""),
        reserveRow("no principal: reservation principal may be unset", List.of(cpus(1).dynamic("eng", null).alloc("eng")),
            null, ENG, ""),

        // framework path: allocation_info
        reserveRow("framework: no allocation_info", List.of(cpus(1).dynamic("eng", "fw")), "fw", ENG,
            "Resource cpus:1.0(eng) must have allocation info"),
        reserveRow("framework: allocated to a role other than the reservation's",
            List.of(cpus(1).dynamic("eng/be", "fw").alloc("eng")), "fw", List.of("eng", "eng/be"),
            "is allocated to 'eng' but is being reserved for 'eng/be'"),
        reserveRow("framework: refining to a child while allocated to the parent",
            List.of(cpus(1).dynamic("eng", "fw").dynamic("eng/be", "fw").alloc("eng")), "fw", List.of("eng", "eng/be"),
            "is allocated to 'eng' but is being reserved for 'eng/be'"),
        reserveRow("framework: role not one of the framework's", List.of(cpus(1).dynamic("ops", "fw").alloc("ops")),
            "fw", ENG, "role 'ops' is not one of the framework's roles"),
        reserveRow("framework: no roles at all", List.of(cpus(1).dynamic("eng", "fw").alloc("eng")), "fw", List.of(),
            "role 'eng' is not one of the framework's roles"),
        reserveRow("framework: resources allocated to two roles",
            List.of(cpus(1).dynamic("eng", "fw").alloc("eng"), mem(1).dynamic("ops", "fw").alloc("ops")), "fw",
            List.of("eng", "ops"), "Invalid RESERVE operation: Resources must be allocated to a single role"),

        // operator path: framework roles null, allocation_info forbidden
        reserveRow("operator: unallocated dynamic reservation", List.of(cpus(1).dynamic("eng", "op")), "op", OPERATOR, ""),
        reserveRow("operator: unauthenticated, any principal", List.of(cpus(1).dynamic("eng", "x")), null, OPERATOR, ""),
        reserveRow("operator: several reservation roles at once",
            List.of(cpus(1).dynamic("eng", null), mem(1).dynamic("ops", null)), null, OPERATOR, ""),
        reserveRow("operator: resource with allocation_info", List.of(cpus(1).dynamic("eng", "op").alloc("eng")), "op",
            OPERATOR, "Resource cpus:1.0(eng) with allocation info cannot be reserved by the operator"),
        reserveRow("operator: principal mismatch", List.of(cpus(1).dynamic("eng", "other")), "op", OPERATOR,
            "by authenticated principal 'op', which does not match"),
        reserveRow("operator: principal missing", List.of(cpus(1).dynamic("eng", null)), "op", OPERATOR,
            "with no principal set"),
        reserveRow("operator: unreserved resource", List.of(cpus(1)), null, OPERATOR, "is not dynamically reserved"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reserves")
  void reserve(String description, List<Resource> resources, String principal, List<String> roles, String expected) {
    assertOutcome(expected, OperationRules.reserve(resources, principal, roles));
  }

  // ------------------------------------------------------------------ UNRESERVE

  static Stream<Arguments> unreserves() {
    return Stream.of(
        Arguments.of("dynamic reservation", List.of(cpus(1).dynamic("eng", "fw").alloc("eng").get()), ""),
        Arguments.of("dynamic reservation of someone else (principal not compared)",
            List.of(cpus(1).dynamic("eng", "other").alloc("eng").get()), ""),
        Arguments.of("refined dynamic on static", List.of(cpus(1).statically("eng").dynamic("eng/be", "fw").get()), ""),
        Arguments.of("reserved disk (no volume)", List.of(disk(10).dynamic("eng", "fw").mount("/mnt/a").get()), ""),
        Arguments.of("no resources", List.of(), ""),
        Arguments.of("unreserved", List.of(cpus(1).get()),
            "Invalid UNRESERVE operation: Resource cpus:1.0(*) is not dynamically reserved"),
        Arguments.of("statically reserved", List.of(cpus(1).statically("eng").get()),
            "Resource cpus:1.0(eng) is not dynamically reserved"),
        Arguments.of("the second resource is static",
            List.of(cpus(1).dynamic("eng", "fw").get(), mem(2).statically("eng").get()),
            "Resource mem:2.0(eng) is not dynamically reserved"),
        Arguments.of("persistent volume", List.of(disk(10).dynamic("eng", "fw").volume("v1", "fw").get()),
            "A dynamically reserved persistent volume disk:10.0(eng) cannot be unreserved directly. Please destroy the "
                + "persistent volume first then unreserve the resource"),
        Arguments.of("persistent volume on a MOUNT disk",
            List.of(disk(10).dynamic("eng", "fw").mount("/mnt/a").volume("v1", "fw").get()),
            "cannot be unreserved directly"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreserves")
  void unreserve(String description, List<Resource> resources, String expected) {
    assertOutcome(expected, OperationRules.unreserve(resources));
  }

  // ------------------------------------------------------------------ CREATE

  static Stream<Arguments> creates() {
    Resources none = Resources.EMPTY;
    Resources existing = Resources.of(disk(5).dynamic("eng", "fw").volume("db", "fw").get(), cpus(4).get());
    return Stream.of(
        // valid volumes
        createRow("root-disk volume on a dynamic reservation", List.of(vol("eng", "v1", "fw")), "fw", none, false, ""),
        createRow("volume on a static reservation", List.of(disk(10).statically("eng").alloc("eng").volume("v1", "fw")),
            "fw", none, false, ""),
        createRow("volume on a PATH disk", List.of(vol("eng", "v1", "fw").path("/mnt/p")), "fw", none, false, ""),
        createRow("volume on a MOUNT disk", List.of(vol("eng", "v1", "fw").mount("/mnt/m")), "fw", none, false, ""),
        createRow("volume on a refined reservation", List.of(disk(10).statically("eng").dynamic("eng/be", "fw")
            .alloc("eng/be").volume("v1", "fw")), "fw", none, false, ""),
        createRow("two volumes with distinct ids", List.of(vol("eng", "v1", "fw"), vol("eng", "v2", "fw")), "fw", none,
            false, ""),
        createRow("operator: unallocated volume", List.of(disk(10).dynamic("eng", "op").volume("v1", "op")), "op", none,
            true, ""),

        // shape
        createRow("not a disk", List.of(cpus(1).dynamic("eng", "fw").alloc("eng")), "fw", none, false,
            "Invalid CREATE operation: Resource cpus:1.0(eng) is not a disk"),
        createRow("disk without DiskInfo", List.of(disk(10).dynamic("eng", "fw").alloc("eng")), "fw", none, false,
            "Invalid CREATE operation: Resource disk:10.0(eng) is not a persistent volume"),
        createRow("MOUNT disk without persistence", List.of(disk(10).dynamic("eng", "fw").alloc("eng").mount("/mnt/m")),
            "fw", none, false, "is not a persistent volume"),
        createRow("persistence without volume", List.of(vol("eng", "v1", "fw").clearVolume()), "fw", none, false,
            "Invalid CREATE operation: Expecting 'volume' to be set for persistent volume"),
        createRow("volume with host_path", List.of(vol("eng", "v1", "fw").hostPath("/tmp")), "fw", none, false,
            "Invalid CREATE operation: Expecting 'host_path' to be unset for persistent volume"),
        createRow("read-only volume", List.of(vol("eng", "v1", "fw").readOnly()), "fw", none, false,
            "Invalid CREATE operation: Read-only persistent volume not supported"),
        createRow("revocable volume", List.of(vol("eng", "v1", "fw").revocable()), "fw", none, false,
            "Invalid CREATE operation: Persistent volumes cannot be revocable"),
        createRow("persistence id with a slash", List.of(vol("eng", "a/b", "fw")), "fw", none, false,
            "Invalid CREATE operation: Invalid persistence ID: 'a/b' contains invalid characters"),
        createRow("empty persistence id", List.of(vol("eng", "", "fw")), "fw", none, false,
            "Invalid CREATE operation: Invalid persistence ID: ID must not be empty"),
        createRow("persistence id '.'", List.of(vol("eng", ".", "fw")), "fw", none, false, "Invalid persistence ID: "),
        createRow("the second volume is malformed", List.of(vol("eng", "v1", "fw"), vol("eng", "v2", "fw").readOnly()),
            "fw", none, false, "Read-only persistent volume not supported"),

        // reservation
        createRow("unreserved disk", List.of(disk(10).alloc("eng").volume("v1", "fw")), "fw", none, false,
            "Invalid CREATE operation: Persistent volumes cannot be created from unreserved resources"),

        // shared
        createRow("shared volume without SHARED_RESOURCES", List.of(vol("eng", "v1", "fw").shared()), "fw", none, false,
            "Invalid CREATE operation: Create volume operation for 'disk:10.0(eng)' has been attempted by framework "
                + "with no SHARED_RESOURCES capability"),
        createRow("shared volume with SHARED_RESOURCES", List.of(vol("eng", "v1", "fw").shared()), "fw", none, true, ""),

        // principal
        createRow("principal: volume principal differs", List.of(vol("eng", "v1", "other")), "fw", none, false,
            "Invalid CREATE operation: Create volume operation has been attempted by principal 'fw', but there is a "
                + "volume in the operation with principal 'other'"),
        createRow("principal: volume principal unset", List.of(vol("eng", "v1", null)), "fw", none, false,
            "attempted by principal 'fw', but there is a volume in the operation with principal ''"),
        createRow("no principal: volume principal may be anything", List.of(vol("eng", "v1", "x")), null, none, false, ""),
        createRow("no principal: volume principal may be unset", List.of(vol("eng", "v1", null)), null, none, false, ""),

        // persistence id uniqueness per role, against the agent's checkpointed volumes and within the request
        createRow("id already used on the agent in the same role", List.of(vol("eng", "db", "fw")), "fw", existing, false,
            "Invalid CREATE operation: Persistence ID 'db' is not unique"),
        createRow("id already used on the agent, different size", List.of(disk(99).dynamic("eng", "fw").alloc("eng")
            .volume("db", "fw")), "fw", existing, false, "Persistence ID 'db' is not unique"),
        createRow("id used on the agent by another role", List.of(vol("ops", "db", "fw")), "fw", existing, false, ""),
        createRow("another id next to an existing volume", List.of(vol("eng", "db-2", "fw")), "fw", existing, false, ""),
        createRow("agent total without volumes", List.of(vol("eng", "db", "fw")), "fw",
            Resources.of(disk(100).get(), disk(5).dynamic("eng", "fw").get()), false, ""),
        createRow("id repeated within the request", List.of(vol("eng", "v1", "fw"), vol("eng", "v1", "fw").path("/p")),
            "fw", none, false, "Persistence ID 'v1' is not unique"),
        createRow("operator: id repeated within the request, different roles",
            List.of(disk(10).dynamic("eng", null).volume("v1", null), disk(10).dynamic("ops", null).volume("v1", null)),
            null, none, true, ""),
        createRow("operator: id repeated within the request, same role",
            List.of(disk(10).dynamic("eng", null).volume("v1", null), disk(20).dynamic("eng", null).volume("v1", null)),
            null, none, true, "Persistence ID 'v1' is not unique"),

        // allocation roles
        createRow("volumes allocated to two roles", List.of(vol("eng", "v1", "fw"), vol("ops", "v2", "fw")), "fw", none,
            false, "Invalid CREATE operation: Resources must be allocated to a single role"),
        createRow("operator: volumes of two reservation roles",
            List.of(disk(10).dynamic("eng", null).volume("v1", null), disk(10).dynamic("ops", null).volume("v2", null)),
            null, none, true, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void create(String description, List<Resource> volumes, String principal, Resources agentTotal,
      boolean sharedAllowed, String expected) {
    assertOutcome(expected, OperationRules.create(volumes, principal, PersistenceIds.of(agentTotal), sharedAllowed));
  }

  // ------------------------------------------------------------------ DESTROY

  static Stream<Arguments> destroys() {
    Resource v1 = disk(10).dynamic("eng", "fw").volume("v1", "fw").get();
    Resource v2 = disk(20).dynamic("eng", "fw").mount("/mnt/m").volume("v2", "fw").get();
    Resource shared = disk(30).dynamic("eng", "fw").volume("s1", "fw").shared().get();
    Resources total = Resources.of(v1, v2, shared, cpus(4).get(), disk(100).get());
    Resources none = Resources.EMPTY;
    return Stream.of(
        destroyRow("an unused volume", List.of(v1), total, none, ""),
        destroyRow("an unused volume as offered (allocated)", List.of(disk(10).dynamic("eng", "fw").alloc("eng")
            .volume("v1", "fw").get()), total, none, ""),
        destroyRow("a volume named with another container path (disk.volume ignored)",
            List.of(disk(10).dynamic("eng", "fw").volume("v1", "fw").with(b -> b.getDiskBuilder().getVolumeBuilder()
                .setContainerPath("elsewhere")).get()), total, none, ""),
        destroyRow("two volumes", List.of(v1, v2), total, none, ""),
        destroyRow("no volumes", List.of(), total, none, ""),
        destroyRow("not a volume", List.of(disk(10).dynamic("eng", "fw").get()), total, none,
            "Invalid DESTROY operation: Resource disk:10.0(eng) is not a persistent volume"),
        destroyRow("cpus", List.of(v1, cpus(1).get()), total, none, "Resource cpus:1.0(*) is not a persistent volume"),
        destroyRow("unknown persistence id", List.of(disk(10).dynamic("eng", "fw").volume("nope", "fw").get()), total,
            none, "Invalid DESTROY operation: Persistent volumes not found"),
        destroyRow("known id under another role", List.of(disk(10).dynamic("ops", "fw").volume("v1", "fw").get()), total,
            none, "Persistent volumes not found"),
        destroyRow("known id with another size", List.of(disk(5).dynamic("eng", "fw").volume("v1", "fw").get()), total,
            none, "Persistent volumes not found"),
        destroyRow("one of two not found", List.of(v1, disk(10).dynamic("eng", "fw").volume("v9", "fw").get()), total,
            none, "Persistent volumes not found"),
        destroyRow("agent without volumes", List.of(v1), Resources.of(cpus(4).get()), none, "Persistent volumes not found"),
        destroyRow("volume in use by a task", List.of(v1), total, Resources.of(v1, cpus(1).get()),
            "Invalid DESTROY operation: Persistent volumes in use"),
        destroyRow("shared volume in use", List.of(shared), total, Resources.of(shared), "Persistent volumes in use"),
        destroyRow("another volume is in use", List.of(v1), total, Resources.of(v2, cpus(1).get()), ""),
        destroyRow("only resources other than volumes in use", List.of(v1, v2), total, Resources.of(cpus(2).get()), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("destroys")
  void destroy(String description, List<Resource> volumes, Resources agentTotal, Resources inUse, String expected) {
    assertOutcome(expected, OperationRules.destroy(volumes, new MutableResources(agentTotal), inUse));
  }

  // ------------------------------------------------------------------ rows and resources

  private static Arguments reserveRow(String description, List<R> resources, String principal, List<String> roles,
      String expected) {
    return Arguments.of(description, resources.stream().map(R::get).toList(), principal, roles, expected);
  }

  private static Arguments createRow(String description, List<R> volumes, String principal, Resources agentTotal,
      boolean sharedAllowed, String expected) {
    return Arguments.of(description, volumes.stream().map(R::get).toList(), principal, agentTotal, sharedAllowed,
        expected);
  }

  private static Arguments destroyRow(String description, List<Resource> volumes, Resources agentTotal,
      Resources inUse, String expected) {
    return Arguments.of(description, volumes, agentTotal, inUse, expected);
  }

  /** A root-disk volume of 10 dynamically reserved to role by "fw" and allocated to it. */
  private static R vol(String role, String id, String principal) {
    return disk(10).dynamic(role, "fw").alloc(role).volume(id, principal);
  }

  static R cpus(double value) {
    return R.scalar("cpus", value);
  }

  static R mem(double value) {
    return R.scalar("mem", value);
  }

  static R disk(double value) {
    return R.scalar("disk", value);
  }

  /** A small fluent Resource builder in the post-refinement format. */
  static final class R {
    private final Resource.Builder b;

    private R(Resource.Builder b) {
      this.b = b;
    }

    static R scalar(String name, double value) {
      return new R(Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
          .setScalar(Value.Scalar.newBuilder().setValue(value)));
    }

    R statically(String role) {
      b.addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole(role));
      return this;
    }

    /** A DYNAMIC reservation; a null principal leaves it unset. */
    R dynamic(String role, String principal) {
      ReservationInfo.Builder r = ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role);
      if (principal != null) r.setPrincipal(principal);
      b.addReservations(r);
      return this;
    }

    R dynamicLabelled(String role, String principal, String key, String value) {
      dynamic(role, principal);
      b.getReservationsBuilder(b.getReservationsCount() - 1).getLabelsBuilder().addLabelsBuilder().setKey(key)
          .setValue(value);
      return this;
    }

    R alloc(String role) {
      b.getAllocationInfoBuilder().setRole(role);
      return this;
    }

    R path(String root) {
      b.getDiskBuilder().getSourceBuilder().setType(DiskInfo.Source.Type.PATH).getPathBuilder().setRoot(root);
      return this;
    }

    R mount(String root) {
      b.getDiskBuilder().getSourceBuilder().setType(DiskInfo.Source.Type.MOUNT).getMountBuilder().setRoot(root);
      return this;
    }

    /** persistence {id, principal (null: unset)} and a RW volume at "data". */
    R volume(String id, String principal) {
      DiskInfo.Persistence.Builder p = b.getDiskBuilder().getPersistenceBuilder().setId(id);
      if (principal != null) p.setPrincipal(principal);
      b.getDiskBuilder().setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW));
      return this;
    }

    R clearVolume() {
      b.getDiskBuilder().clearVolume();
      return this;
    }

    R hostPath(String path) {
      b.getDiskBuilder().getVolumeBuilder().setHostPath(path);
      return this;
    }

    R readOnly() {
      b.getDiskBuilder().getVolumeBuilder().setMode(Volume.Mode.RO);
      return this;
    }

    R shared() {
      b.getSharedBuilder();
      return this;
    }

    R revocable() {
      b.getRevocableBuilder();
      return this;
    }

    R with(java.util.function.Consumer<Resource.Builder> change) {
      change.accept(b);
      return this;
    }

    Resource get() {
      return b.build();
    }
  }
}
