package io.mooring.runtime.retry;

import java.time.Duration;

/** One caller's consecutive failures under a {@link RetryPolicy}. Not thread-safe: one per retrying thread. */
public final class Waits {
  private final RetryPolicy policy;
  private int failures;

  Waits(RetryPolicy policy) {
    this.policy = policy;
  }

  /** Counts a failure and says how long to wait before the next attempt. */
  public Duration next() {
    failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
    return policy.delay(failures);
  }

  /** Counts a failure and waits; false when interrupted (the interrupt flag is set again), so the caller stops. */
  public boolean sleep() {
    try {
      Thread.sleep(next().toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** After a success: the next failure waits the shortest time again. */
  public void reset() {
    failures = 0;
  }

  /** The consecutive failures counted so far. */
  public int failures() {
    return failures;
  }
}
