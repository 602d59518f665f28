package io.mooring.runtime.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again: {@code first} after the first failure, {@code multiplier} times longer after
 * each further one, never longer than {@code max}. Every infrastructure retry in Mooring (a call or a connection that failed) waits by one of these; each caller picks
 * its numbers (or takes them from its configuration).
 *
 * @param jitter each wait is drawn from its upper half (and never below {@code first}), so that callers cut off
 *     together do not all come back at the same moment
 */
public record RetryPolicy(Duration first, Duration max, double multiplier, boolean jitter) {
  public RetryPolicy {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    // Waits are whole milliseconds: a shorter first wait would round to none, and a retry loop would spin.
    if (first.toMillis() < 1) throw new IllegalArgumentException("first must be at least 1 ms: " + first);
    if (max.compareTo(first) < 0) throw new IllegalArgumentException("max " + max + " is below first " + first);
    if (!(multiplier >= 1)) throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
  }

  /** The same wait after every failure. */
  public static RetryPolicy fixed(Duration wait) {
    return new RetryPolicy(wait, wait, 1, false);
  }

  /** Doubling from {@code first} up to {@code max}. */
  public static RetryPolicy exponential(Duration first, Duration max) {
    return new RetryPolicy(first, max, 2, false);
  }

  public RetryPolicy withJitter() {
    return new RetryPolicy(first, max, multiplier, true);
  }

  /** The wait after {@code failures} consecutive failures; 0 or less counts as the first. */
  public Duration delay(int failures) {
    double grown = first.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
    long ceiling = (long) Math.min(max.toMillis(), grown);
    if (!jitter) {
      return Duration.ofMillis(ceiling);
    }
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofMillis(Math.max(first.toMillis(), jittered));
  }

  /** The waits of one caller that counts its own failures: a fresh count, for one thread. */
  public Waits waits() {
    return new Waits(this);
  }
}
