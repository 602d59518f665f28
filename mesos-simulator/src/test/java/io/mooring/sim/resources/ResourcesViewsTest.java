package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static io.mooring.sim.resources.Res.mem;
import static io.mooring.sim.resources.Res.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

/** Conversions of whole bags (allocation, reservations, volumes), filters, equality and text. */
class ResourcesViewsTest {

  @Test
  void allocatedToSetsTheRoleAndMergesWhatBecomesAddable() {
    Resources r = Resources.of(cpus(1).get(), cpus(2).allocated("ops").get(), ports(1, 2).get());
    assertEquals(List.of(cpus(3).allocated("eng").get(), ports(1, 2).allocated("eng").get()),
        r.allocatedTo("eng").toList());
  }

  @Test
  void unallocatedClearsTheRole() {
    Resources r = Resources.of(cpus(1).allocated("a").get(), cpus(2).allocated("b").get(), mem(5).get());
    assertEquals(List.of(cpus(3).get(), mem(5).get()), r.unallocated().toList());
  }

  @Test
  void unchangedBagsAndProtosAreReused() {
    Resource cpus = cpus(1).get();
    Resources r = Resources.of(cpus);
    assertSame(r, r.unallocated());
    assertSame(cpus, r.allocatedTo("eng").unallocated().toList().get(0));
    assertSame(r, r.stripVolumes());
    assertSame(r, r.filter(x -> true));
  }

  @Test
  void popReservationOfARefinedStackGoesBackToTheParent() {
    Resources r = Resources.of(
        cpus(1).allocated("eng/be").staticRole("eng").dynamic("eng/be", "fw", "k", "v").get(),
        cpus(2).allocated("eng/be").staticRole("eng").dynamic("eng/be", "fw", "k", "w").get(),
        disk(10).allocated("eng/be").dynamic("eng", "fw").dynamic("eng/be", "fw").get());
    assertEquals(List.of(cpus(3).allocated("eng/be").staticRole("eng").get(),
            disk(10).allocated("eng/be").dynamic("eng", "fw").get()),
        r.popReservation().toList());
  }

  @Test
  void popReservationOfUnreservedResourcesFails() {
    assertThrows(IllegalArgumentException.class, () -> Resources.of(cpus(1).get()).popReservation());
  }

  @Test
  void pushReservationReservesAndMerges() {
    Resource reserved = cpus(1).dynamic("eng", "fw").get();
    Resources r = Resources.of(cpus(2).get(), reserved);
    assertEquals(List.of(cpus(3).dynamic("eng", "fw").get()),
        Resources.of(cpus(2).get()).pushReservation(reserved.getReservations(0)).plus(reserved).toList());
    assertEquals(List.of(cpus(3).get()), r.toUnreserved().toList());
  }

  @Test
  void stripVolumesReturnsDisksWhichMergeWhenDivisible() {
    Resources r = Resources.of(
        disk(100).dynamic("eng", "fw").path("/p").get(),
        disk(50).dynamic("eng", "fw").path("/p").volume("v1", "d").get(),
        disk(30).dynamic("eng", "fw").volume("v2", "d").shared().get(),
        disk(200).dynamic("eng", "fw").mount("/m").volume("v3", "d").get(),
        cpus(1).get());
    assertEquals(List.of(disk(150).dynamic("eng", "fw").path("/p").get(), disk(30).dynamic("eng", "fw").get(),
            disk(200).dynamic("eng", "fw").mount("/m").get(), cpus(1).get()),
        r.stripVolumes().toList());
  }

  @Test
  void identityFilters() {
    Resource unreserved = cpus(1).get();
    Resource eng = cpus(2).staticRole("eng").get();
    Resource engBe = cpus(3).staticRole("eng").dynamic("eng/be", "fw").get();
    Resource ops = mem(4).staticRole("ops").get();
    Resource volume = disk(5).staticRole("eng").volume("v", "d").get();
    Resource revocable = cpus(6).revocable().get();
    Resources r = Resources.of(unreserved, eng, engBe, ops, volume, revocable);

    assertEquals(List.of(unreserved, eng, engBe, volume, revocable), r.allocatableTo("eng/be").toList());
    assertEquals(List.of(unreserved, eng, volume, revocable), r.allocatableTo("eng").toList());
    assertEquals(List.of(unreserved, revocable), r.unreserved().toList());
    assertEquals(List.of(eng, volume), r.reservedTo("eng").toList());
    assertEquals(List.of(volume), r.persistentVolumes().toList());
    assertEquals(List.of(revocable), r.revocable().toList());
    assertEquals(List.of(unreserved, eng, engBe, ops, volume), r.nonRevocable().toList());
  }

  @Test
  void identityFiltersSeeTheCurrentAllocationNotTheTemplates() {
    Resources r = Resources.of(cpus(1).allocated("old").get()).allocatedTo("new");
    assertEquals(List.of(cpus(1).allocated("new").get()), r.filter(x -> x.getAllocationInfo().getRole().equals("new"))
        .toList());
    assertEquals(Map.of("new", r), r.allocations());
  }

  @Test
  void filterSeesCurrentValues() {
    Resources r = Resources.of(cpus(4).get()).minus(cpus(1).get());
    assertEquals(List.of(cpus(3).get()), r.filter(x -> x.getScalar().getValue() == 3).toList());
    assertEquals(Resources.EMPTY, r.filter(x -> x.getScalar().getValue() == 4));
  }

  @Test
  void allocationsGroupByRole() {
    Resources r = Resources.of(cpus(1).allocated("a").get(), mem(2).allocated("b").get(), mem(3).allocated("a").get(),
        cpus(9).get());
    Map<String, Resources> byRole = r.allocations();
    assertEquals(List.of("a", "b"), new ArrayList<>(byRole.keySet()));
    assertEquals(Resources.of(cpus(1).allocated("a").get(), mem(3).allocated("a").get()), byRole.get("a"));
    assertEquals(Resources.of(mem(2).allocated("b").get()), byRole.get("b"));
  }

  @Test
  void equalityIsAsMultisetsInMesosTerms() {
    Resources a = Resources.of(cpus(1).get(), ports(1, 2).get(), disk(5).staticRole("e").volume("v", "x").get());
    Resources b = Resources.of(disk(5).staticRole("e").volume("v", "y").persistencePrincipal("p").get(),
        ports(2, 2).get(), cpus(0.5).get(), ports(1, 1).get(), cpus(0.5).get());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, b.plus(cpus(0.001).get()));
    assertNotEquals(a, b.minus(ports(2, 2).get()));
    Resource mount = disk(5).mount("/m").get();
    assertNotEquals(Resources.of(mount), Resources.of(mount, mount));
  }

  @Test
  void toStringReadsLikeMesos() {
    Resources r = Resources.of(cpus(1.5).allocated("eng").dynamic("eng", "fw", "k", "v").get(), ports(1, 2, 5, 6).get(),
        disk(2048).staticRole("eng").mount("/mnt/d0").volume("db-0", "data").shared().get());
    assertEquals("cpus(allocated: eng)(reservations: [(DYNAMIC,eng,fw,{k: v})]):1.5; ports:[1-2, 5-6]; "
        + "disk(reservations: [(STATIC,eng)])[MOUNT:/mnt/d0,db-0:data]<SHARED>:2048", r.toString());
  }

  @Test
  void toListIsImmutable() {
    List<Resource> list = Resources.of(cpus(1).get()).toList();
    assertThrows(UnsupportedOperationException.class, () -> list.add(cpus(1).get()));
  }

  @Test
  void iteratesInInsertionOrder() {
    List<Resource> seen = new ArrayList<>();
    Resources.of(mem(1).get(), cpus(1).get(), mem(1).get()).forEach(seen::add);
    assertEquals(List.of(mem(2).get(), cpus(1).get()), seen);
  }

  @Test
  void largeBagsStayLinear() {
    // 20,000 exclusive volumes: a quadratic bag would take minutes here.
    List<Resource> volumes = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) volumes.add(disk(1).staticRole("eng").volume("v" + i, "d").get());
    Resources all = Resources.of(volumes);
    Resources half = Resources.of(volumes.subList(0, 10_000));
    assertEquals(10_000, all.minus(half).size());
    assertEquals(true, all.contains(half));
    assertEquals(all, half.plus(Resources.of(volumes.subList(10_000, 20_000))));
  }
}
