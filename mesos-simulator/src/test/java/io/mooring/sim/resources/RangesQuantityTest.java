package io.mooring.sim.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Interval arithmetic on ranges: normal form, union, difference, containment. */
class RangesQuantityTest {
  private static final long MAX = Long.MAX_VALUE;

  static Stream<Arguments> normalForm() {
    return Stream.of(
        Arguments.of(new long[] {5, 6, 1, 2, 3, 3}, "[1-3, 5-6]"),
        Arguments.of(new long[] {1, 10, 2, 3}, "[1-10]"),
        Arguments.of(new long[] {1, 1, 2, 2, 3, 3}, "[1-3]"),
        Arguments.of(new long[] {}, "[]"),
        Arguments.of(new long[] {0, MAX, 5, 6}, "[0-" + MAX + "]"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("normalForm")
  void normalisesSortedAndCoalesced(long[] bounds, String expected) {
    assertEquals(expected, RangesQuantity.of(bounds).toString());
  }

  static Stream<Arguments> union() {
    return Stream.of(
        row(r(31000, 31001), r(31002, 31005), "[31000-31005]"),
        row(r(1, 5), r(3, 8), "[1-8]"),
        row(r(10, 20), r(1, 2), "[1-2, 10-20]"),
        row(r(1, 2), r(4, 5), "[1-2, 4-5]"),
        row(r(1, 2, 6, 7), r(3, 5), "[1-7]"),
        row(r(1, 2, 10, 12), r(), "[1-2, 10-12]"),
        row(r(MAX - 1, MAX), r(0, 0, MAX - 3, MAX - 2), "[0-0, " + (MAX - 3) + "-" + MAX + "]"));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("union")
  void plusIsUnion(RangesQuantity a, RangesQuantity b, String expected) {
    assertEquals(expected, a.plus(b).toString());
    assertEquals(expected, b.plus(a).toString());
  }

  static Stream<Arguments> difference() {
    return Stream.of(
        row(r(31000, 32000), r(31000, 31000), "[31001-32000]"),
        row(r(31000, 32000), r(32000, 32000), "[31000-31999]"),
        row(r(31000, 32000), r(31500, 31500), "[31000-31499, 31501-32000]"),
        row(r(1, 10), r(0, 100), "[]"),
        row(r(1, 5, 10, 15), r(4, 11), "[1-3, 12-15]"),
        row(r(1, 10), r(20, 30), "[1-10]"),
        row(r(1, 10), r(2, 3, 5, 5, 9, 12), "[1-1, 4-4, 6-8]"),
        row(r(1, 3, 5, 7, 9, 11), r(2, 10), "[1-1, 11-11]"),
        row(r(0, MAX), r(MAX, MAX), "[0-" + (MAX - 1) + "]"),
        row(r(0, MAX), r(0, MAX), "[]"));
  }

  @ParameterizedTest(name = "{0} - {1}")
  @MethodSource("difference")
  void minusIsDifference(RangesQuantity a, RangesQuantity b, String expected) {
    assertEquals(expected, a.minus(b).toString());
  }

  static Stream<Arguments> containment() {
    return Stream.of(
        Arguments.of(r(1, 10), r(2, 3, 5, 9), true),
        Arguments.of(r(1, 10), r(1, 10), true),
        Arguments.of(r(1, 10), r(), true),
        Arguments.of(r(1, 5, 7, 10), r(5, 7), false),
        Arguments.of(r(1, 5, 7, 10), r(6, 6), false),
        Arguments.of(r(1, 5, 7, 10), r(1, 1, 10, 10), true),
        Arguments.of(r(1, 10), r(0, 1), false),
        Arguments.of(r(), r(1, 1), false));
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @MethodSource("containment")
  void containsIsSubset(RangesQuantity a, RangesQuantity b, boolean expected) {
    assertEquals(expected, a.contains(b));
  }

  @Test
  void portsThroughResources() {
    Resources ports = Resources.of(Res.ports(31000, 32000).get());
    assertEquals(Resources.of(Res.ports(31001, 32000).get()), ports.minus(Res.ports(31000, 31000).get()));
    assertEquals(Res.ports(31000, 31499, 31501, 32000).get(), ports.minus(Res.ports(31500, 31500).get()).toList().get(0));
  }

  private static RangesQuantity r(long... bounds) {
    return RangesQuantity.of(bounds);
  }

  private static Arguments row(RangesQuantity a, RangesQuantity b, String expected) {
    return Arguments.of(a, b, expected);
  }
}
