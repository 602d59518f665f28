package io.mooring.reservation.core;

import io.mooring.proto.v1.RunSpec;

/**
 * How long to wait before relaunching after consecutive failures: {@code seconds * factor^(failures-1)}, capped
 * (Marathon's backoffSeconds, backoffFactor, maxLaunchDelaySeconds).
 */
public record Backoff(double seconds, double factor, double maxSeconds) {
  public static final Backoff DEFAULT = new Backoff(1, 1.15, 300);

  public static Backoff of(RunSpec spec) {
    if (spec.hasPod()) {
      var backoff = spec.getPod().getScheduling().getBackoff();
      return new Backoff(backoff.hasBackoff() ? backoff.getBackoff() : DEFAULT.seconds,
          backoff.hasBackoffFactor() ? backoff.getBackoffFactor() : DEFAULT.factor,
          backoff.hasMaxLaunchDelay() ? backoff.getMaxLaunchDelay() : DEFAULT.maxSeconds);
    }
    var app = spec.getApp();
    return new Backoff(app.hasBackoffSeconds() ? app.getBackoffSeconds() : DEFAULT.seconds,
        app.hasBackoffFactor() ? app.getBackoffFactor() : DEFAULT.factor,
        app.hasMaxLaunchDelaySeconds() ? app.getMaxLaunchDelaySeconds() : DEFAULT.maxSeconds);
  }

  /** The delay after the given number of consecutive failures (0 failures: none). */
  public long delayMillis(int failures) {
    if (failures <= 0) {
      return 0;
    }
    double delaySeconds = Math.min(seconds * Math.pow(factor, failures - 1), maxSeconds);
    return Math.round(delaySeconds * 1000);
  }
}
