package io.mooring.reservation.core;

/**
 * A token bucket: {@code perSecond} tokens a second, at most one second's worth saved up. Immutable; time comes in
 * with each request, so a test needs no clock.
 *
 * @param tokens what may be taken now (fractions accumulate until they make a whole one)
 * @param atMillis when {@code tokens} was counted
 */
public record RateBudget(int perSecond, double tokens, long atMillis) {
  public RateBudget {
    if (perSecond < 1) {
      throw new IllegalArgumentException("a rate budget needs at least 1 a second, not " + perSecond);
    }
  }

  /** A full budget: a burst of {@code perSecond} may go at once. */
  public static RateBudget full(int perSecond, long nowMillis) {
    return new RateBudget(perSecond, perSecond, nowMillis);
  }

  /** What {@link #take} granted, and the budget left. */
  public record Taken(int granted, RateBudget left) {}

  /** Takes up to {@code wanted}; a clock that went back refills nothing. */
  public Taken take(int wanted, long nowMillis) {
    double refilled = Math.min(perSecond, tokens + Math.max(0, nowMillis - atMillis) * perSecond / 1000.0);
    int granted = (int) Math.min(Math.max(0, wanted), Math.floor(refilled));
    return new Taken(granted, new RateBudget(perSecond, refilled - granted, Math.max(atMillis, nowMillis)));
  }
}
