package io.mooring.reservation.core;

/**
 * Marathon's {@code TaskReplaceActor.computeRestartStrategy}: how many old instances a restart may stop at once,
 * and how many may exist at most. Residents never go over capacity ({@code maximumOverCapacity} is 0), so when the
 * minimum health equals the capacity they go one instance below it instead.
 */
public record RestartStrategy(int killImmediately, int maxCapacity) {
  /**
   * @param healthy instances with goal Running considered healthy (running)
   * @param current instances with goal Running
   */
  public static RestartStrategy compute(int instances, double minimumHealthCapacity, double maximumOverCapacity,
      boolean resident, int healthy, int current) {
    if (instances <= 0) {
      return new RestartStrategy(current, 0);
    }
    int minHealthy = minimumHealthy(instances, minimumHealthCapacity);
    int maxCapacity = (int) (instances * (1 + maximumOverCapacity));
    int killImmediately = Math.max(0, healthy - minHealthy);
    if (minHealthy == maxCapacity && maxCapacity <= healthy) {
      if (resident) {
        killImmediately = healthy - minHealthy + 1;
      } else {
        maxCapacity += 1;
      }
    }
    if (instances < current) {
      killImmediately = Math.max(current - instances, killImmediately);
    }
    return new RestartStrategy(killImmediately, maxCapacity);
  }

  /** The resident form: never over capacity. */
  public static RestartStrategy forResident(int instances, double minimumHealthCapacity, int healthy, int current) {
    return compute(instances, minimumHealthCapacity, 0, true, healthy, current);
  }

  public static int minimumHealthy(int instances, double minimumHealthCapacity) {
    return (int) Math.ceil(instances * minimumHealthCapacity);
  }
}
