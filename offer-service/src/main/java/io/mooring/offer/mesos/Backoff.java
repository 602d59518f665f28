package io.mooring.offer.mesos;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: from min doubling to max, each jittered down to half its value (never below min) so that
 * schedulers cut off together do not reconnect together. Used by one thread.
 */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private long nextMillis;

  Backoff(Duration min, Duration max) {
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
    this.nextMillis = minMillis;
  }

  Duration next() {
    long ceiling = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofMillis(Math.max(minMillis, jittered));
  }

  /** After a successful subscription the next disconnection starts over at min. */
  void reset() {
    nextMillis = minMillis;
  }
}
