package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectors of Marathon's RestartStrategyTest (as in Marathon 1.11), plus the non-resident branch. */
class RestartStrategyTest {
  @ParameterizedTest(name = "{0} instances ({1},{2}) resident={3}, {4} healthy of {5} -> kill {6}, capacity {7}")
  @CsvSource({
      // instances, minHealth, maxOver, resident, healthy, current, kill, maxCapacity
      "1, 0.5, 0, true,  1, 1, 1, 1",
      "1, 0.5, 0, true,  0, 1, 0, 1",
      "5, 0.5, 0, true,  5, 5, 2, 5",
      "5, 1.0, 0, true,  7, 7, 3, 5",
      "5, 1.0, 0, true,  3, 3, 0, 5",
      "5, 1.0, 0, true,  5, 5, 1, 5",
      "3, 0.5, 0, true,  3, 3, 1, 3",
      "3, 1.0, 0, true,  2, 3, 0, 3",
      "5, 1.0, 0, false, 5, 5, 0, 6",
      "5, 0.5, 0, true,  2, 8, 3, 5",
      "0, 0.5, 0, true,  2, 2, 2, 0"})
  void marathonsArithmetic(int instances, double minHealth, double maxOver, boolean resident, int healthy,
      int current, int kill, int maxCapacity) {
    RestartStrategy strategy = RestartStrategy.compute(instances, minHealth, maxOver, resident, healthy, current);

    assertEquals(new RestartStrategy(kill, maxCapacity), strategy);
  }
}
