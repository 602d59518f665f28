package io.mooring.offer.scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks this leader launched that Mesos has not reported on yet. Their number is bounded: claims are made far
 * faster than their statuses can be stored, and a claim whose statuses wait in line past its deadline costs a
 * reconciliation, so a launch storm would otherwise flood the very line it waits in. A task unheard of for
 * {@code forgetMillis} stops counting (its claim is settled by reconciliation).
 */
final class LaunchesInFlight {
  private final int max;
  private final long forgetMillis;
  /** Task id → when its ACCEPT was sent. */
  private final Map<String, Long> launched = new ConcurrentHashMap<>();

  LaunchesInFlight(int max, long forgetMillis) {
    this.max = max;
    this.forgetMillis = forgetMillis;
  }

  /** How many more tasks may be launched now. */
  int room(long nowMillis) {
    launched.values().removeIf(at -> nowMillis - at >= forgetMillis);
    return Math.max(0, max - launched.size());
  }

  void launched(String taskId, long nowMillis) {
    launched.put(taskId, nowMillis);
  }

  /** Any status of the task, from its agent or from reconciliation, ends its flight. */
  void reported(String taskId) {
    launched.remove(taskId);
  }
}
