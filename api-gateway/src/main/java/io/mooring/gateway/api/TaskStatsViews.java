package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Marathon's {@code tasksStats} (its TaskStatsByVersion): counts and life times of the app's listed tasks, in total
 * and by the version they run compared with the app's last scaling and last configuration change. A category
 * without tasks is left out, and so are the three by version when the app has no version info.
 */
final class TaskStatsViews {
  private TaskStatsViews() {}

  /** A task as the statistics see it: its state and health, the version it runs, when it started. */
  private record Sample(Task task, Optional<Instant> version, Optional<Instant> startedAt) {}

  /** {@code now} is when the life times end. */
  static ObjectNode byVersion(App app, Collection<Instance> instances, Instant now) {
    List<Sample> samples = instances.stream().filter(TaskViews::listed)
        .flatMap(instance -> instance.getTasksList().stream().map(task -> sample(instance, task))).toList();
    ObjectNode json = MarathonJson.MAPPER.createObjectNode();
    Optional<Instant> lastScaling = Timestamps.parse(app.getVersionInfo().getLastScalingAt());
    Optional<Instant> lastConfigChange = Timestamps.parse(app.getVersionInfo().getLastConfigChangeAt());
    if (lastScaling.isPresent() && lastConfigChange.isPresent()) {
      Instant scaling = lastScaling.get();
      Instant config = lastConfigChange.get();
      put(json, "startedAfterLastScaling", withVersion(samples, version -> !version.isBefore(scaling)), now);
      put(json, "withLatestConfig", withVersion(samples, version -> !version.isBefore(config)), now);
      put(json, "withOutdatedConfig", withVersion(samples, version -> version.isBefore(config)), now);
    }
    put(json, "totalSummary", samples, now);
    return json;
  }

  private static Sample sample(Instance instance, Task task) {
    String version = task.getRunSpecVersion().isEmpty() ? instance.getRunSpecVersion() : task.getRunSpecVersion();
    return new Sample(task, Timestamps.parse(version), Timestamps.parse(task.getStartedAt()));
  }

  /** The tasks whose version passes {@code versions}; a task with no readable version is in no such category. */
  private static List<Sample> withVersion(List<Sample> samples, Predicate<Instant> versions) {
    return samples.stream().filter(s -> s.version().filter(versions).isPresent()).toList();
  }

  /** {"stats": {"counts": {...}, "lifeTime": {...}}} under {@code category}, unless there are no tasks. */
  private static void put(ObjectNode json, String category, List<Sample> samples, Instant now) {
    if (samples.isEmpty()) {
      return;
    }
    ObjectNode stats = json.putObject(category).putObject("stats");
    TaskCounts counts = TaskCounts.of(samples.stream().map(Sample::task).toList());
    stats.putObject("counts").put("staged", counts.staged()).put("running", counts.running())
        .put("healthy", counts.healthy()).put("unhealthy", counts.unhealthy());
    // Only tasks that started have a life time; Marathon leaves lifeTime out when none has.
    List<Double> lifeTimes = samples.stream().flatMap(s -> s.startedAt().stream())
        .map(started -> Duration.between(started, now).toMillis() / 1000.0).sorted().toList();
    if (!lifeTimes.isEmpty()) {
      double sum = lifeTimes.stream().mapToDouble(Double::doubleValue).sum();
      stats.putObject("lifeTime").put("averageSeconds", sum / lifeTimes.size())
          .put("medianSeconds", lifeTimes.get(lifeTimes.size() / 2));
    }
  }
}
