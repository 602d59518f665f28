package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The two reservation formats (§3.2): upgrade inbound, downgrade for frameworks without RESERVATION_REFINEMENT. */
class ResourceFormatTest {

  /** (legacy, refined): each converts to the other, both ways. */
  static Stream<Arguments> pairs() {
    return Stream.of(
        row("unreserved", cpus(1).legacyRole("*"), cpus(1)),
        row("static", cpus(1).legacyRole("eng"), cpus(1).staticRole("eng")),
        row("dynamic with principal and labels",
            cpus(1).legacyRole("eng").legacyReservation(ReservationInfo.newBuilder().setPrincipal("fw")
                .setLabels(Res.labels("k", "v")).build()),
            cpus(1).dynamic("eng", "fw", "k", "v")),
        row("dynamic without principal", cpus(1).legacyRole("eng").legacyReservation(
            ReservationInfo.getDefaultInstance()), cpus(1).dynamic("eng", null)),
        row("hierarchical role", cpus(1).legacyRole("eng/be"), cpus(1).staticRole("eng/be")),
        row("allocated volume keeps everything else",
            disk(64).allocated("eng").legacyRole("eng").legacyReservation(ReservationInfo.newBuilder()
                .setPrincipal("fw").build()).mount("/m").volume("db", "data").persistencePrincipal("fw"),
            disk(64).allocated("eng").dynamic("eng", "fw").mount("/m").volume("db", "data")
                .persistencePrincipal("fw")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void upgradeAndDowngradeAreInverse(String name, Resource legacy, Resource refined) {
    assertEquals(refined, ResourceFormat.upgrade(legacy));
    assertEquals(legacy, ResourceFormat.downgrade(refined));
    assertEquals(refined, ResourceFormat.upgrade(ResourceFormat.downgrade(refined)));
  }

  @Test
  void upgradeKeepsRefinedResourcesAsTheyAre() {
    Resource refined = cpus(1).staticRole("eng").dynamic("eng/be", "fw").get();
    assertSame(refined, ResourceFormat.upgrade(refined));
    Resource noRole = cpus(1).get();
    assertSame(noRole, ResourceFormat.upgrade(noRole));
  }

  @Test
  void upgradeClearsLegacyFieldsThatAgreeWithTheStack() {
    Resource endpointFormat = cpus(1).dynamic("eng", "fw").legacyRole("eng")
        .legacyReservation(ReservationInfo.newBuilder().setPrincipal("fw").build()).get();
    assertEquals(cpus(1).dynamic("eng", "fw").get(), ResourceFormat.upgrade(endpointFormat));
  }

  @Test
  void upgradeRefusesInvalidResourcesWithMesosMessage() {
    ResourceException e = assertThrows(ResourceException.class, () -> ResourceFormat.upgrade(cpus(-1).get()));
    assertEquals("Resource 'cpus:-1' is invalid: Invalid scalar resource: value <= 0", e.getMessage());
    assertEquals("Invalid scalar resource: value <= 0", e.reason());

    ResourceException star = assertThrows(ResourceException.class, () -> ResourceFormat.upgrade(
        cpus(2).legacyRole("*").legacyReservation(ReservationInfo.newBuilder().setPrincipal("fw").build()).get()));
    assertEquals("Resource 'cpus(*, fw):2' is invalid: Invalid reservation: role \"*\" cannot be dynamically reserved",
        star.getMessage());
  }

  @Test
  void upgradeOfAListStopsAtTheFirstInvalidResource() {
    assertEquals(List.of(cpus(1).staticRole("eng").get(), cpus(2).get()),
        ResourceFormat.upgrade(List.of(cpus(1).legacyRole("eng").get(), cpus(2).legacyRole("*").get())));
    assertThrows(ResourceException.class,
        () -> ResourceFormat.upgrade(List.of(cpus(1).get(), cpus(1).staticRole("*").get())));
  }

  @Test
  void refinedReservationsCannotBeDowngraded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResourceFormat.downgrade(cpus(1).staticRole("eng").dynamic("eng/be", "fw").get()));
    assertEquals("Cannot downgrade resources containing refined reservations", e.getMessage());
  }

  @Test
  void downgradeWantsThePostRefinementFormat() {
    assertThrows(IllegalArgumentException.class, () -> ResourceFormat.downgrade(cpus(1).legacyRole("eng").get()));
  }

  @Test
  void downgradeOfAList() {
    assertEquals(List.of(cpus(1).legacyRole("*").get(), cpus(2).legacyRole("eng").get()),
        ResourceFormat.downgrade(List.of(cpus(1).get(), cpus(2).staticRole("eng").get())));
  }

  @Test
  void stripAllocationInfoForFrameworksWithoutMultiRole() {
    assertEquals(cpus(1).staticRole("eng").get(),
        ResourceFormat.stripAllocationInfo(cpus(1).staticRole("eng").allocated("eng").get()));
    Resource unallocated = cpus(1).get();
    assertSame(unallocated, ResourceFormat.stripAllocationInfo(unallocated));
    assertEquals(List.of(cpus(1).get()), ResourceFormat.stripAllocationInfo(List.of(cpus(1).allocated("a").get())));
  }

  @Test
  void resourcesAcceptTheLegacyFormatAndStoreTheRefinedOne() {
    Resources r = Resources.of(cpus(1).legacyRole("eng").get(), cpus(2).staticRole("eng").get());
    assertEquals(List.of(cpus(3).staticRole("eng").get()), r.toList());
  }

  private static Arguments row(String name, Res legacy, Res refined) {
    return Arguments.of(name, legacy.get(), refined.get());
  }
}
