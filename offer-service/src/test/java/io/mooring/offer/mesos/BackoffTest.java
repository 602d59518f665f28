package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class BackoffTest {
  @RepeatedTest(20)
  void doublesFromMinToMaxWithJitterAndStartsOverAfterReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

    assertEquals(100, backoff.next().toMillis(), "never below min");
    assertBetween(100, 200, backoff.next().toMillis());
    assertBetween(200, 400, backoff.next().toMillis());
    assertBetween(400, 800, backoff.next().toMillis());
    for (int i = 0; i < 5; i++) assertBetween(500, 1000, backoff.next().toMillis());

    backoff.reset();
    assertEquals(100, backoff.next().toMillis());
  }

  private static void assertBetween(long low, long high, long actual) {
    assertTrue(actual >= low && actual <= high, actual + " not in [" + low + ", " + high + "]");
  }
}
