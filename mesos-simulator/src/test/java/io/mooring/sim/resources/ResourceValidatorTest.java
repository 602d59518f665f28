package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static io.mooring.sim.resources.Res.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of Resources::validate (resources.cpp), one row each; null = valid. */
class ResourceValidatorTest {
  private static final ReservationInfo LEGACY_DYNAMIC = ReservationInfo.newBuilder().setPrincipal("fw").build();

  static Stream<Arguments> rows() {
    return Stream.of(
        // Value.
        row("valid scalar", cpus(1), null),
        row("zero scalar is valid (and empty)", cpus(0), null),
        row("smallest non-zero fixed-point value", cpus(0.0006), null),
        row("empty name", Res.scalar("", 1), "Empty resource name"),
        row("scalar without value", cpus(1).with(Resource.Builder::clearScalar), "Invalid scalar resource"),
        row("scalar with ranges too", cpus(1).with(b -> b.setRanges(Value.Ranges.getDefaultInstance())),
            "Invalid scalar resource"),
        row("negative scalar", cpus(-1), "Invalid scalar resource: value <= 0"),
        row("scalar rounding to zero", cpus(1e-4), "Invalid scalar resource: value <= 0"),
        row("NaN scalar", cpus(Double.NaN), "Invalid scalar resource: value <= 0"),
        row("valid ranges", ports(1, 5, 10, 20), null),
        row("adjacent ranges need not be coalesced", ports(1, 2, 3, 4), null),
        row("ranges without value", ports(1, 2).with(Resource.Builder::clearRanges), "Invalid ranges resource"),
        row("inverted range", ports(5, 1), "Invalid ranges resource: begin > end"),
        row("overlapping ranges", ports(1, 5, 3, 8), "Invalid ranges resource: overlapping ranges"),
        row("overlapping ranges listed backwards", ports(5, 10, 1, 6), "Invalid ranges resource: overlapping ranges"),
        row("valid set", Res.set("z", "a", "b"), null),
        row("set without value", Res.set("z", "a").with(Resource.Builder::clearSet), "Invalid set resource"),
        row("set with duplicates", Res.set("z", "a", "b", "a"), "Invalid set resource: duplicated elements"),
        row("TEXT", Res.set("z", "a").with(b -> b.clearSet().setType(Value.Type.TEXT)), "Unsupported resource type"),
        // Disk.
        row("disk info on cpus", cpus(1).path("/p"), "DiskInfo should not be set for cpus resource"),
        row("MOUNT disk", disk(1).mount("/m"), null),
        row("BLOCK with a path", disk(1).block("b").with(b -> b.getDiskBuilder().getSourceBuilder().getPathBuilder()),
            "Path should not be set for BLOCK disk source"),
        row("RAW with a mount", disk(1).raw("r").with(b -> b.getDiskBuilder().getSourceBuilder().getMountBuilder()),
            "Mount should not be set for RAW disk source"),
        row("UNKNOWN source", disk(1).source(DiskInfo.Source.newBuilder().setType(DiskInfo.Source.Type.UNKNOWN)
            .buildPartial()), "Unsupported 'DiskInfo.Source.Type' in 'UNKNOWN'"),
        // Pre-refinement format.
        row("legacy role unset (defaults to *)", cpus(1), null),
        row("legacy static role", cpus(1).legacyRole("eng"), null),
        row("legacy dynamic reservation", cpus(1).legacyRole("eng").legacyReservation(LEGACY_DYNAMIC), null),
        row("legacy invalid role", cpus(1).legacyRole("a//b"), "Role 'a//b' cannot contain two adjacent slashes"),
        row("legacy empty role", cpus(1).legacyRole(""), "Role names cannot be the empty string"),
        row("legacy reservation with type", cpus(1).legacyRole("eng").legacyReservation(
            LEGACY_DYNAMIC.toBuilder().setType(ReservationInfo.Type.DYNAMIC).build()),
            "'Resource.ReservationInfo.type' must not be set for the 'Resource.reservation' field"),
        row("legacy reservation with role", cpus(1).legacyRole("eng").legacyReservation(
            LEGACY_DYNAMIC.toBuilder().setRole("eng").build()),
            "'Resource.ReservationInfo.role' must not be set for the 'Resource.reservation' field"),
        row("legacy * dynamically reserved", cpus(1).legacyRole("*").legacyReservation(LEGACY_DYNAMIC),
            "Invalid reservation: role \"*\" cannot be dynamically reserved"),
        row("legacy * with default role", cpus(1).legacyReservation(LEGACY_DYNAMIC),
            "Invalid reservation: role \"*\" cannot be dynamically reserved"),
        // Post-refinement format.
        row("static", cpus(1).staticRole("eng"), null),
        row("refined stack", cpus(1).staticRole("eng").dynamic("eng/be", "fw").dynamic("eng/be/x", null), null),
        row("reservation without type", cpus(1).reservation(ReservationInfo.newBuilder().setRole("eng").build()),
            "Invalid reservation: 'Resource.ReservationInfo.type' field must be set."),
        row("reservation without role", cpus(1).reservation(
            ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).build()),
            "Invalid reservation: 'Resource.ReservationInfo.role' field must be set."),
        row("reserved to *", cpus(1).staticRole("*"), "Invalid reservation: role \"*\" cannot be reserved"),
        row("reserved to an invalid role", cpus(1).dynamic("-x", null),
            "Role component '-x' is invalid because it starts with a dash"),
        row("refinement that is STATIC", cpus(1).staticRole("eng").staticRole("eng/be"),
            "Invalid refined reservation: A refined reservation cannot be STATIC"),
        row("refinement to a sibling", cpus(1).staticRole("eng").dynamic("ops", null),
            "Invalid refined reservation: role 'ops' is not a refinement of 'eng'"),
        row("refinement to the same role", cpus(1).dynamic("eng", null).dynamic("eng", null),
            "Invalid refined reservation: role 'eng' is not a refinement of 'eng'"),
        row("refinement to a name prefix", cpus(1).dynamic("eng", null).dynamic("engine", null),
            "Invalid refined reservation: role 'engine' is not a refinement of 'eng'"),
        // Both formats at once: Mesos accepts them only when they agree (its "endpoint" format).
        row("both formats agreeing, DYNAMIC", cpus(1).dynamic("eng", "fw").legacyRole("eng")
            .legacyReservation(LEGACY_DYNAMIC), null),
        row("both formats agreeing, STATIC", cpus(1).staticRole("eng").legacyRole("eng"), null),
        row("both formats with other roles", cpus(1).staticRole("eng").legacyRole("ops"),
            "Invalid resource format: 'Resource.role' field with 'ops' does not match the role 'eng' in"
                + " 'Resource.reservations'"),
        row("STATIC with a legacy reservation", cpus(1).staticRole("eng").legacyReservation(LEGACY_DYNAMIC),
            "Invalid resource format: 'Resource.reservation' must not be set if the single reservation in"
                + " 'Resource.reservations' is STATIC"),
        row("DYNAMIC with a legacy role only", cpus(1).dynamic("eng", "fw").legacyRole("eng"),
            "Invalid resource format: 'Resource.role' and 'Resource.reservation' must either be both set or both not"
                + " set if the single reservation in 'Resource.reservations' is DYNAMIC"),
        row("DYNAMIC with another legacy principal", cpus(1).dynamic("eng", "other").legacyRole("eng")
            .legacyReservation(LEGACY_DYNAMIC),
            "Invalid resource format: 'Resource.reservation.principal' field with 'fw' does not match the principal"
                + " 'other' in 'Resource.reservations'"),
        row("DYNAMIC with other legacy labels", cpus(1).dynamic("eng", "fw", "k", "v").legacyRole("eng")
            .legacyReservation(LEGACY_DYNAMIC),
            "Invalid resource format: 'Resource.reservation.labels' field does not match the labels in"
                + " 'Resource.reservations'"),
        row("refined with a legacy role", cpus(1).staticRole("eng").dynamic("eng/a", null).legacyRole("eng/a"),
            "Invalid resource format: 'Resource.role' must not be set if there is more than one reservation in"
                + " 'Resource.reservations'"),
        row("refined with a legacy reservation", cpus(1).staticRole("eng").dynamic("eng/a", null)
            .legacyReservation(LEGACY_DYNAMIC),
            "Invalid resource format: 'Resource.reservation' must not be set if there is more than one reservation"
                + " in 'Resource.reservations'"),
        // Shared.
        row("shared volume", disk(1).staticRole("eng").volume("v", "d").shared(), null),
        row("shared cpus", cpus(1).shared(), "Resource cpus cannot be shared"),
        row("shared disk that is no volume", disk(1).shared(), "Only persistent volumes can be shared"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void validate(String name, Resource resource, String expectedError) {
    assertEquals(Optional.ofNullable(expectedError), ResourceValidator.validate(resource));
  }

  private static Arguments row(String name, Res resource, String expectedError) {
    return Arguments.of(name, resource.get(), expectedError);
  }
}
