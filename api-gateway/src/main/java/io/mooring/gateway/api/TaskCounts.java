package io.mooring.gateway.api;

import io.mooring.proto.v1.Task;
import java.util.Collection;

/**
 * Marathon's task counts. As Marathon counts them, a task is staged while staging or starting (or not yet reported),
 * and healthy or unhealthy by its health check's last result while active: a task without a result is neither.
 */
record TaskCounts(long staged, long running, long healthy, long unhealthy) {
  static TaskCounts of(Collection<Task> tasks) {
    long staged = 0;
    long running = 0;
    long healthy = 0;
    long unhealthy = 0;
    for (Task task : tasks) {
      String state = TaskViews.state(task);
      if (state.equals(TaskViews.RUNNING)) {
        running++;
      } else if (state.equals(TaskViews.STAGING) || state.equals(TaskViews.STARTING)) {
        staged++;
      }
      if (task.hasHealthy() && TaskViews.active(state)) {
        if (task.getHealthy()) {
          healthy++;
        } else {
          unhealthy++;
        }
      }
    }
    return new TaskCounts(staged, running, healthy, unhealthy);
  }
}
