package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scalars are fixed point with three decimals (values.cpp): llround(v * 1000). */
class FixedPointTest {

  @Test
  void pointOnePlusPointTwoIsExactlyPointThree() {
    Resources sum = Resources.of(cpus(0.1).get()).plus(cpus(0.2).get());
    assertEquals(0.3, sum.toList().get(0).getScalar().getValue(), 0.0);
    assertEquals(300, sum.scalarMillis("cpus"));
    assertEquals(Resources.of(cpus(0.3).get()), sum);
  }

  @Test
  void manySmallAdditionsDoNotDrift() {
    Resources sum = Resources.EMPTY;
    for (int i = 0; i < 1000; i++) sum = sum.plus(cpus(0.001).get());
    assertEquals(1.0, sum.toList().get(0).getScalar().getValue(), 0.0);
    assertTrue(Resources.of(cpus(0.3).get()).minus(cpus(0.1).get()).minus(cpus(0.2).get()).isEmpty());
  }

  @ParameterizedTest(name = "{0} -> {1} millis")
  @CsvSource({"0.1, 100", "0.0006, 1", "0.0005, 1", "0.0004, 0", "0.1234, 123", "0.1236, 124", "2048, 2048000",
      "-0.0005, -1", "-1.5, -1500"})
  void toMillisRoundsHalfAwayFromZero(double value, long millis) {
    assertEquals(millis, ScalarQuantity.toMillis(value));
  }

  @Test
  void valuesAreNormalisedToThreeDecimals() {
    Resource r = cpus(0.1234).get();
    assertEquals(List.of(cpus(0.123).get()), Resources.of(r).toList());
  }

  @Test
  void aValueAlreadyInFixedPointKeepsItsProto() {
    Resource r = cpus(0.25).allocated("eng").get();
    assertSame(r, Resources.of(r).toList().get(0));
  }

  @Test
  void aValueThatRoundsToZeroIsInvalid() {
    assertEquals(Optional.of("Invalid scalar resource: value <= 0"), ResourceValidator.validate(cpus(1e-4).get()));
    assertTrue(Resources.of(cpus(1e-4).get()).isEmpty());
  }

  @Test
  void scalarMillisSumsEveryEntryOfTheName() {
    Resources r = Resources.of(cpus(1).get(), cpus(0.5).staticRole("eng").get(), cpus(0.25).revocable().get(),
        Res.mem(32).get());
    assertEquals(1750, r.scalarMillis("cpus"));
    assertEquals(32000, r.scalarMillis("mem"));
    assertEquals(0, r.scalarMillis("gpus"));
  }
}
