package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.VersionInfo;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Marathon's tasksStats: the categories by version, each left out without tasks, and the life times. */
class TaskStatsViewsTest {
  private static final String V0 = "2026-01-01T00:00:00.000Z";
  private static final String CONFIG = "2026-01-02T00:00:00.000Z";
  private static final String SCALING = "2026-01-03T00:00:00.000Z";
  private static final Instant NOW = Instant.parse("2026-01-04T00:00:00Z");
  private static final App APP = App.newBuilder().setId("/db")
      .setVersionInfo(VersionInfo.newBuilder().setLastConfigChangeAt(CONFIG).setLastScalingAt(SCALING)).build();

  /** A task of version {@code version} in {@code state}, started {@code secondsAgo} before NOW (-1: not started). */
  private static Instance task(String uuid, String version, String state, long secondsAgo) {
    Instance.Builder instance = placed("/db", uuid, "h1", state);
    instance.getTasksBuilder(0).setRunSpecVersion(version)
        .setStartedAt(secondsAgo < 0 ? "" : NOW.minusSeconds(secondsAgo).toString());
    return instance.build();
  }

  private static String stats(int staged, int running, String lifeTime) {
    return """
        {"stats":{"counts":{"staged":%d,"running":%d,"healthy":0,"unhealthy":0}%s}}""".formatted(staged, running,
        lifeTime.isEmpty() ? "" : ",\"lifeTime\":" + lifeTime);
  }

  static Stream<Arguments> cases() {
    Instance outdated = task("1", V0, "TASK_RUNNING", 300);
    Instance latestConfig = task("2", CONFIG, "TASK_RUNNING", 100);
    Instance afterScaling = task("3", SCALING, "TASK_STAGING", -1);
    Instance afterScalingRunning = task("4", SCALING, "TASK_RUNNING", 20);
    return Stream.of(
        Arguments.of("no tasks: no category", APP, List.of(), "{}"),
        Arguments.of("instances without tasks are not counted", APP, List.of(scheduled("/db", "9").build()), "{}"),
        Arguments.of("one outdated task", APP, List.of(outdated), """
            {"withOutdatedConfig":%s,"totalSummary":%s}""".formatted(
            stats(0, 1, "{\"averageSeconds\":300.0,\"medianSeconds\":300.0}"),
            stats(0, 1, "{\"averageSeconds\":300.0,\"medianSeconds\":300.0}"))),
        Arguments.of("every category; the median of two is the later of the middle ones", APP,
            List.of(outdated, latestConfig, afterScaling, afterScalingRunning), """
            {"startedAfterLastScaling":%s,"withLatestConfig":%s,"withOutdatedConfig":%s,"totalSummary":%s}""".formatted(
            stats(1, 1, "{\"averageSeconds\":20.0,\"medianSeconds\":20.0}"),
            stats(1, 2, "{\"averageSeconds\":60.0,\"medianSeconds\":100.0}"),
            stats(0, 1, "{\"averageSeconds\":300.0,\"medianSeconds\":300.0}"),
            stats(1, 3, "{\"averageSeconds\":140.0,\"medianSeconds\":100.0}"))),
        Arguments.of("a task that never started has no life time", APP, List.of(afterScaling), """
            {"startedAfterLastScaling":%s,"withLatestConfig":%s,"totalSummary":%s}""".formatted(
            stats(1, 0, ""), stats(1, 0, ""), stats(1, 0, ""))),
        Arguments.of("without version info only the total", App.newBuilder().setId("/db").build(),
            List.of(outdated, afterScaling), """
            {"totalSummary":%s}""".formatted(stats(1, 1, "{\"averageSeconds\":300.0,\"medianSeconds\":300.0}"))),
        Arguments.of("a task's version defaults to its instance's", APP, List.of(
            task("5", "", "TASK_RUNNING", 10).toBuilder().setRunSpecVersion(SCALING).build()), """
            {"startedAfterLastScaling":%1$s,"withLatestConfig":%1$s,"totalSummary":%1$s}""".formatted(
            stats(0, 1, "{\"averageSeconds\":10.0,\"medianSeconds\":10.0}"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void statsByVersion(String name, App app, List<Instance> instances, String expected) {
    assertEquals(parse(expected), parse(TaskStatsViews.byVersion(app, instances, NOW).toString()));
  }
}
