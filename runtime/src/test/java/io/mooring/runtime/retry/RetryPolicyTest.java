package io.mooring.runtime.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
  private static final RetryPolicy DOUBLING = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @ParameterizedTest(name = "{0} failures -> {1} ms")
  @CsvSource({"0, 1000", "1, 1000", "2, 2000", "3, 4000", "6, 32000", "7, 60000", "1000, 60000",
      "2147483647, 60000"})
  void doublesUpToTheMaximum(int failures, long millis) {
    assertEquals(Duration.ofMillis(millis), DOUBLING.delay(failures));
  }

  @ParameterizedTest(name = "{0} failures")
  @CsvSource({"1", "2", "50"})
  void aFixedPolicyAlwaysWaitsAsLong(int failures) {
    assertEquals(Duration.ofMillis(100), RetryPolicy.fixed(Duration.ofMillis(100)).delay(failures));
  }

  @RepeatedTest(20)
  void jitterDrawsFromTheUpperHalfNeverBelowTheFirstAndStartsOverAfterReset() {
    Waits waits = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(1000)).withJitter().waits();

    assertEquals(100, waits.next().toMillis(), "never below the first");
    assertBetween(100, 200, waits.next().toMillis());
    assertBetween(200, 400, waits.next().toMillis());
    assertBetween(400, 800, waits.next().toMillis());
    for (int i = 0; i < 5; i++) assertBetween(500, 1000, waits.next().toMillis());
    assertEquals(9, waits.failures());

    waits.reset();
    assertEquals(100, waits.next().toMillis());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(Duration.ZERO, Duration.ofSeconds(1), 2.0),
        Arguments.of(Duration.ofNanos(500_000), Duration.ofSeconds(1), 2.0),
        Arguments.of(Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0),
        Arguments.of(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5),
        Arguments.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Double.NaN));
  }

  @ParameterizedTest(name = "{0} to {1} by {2}")
  @MethodSource("invalid")
  void refusesPoliciesThatDoNotGrowFromSomethingToMore(Duration first, Duration max, double multiplier) {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(first, max, multiplier, false));
  }

  @Test
  void sleepingWhileInterruptedSaysStop() {
    Thread.currentThread().interrupt();
    boolean slept = RetryPolicy.fixed(Duration.ofSeconds(10)).waits().sleep();

    assertEquals(false, slept);
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
  }

  private static void assertBetween(long low, long high, long actual) {
    assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
  }
}
