package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceRulesTest {

  static Stream<Arguments> allocatable() {
    return Stream.of(
        row(cpus(1), "eng", true),
        row(cpus(1), "eng/be", true),
        row(cpus(1).staticRole("eng"), "eng", true),
        row(cpus(1).staticRole("eng"), "eng/be", true),
        row(cpus(1).dynamic("eng", "fw"), "eng/be/x", true),
        row(cpus(1).staticRole("eng"), "ops", false),
        row(cpus(1).staticRole("eng"), "engine", false),
        row(cpus(1).staticRole("eng/be"), "eng", false),
        row(cpus(1).staticRole("eng").dynamic("eng/be", "fw"), "eng/be", true),
        row(cpus(1).staticRole("eng").dynamic("eng/be", "fw"), "eng", false));
  }

  @ParameterizedTest(name = "{0} allocatable to {1}: {2}")
  @MethodSource("allocatable")
  void isAllocatableTo(Resource r, String role, boolean expected) {
    assertEquals(expected, ResourceRules.isAllocatableTo(r, role));
  }

  /** (resource, unreserved, dynamically reserved, refined, reservation role). */
  static Stream<Arguments> reservationStates() {
    return Stream.of(
        Arguments.of(cpus(1).get(), true, false, false, "*"),
        Arguments.of(cpus(1).staticRole("eng").get(), false, false, false, "eng"),
        Arguments.of(cpus(1).dynamic("eng", "fw").get(), false, true, false, "eng"),
        Arguments.of(cpus(1).staticRole("eng").dynamic("eng/a", "fw").get(), false, true, true, "eng/a"),
        Arguments.of(cpus(1).dynamic("eng", null).dynamic("eng/a", null).get(), false, true, true, "eng/a"));
  }

  @ParameterizedTest
  @MethodSource("reservationStates")
  void reservationPredicates(Resource r, boolean unreserved, boolean dynamic, boolean refined, String role) {
    assertEquals(unreserved, ResourceRules.isUnreserved(r));
    assertEquals(!unreserved, ResourceRules.isReserved(r));
    assertEquals(dynamic, ResourceRules.isDynamicallyReserved(r));
    assertEquals(refined, ResourceRules.isRefined(r));
    assertEquals(role, ResourceRules.reservationRole(r));
    assertEquals(!unreserved, ResourceRules.isReservedTo(r, role));
  }

  @Test
  void diskKinds() {
    assertEquals(true, ResourceRules.isMount(disk(1).mount("/m").get()));
    assertEquals(false, ResourceRules.isMount(disk(1).path("/m").get()));
    assertEquals(false, ResourceRules.isMount(disk(1).get()));
    assertEquals(true, ResourceRules.isPersistentVolume(disk(1).staticRole("a").volume("v", "d").get()));
    assertEquals(false, ResourceRules.isPersistentVolume(disk(1).mount("/m").get()));
  }

  @Test
  void ancestry() {
    assertEquals(true, ResourceRules.isAncestorOrSelf("eng", "eng"));
    assertEquals(true, ResourceRules.isAncestorOrSelf("eng", "eng/a/b"));
    assertEquals(false, ResourceRules.isAncestorOrSelf("eng/a", "eng"));
    assertEquals(false, ResourceRules.isAncestorOrSelf("eng", "engx"));
  }

  static Stream<Arguments> strippedVolumes() {
    return Stream.of(
        Arguments.of("MOUNT volume -> MOUNT disk, still reserved and allocated",
            disk(100).allocated("eng").dynamic("eng", "fw").mount("/m").volume("db", "data").persistencePrincipal("fw")
                .get(),
            disk(100).allocated("eng").dynamic("eng", "fw").mount("/m").get()),
        Arguments.of("PATH volume -> PATH disk", disk(10).staticRole("eng").path("/p").volume("v", "d").get(),
            disk(10).staticRole("eng").path("/p").get()),
        Arguments.of("root-disk volume loses its DiskInfo", disk(10).dynamic("eng", "fw").volume("v", "d").get(),
            disk(10).dynamic("eng", "fw").get()),
        Arguments.of("shared volume is no longer shared", disk(10).staticRole("eng").volume("v", "d").shared().get(),
            disk(10).staticRole("eng").get()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strippedVolumes")
  void stripVolume(String name, Resource volume, Resource disk) {
    assertEquals(disk, ResourceRules.stripVolume(volume));
  }

  @Test
  void stripVolumeLeavesOtherResourcesAlone() {
    Resource mount = disk(10).mount("/m").get();
    assertSame(mount, ResourceRules.stripVolume(mount));
  }

  @Test
  void popAndPushReservation() {
    Resource refined = cpus(1).allocated("eng/be").staticRole("eng").dynamic("eng/be", "fw", "k", "v").get();
    Resource parent = cpus(1).allocated("eng/be").staticRole("eng").get();
    assertEquals(parent, ResourceRules.popReservation(refined));
    assertEquals(cpus(1).allocated("eng/be").get(), ResourceRules.popReservation(parent));
    assertEquals(refined, ResourceRules.pushReservation(parent, refined.getReservations(1)));
    assertThrows(IllegalArgumentException.class, () -> ResourceRules.popReservation(cpus(1).get()));
  }

  @Test
  void pushThenValidate() {
    Resource pushed = ResourceRules.pushReservation(cpus(1).staticRole("eng").get(),
        ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole("ops").build());
    assertEquals("Invalid refined reservation: role 'ops' is not a refinement of 'eng'",
        ResourceValidator.validate(pushed).orElseThrow());
  }

  private static Arguments row(Res r, String role, boolean expected) {
    return Arguments.of(r.get(), role, expected);
  }
}
