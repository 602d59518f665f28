package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.mountDisk;
import static io.mooring.offer.matching.Fixtures.pathDisk;
import static io.mooring.offer.matching.Fixtures.ports;
import static io.mooring.offer.matching.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Subtracting placed pieces from the offer: scalars in fixed point, ranges split, exclusive disks whole. */
class ResourcePoolTest {
  static Stream<Arguments> subtractions() {
    return Stream.of(
        Arguments.of(scalar("cpus", 4), scalar("cpus", 1.5), List.of(scalar("cpus", 2.5))),
        Arguments.of(scalar("cpus", 0.3), scalar("cpus", 0.3), List.of()),
        Arguments.of(ports(31000, 32000), ports(31000, 31000, 31005, 31005),
            List.of(ports(31001, 31004, 31006, 32000))),
        Arguments.of(ports(31000, 31001), ports(31000, 31001), List.of()),
        Arguments.of(pathDisk("/p", 1000, null), pathDisk("/p", 100, null), List.of(pathDisk("/p", 900, null))),
        Arguments.of(mountDisk("/m", 1000, null), mountDisk("/m", 1000, null), List.of()));
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("subtractions")
  void subtractsAPiece(Resource offered, Resource piece, List<Resource> left) {
    ResourcePool pool = ResourcePool.of(Fixtures.offer(List.of(offered)), Fixtures.ROLE);
    assertEquals(left, pool.minus(List.of(piece)).resources());
  }

  @Test
  void refusesPiecesThatAreNotInThePool() {
    ResourcePool pool = ResourcePool.of(Fixtures.offer(List.of(scalar("cpus", 1), pathDisk("/p", 10, null))),
        Fixtures.ROLE);
    assertThrows(IllegalArgumentException.class, () -> pool.minus(List.of(scalar("cpus", 2))));
    assertThrows(IllegalArgumentException.class, () -> pool.minus(List.of(pathDisk("/q", 1, null))));
    assertThrows(IllegalArgumentException.class, () -> pool.minus(List.of(scalar("mem", 1))));
  }

  @Test
  void keepsOnlyOurRolesNonRevocableResources() {
    Resource revocable = scalar("cpus", 1).toBuilder().setRevocable(Resource.RevocableInfo.getDefaultInstance())
        .build();
    ResourcePool pool = ResourcePool.of(Fixtures.offer(List.of(scalar("cpus", 1), Fixtures.otherRole(scalar("mem", 1)),
        revocable)), Fixtures.ROLE);
    assertEquals(List.of(scalar("cpus", 1)), pool.resources());
  }
}
