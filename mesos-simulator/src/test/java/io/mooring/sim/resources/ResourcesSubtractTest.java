package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static io.mooring.sim.resources.Res.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** contains and minus (resources.cpp subtractable / contains), row by row: (have, take, contained?, have - take). */
class ResourcesSubtractTest {
  private static final Res[] NOTHING = {};

  static Stream<Arguments> rows() {
    Res mount = disk(100).staticRole("eng").mount("/m");
    Res volume = disk(100).dynamic("eng", "fw").mount("/m").volume("db", "data").persistencePrincipal("fw");
    Res rootVolume = disk(64).dynamic("eng", "fw").volume("v", "data");
    return Stream.of(
        row("scalar part", cpus(2), cpus(0.5), true, cpus(1.5)),
        row("scalar whole", cpus(2), cpus(2), true, NOTHING),
        row("scalar more than there is: Mesos drops the entry", cpus(1), cpus(1.5), false, NOTHING),
        row("reserved from unreserved", cpus(2), cpus(1).staticRole("eng"), false, cpus(2)),
        row("unreserved from reserved", cpus(2).staticRole("eng"), cpus(1), false, cpus(2).staticRole("eng")),
        row("labels differ", cpus(2).dynamic("eng", "fw", "k", "a"), cpus(1).dynamic("eng", "fw", "k", "b"), false,
            cpus(2).dynamic("eng", "fw", "k", "a")),
        row("allocated from unallocated", cpus(2), cpus(1).allocated("eng"), false, cpus(2)),
        row("MOUNT partial fails", mount, disk(50).staticRole("eng").mount("/m"), false, mount),
        row("MOUNT whole", mount, disk(100).staticRole("eng").mount("/m"), true, NOTHING),
        row("MOUNT of another root", mount, disk(100).staticRole("eng").mount("/n"), false, mount),
        row("PATH partial works", disk(100).path("/p"), disk(40).path("/p"), true, disk(60).path("/p")),
        row("PATH of another root", disk(100).path("/p"), disk(40).path("/q"), false, disk(100).path("/p")),
        row("root disk partial works", disk(100), disk(40), true, disk(60)),
        row("BLOCK partial fails", disk(10).block("b"), disk(5).block("b"), false, disk(10).block("b")),
        row("RAW with id partial fails", disk(10).raw("r"), disk(5).raw("r"), false, disk(10).raw("r")),
        row("RAW without id partial works", disk(10).raw(null), disk(4).raw(null), true, disk(6).raw(null)),
        row("volume must match its size exactly", volume,
            disk(50).dynamic("eng", "fw").mount("/m").volume("db", "data"), false, volume),
        row("volume equality ignores container_path and persistence.principal", volume,
            disk(100).dynamic("eng", "fw").mount("/m").volume("db", "elsewhere").persistencePrincipal("other"), true,
            NOTHING),
        row("volume with another persistence id", volume,
            disk(100).dynamic("eng", "fw").mount("/m").volume("db2", "data"), false, volume),
        row("root-disk volume partial fails", rootVolume, disk(32).dynamic("eng", "fw").volume("v", "data"), false,
            rootVolume),
        row("root-disk volume whole", rootVolume, disk(64).dynamic("eng", "fw").volume("v", "x"), true, NOTHING),
        row("volume is not the disk under it", disk(100).dynamic("eng", "fw"),
            disk(100).dynamic("eng", "fw").volume("v", "x"), false, disk(100).dynamic("eng", "fw")),
        row("ports sub-range", ports(31000, 32000), ports(31000, 31000), true, ports(31001, 32000)),
        row("ports middle splits", ports(31000, 32000), ports(31500, 31600), true,
            ports(31000, 31499, 31601, 32000)),
        row("ports partly outside: not contained, the overlap still goes", ports(10, 20), ports(15, 30), false,
            ports(10, 14)),
        row("set subset", Res.set("z", "a", "b", "c"), Res.set("z", "b"), true, Res.set("z", "a", "c")),
        row("set not a subset: difference still taken", Res.set("z", "a", "b"), Res.set("z", "b", "x"), false,
            Res.set("z", "a")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void containsAndMinus(String name, Resource have, Resource take, boolean contained, List<Resource> rest) {
    Resources bag = Resources.of(have);
    assertEquals(contained, bag.contains(take), "contains(Resource)");
    assertEquals(contained, bag.contains(Resources.of(take)), "contains(Resources)");
    assertEquals(rest, bag.minus(take).toList(), "minus(Resource)");
    assertEquals(rest, bag.minus(Resources.of(take)).toList(), "minus(Resources)");
    MutableResources mutable = new MutableResources(bag);
    assertEquals(contained, mutable.contains(Resources.of(take)), "MutableResources.contains");
    mutable.subtract(Resources.of(take));
    assertEquals(rest, mutable.snapshot().toList(), "MutableResources.subtract");
  }

  @Test
  void sharedVolumesAreCountedCopies() {
    Resource shared = disk(10).staticRole("eng").volume("v", "d").shared().get();
    Resources two = Resources.of(shared, shared);
    assertTrue(two.contains(Resources.of(shared, shared)));
    assertFalse(Resources.of(shared).contains(Resources.of(shared, shared)));
    assertEquals(List.of(shared), two.minus(shared).toList());
    assertFalse(two.contains(disk(5).staticRole("eng").volume("v", "d").shared().get()));
    assertTrue(new MutableResources(two).contains(Resources.of(shared, shared)));
    assertFalse(new MutableResources(Resources.of(shared)).contains(Resources.of(shared, shared)));
  }

  @Test
  void containsCountsExclusiveEntries() {
    Resource mount = disk(100).mount("/m").get();
    assertFalse(Resources.of(mount).contains(Resources.of(mount, mount)));
    assertTrue(Resources.of(mount, mount).contains(Resources.of(mount, mount)));
    assertFalse(new MutableResources(Resources.of(mount)).contains(Resources.of(mount, mount)));
    assertTrue(new MutableResources(Resources.of(mount, mount)).contains(Resources.of(mount, mount)));
  }

  @Test
  void containsNeedsEveryPart() {
    Resources have = Resources.of(cpus(2).get(), Res.mem(1024).get(), ports(31000, 32000).get());
    assertTrue(have.contains(Resources.of(cpus(2).get(), ports(31005, 31010).get())));
    assertFalse(have.contains(Resources.of(cpus(1).get(), Res.mem(2048).get())));
    assertTrue(have.contains(Resources.EMPTY));
    assertFalse(Resources.EMPTY.contains(have));
  }

  @Test
  void containsRefusesInvalidResources() {
    assertFalse(Resources.of(cpus(2).get()).contains(cpus(-1).get()));
  }

  @Test
  void allocatorArithmeticTotalMinusUsedMinusOffered() {
    Resources total = Resources.of(cpus(8).get(), Res.mem(16384).get(), ports(31000, 32000).get(),
        disk(1000).mount("/m").staticRole("eng").get());
    Resources used = Resources.of(cpus(2.5).allocated("eng").get(), ports(31000, 31001).allocated("eng").get(),
        disk(1000).mount("/m").staticRole("eng").allocated("eng").get());
    Resources offered = Resources.of(cpus(1).allocated("ops").get(), Res.mem(1024).allocated("ops").get());

    Resources available = total.minus(used.unallocated()).minus(offered.unallocated());

    assertEquals(List.of(cpus(4.5).get(), Res.mem(15360).get(), ports(31002, 32000).get()), available.toList());
    assertEquals(total, available.plus(used.unallocated()).plus(offered.unallocated()));
  }

  private static Arguments row(String name, Res have, Res take, boolean contained, Res... rest) {
    return Arguments.of(name, have.get(), take.get(), contained, Arrays.stream(rest).map(Res::get).toList());
  }
}
