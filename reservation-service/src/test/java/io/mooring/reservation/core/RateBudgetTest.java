package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateBudgetTest {
  /** 10 a second from full at t=0: one request at {@code at} ms after the burst was taken. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "right after: nothing,                 0,    5,  0",
      "99 ms later: not a whole one yet,     99,   5,  0",
      "100 ms later: one,                    100,  5,  1",
      "450 ms later: four,                   450,  5,  4",
      "a second later: a second's worth,     1000, 50, 10",
      "an hour later: still a second's worth, 3600000, 50, 10",
      "a clock gone back: nothing,           -500, 5,  0",
      "asking for none,                      1000, 0,  0"})
  void refillsAtItsRateUpToOneSecondsWorth(String name, long at, int wanted, int granted) {
    RateBudget drained = RateBudget.full(10, 1_000).take(10, 1_000).left();
    assertEquals(granted, drained.take(wanted, 1_000 + at).granted());
  }

  @Test
  void aBurstOfASecondsWorthGoesAtOnceAndFractionsAddUp() {
    RateBudget.Taken burst = RateBudget.full(100, 0).take(150, 0);
    assertEquals(100, burst.granted());
    RateBudget.Taken first = burst.left().take(1, 5);   // half a token
    assertEquals(0, first.granted());
    assertEquals(1, first.left().take(1, 10).granted(), "two halves make one");
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RateBudget.full(0, 0));
  }
}
