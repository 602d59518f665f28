package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static io.mooring.sim.resources.Res.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which resources merge into one entry when added, and which stay apart (resources.cpp addable). */
class ResourcesMergeTest {

  static Stream<Arguments> merging() {
    return Stream.of(
        row("plain scalars", cpus(1), cpus(2), cpus(3)),
        row("same dynamic reservation and labels",
            cpus(1).dynamic("eng", "fw", "k", "v"), cpus(2).dynamic("eng", "fw", "k", "v"),
            cpus(3).dynamic("eng", "fw", "k", "v")),
        row("labels in another order are the same labels",
            cpus(1).dynamic("eng", "fw", "a", "1", "b", "2"), cpus(2).dynamic("eng", "fw", "b", "2", "a", "1"),
            cpus(3).dynamic("eng", "fw", "a", "1", "b", "2")),
        row("same refined stack",
            cpus(1).staticRole("eng").dynamic("eng/be", "fw"), cpus(1).staticRole("eng").dynamic("eng/be", "fw"),
            cpus(2).staticRole("eng").dynamic("eng/be", "fw")),
        row("same allocation", cpus(1).allocated("eng"), cpus(0.5).allocated("eng"), cpus(1.5).allocated("eng")),
        row("root disks", disk(100), disk(50), disk(150)),
        row("PATH disks with the same root", disk(100).path("/p"), disk(50).path("/p"), disk(150).path("/p")),
        row("RAW disks without an id", disk(10).raw(null), disk(5).raw(null), disk(15).raw(null)),
        row("revocable with revocable", cpus(1).revocable(), cpus(1).revocable(), cpus(2).revocable()),
        row("same provider", disk(1).provider("p1"), disk(2).provider("p1"), disk(3).provider("p1")),
        row("adjacent ranges coalesce", ports(31000, 31001), ports(31002, 31005), ports(31000, 31005)),
        row("overlapping ranges coalesce", ports(1, 5, 20, 30), ports(3, 8), ports(1, 8, 20, 30)),
        row("disjoint ranges stay sorted in one entry", ports(10, 20), ports(1, 2), ports(1, 2, 10, 20)),
        row("sets union", Res.set("zones", "a", "b"), Res.set("zones", "c", "b"), Res.set("zones", "a", "b", "c")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("merging")
  void addableResourcesMergeIntoOneEntry(String name, Resource a, Resource b, Resource expected) {
    assertEquals(List.of(expected), Resources.of(a).plus(b).toList());
    assertEquals(List.of(expected), Resources.of(a, b).toList());
  }

  static Stream<Arguments> separate() {
    return Stream.of(
        row("different names", cpus(1), Res.mem(1)),
        row("labels differ", cpus(1).dynamic("eng", "fw", "k", "v1"), cpus(1).dynamic("eng", "fw", "k", "v2")),
        row("labels present vs absent", cpus(1).dynamic("eng", "fw", "k", "v"), cpus(1).dynamic("eng", "fw")),
        row("principal differs", cpus(1).dynamic("eng", "a"), cpus(1).dynamic("eng", "b")),
        row("principal set vs unset", cpus(1).dynamic("eng", "a"), cpus(1).dynamic("eng", null)),
        row("static vs dynamic", cpus(1).staticRole("eng"), cpus(1).dynamic("eng", null)),
        row("reserved vs unreserved", cpus(1).staticRole("eng"), cpus(1)),
        row("refined vs its parent", cpus(1).staticRole("eng").dynamic("eng/be", "fw"), cpus(1).staticRole("eng")),
        row("allocated to different roles", cpus(1).allocated("a"), cpus(1).allocated("b")),
        row("allocated vs unallocated", cpus(1).allocated("a"), cpus(1)),
        row("revocable vs not", cpus(1).revocable(), cpus(1)),
        row("different providers", disk(1).provider("p1"), disk(1).provider("p2")),
        row("root disk vs PATH disk", disk(1), disk(1).path("/p")),
        row("PATH disks with different roots", disk(1).path("/p"), disk(1).path("/q")),
        row("MOUNT disks never merge", disk(100).mount("/m").staticRole("eng"), disk(100).mount("/m").staticRole("eng")),
        row("BLOCK disks never merge", disk(10).block("b1"), disk(10).block("b1")),
        row("RAW disks with an id never merge", disk(10).raw("r1"), disk(10).raw("r1")),
        row("volumes with the same id never merge",
            disk(10).dynamic("eng", "fw").volume("v1", "data"), disk(10).dynamic("eng", "fw").volume("v1", "data")),
        row("volumes with different ids",
            disk(10).dynamic("eng", "fw").volume("v1", "data"), disk(10).dynamic("eng", "fw").volume("v2", "data")),
        row("volume vs the disk under it", disk(10).dynamic("eng", "fw").volume("v1", "data"),
            disk(10).dynamic("eng", "fw")),
        row("shared volumes never merge", disk(10).staticRole("eng").volume("v1", "d").shared(),
            disk(10).staticRole("eng").volume("v1", "d").shared()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("separate")
  void nonAddableResourcesStaySeparateEntries(String name, Resource a, Resource b) {
    assertEquals(List.of(a, b), Resources.of(a).plus(b).toList());
    assertEquals(2, Resources.of(a, b).size());
  }

  static Stream<Arguments> dropped() {
    return Stream.of(
        Arguments.of("zero scalar", cpus(0).get()),
        Arguments.of("empty ranges", ports().get()),
        Arguments.of("empty set", Res.set("zones").get()),
        Arguments.of("negative scalar (invalid)", cpus(-1).get()),
        Arguments.of("scalar rounding to zero (invalid)", cpus(0.0004).get()),
        Arguments.of("inverted range (invalid)", ports(5, 1).get()),
        Arguments.of("reserved to * (invalid)", cpus(1).reservation(
            ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole("*").build()).get()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dropped")
  void emptyAndInvalidResourcesAreIgnoredAsMesosDoes(String name, Resource r) {
    Resources base = Resources.of(Res.mem(1).get());
    assertEquals(List.of(Res.mem(1).get()), Resources.of(r, Res.mem(1).get()).toList());
    assertEquals(base, base.plus(r));
    assertEquals(base, base.minus(r));
  }

  private static Arguments row(String name, Res a, Res b, Res expected) {
    return Arguments.of(name, a.get(), b.get(), expected.get());
  }

  private static Arguments row(String name, Res a, Res b) {
    return Arguments.of(name, a.get(), b.get());
  }
}
