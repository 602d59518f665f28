package io.mooring.gateway.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an app's JSON shows beside its spec (Marathon's {@code AppInfo.Embed}), and the {@code embed} query values
 * that ask for it. As Marathon reads them: {@code app.}, {@code apps.} and {@code group.apps.} prefixes (or none) mean
 * the same, {@code tasks} brings the deployments along, the deprecated {@code failures} means tasks, last task failure
 * and deployments, and an unknown value is ignored.
 */
enum AppEmbed {
  /** {@code tasksStaged}, {@code tasksRunning}, {@code tasksHealthy}, {@code tasksUnhealthy}. */
  COUNTS,
  /** {@code deployments}: the ids of the running deployments that affect the app. */
  DEPLOYMENTS,
  /** {@code readinessCheckResults}. */
  READINESS,
  /** {@code tasks}. */
  TASKS,
  /** {@code lastTaskFailure}, when a task of the app failed. */
  LAST_TASK_FAILURE,
  /** {@code tasksStats}: counts and life times by version. */
  TASK_STATS;

  /** GET /v2/apps always embeds these, whatever else is asked for. */
  static final Set<AppEmbed> LIST = EnumSet.of(COUNTS, DEPLOYMENTS);
  /** GET /v2/apps/{id} always embeds these (Marathon keeps them "for compatibility"). */
  static final Set<AppEmbed> SINGLE = EnumSet.of(COUNTS, TASKS, LAST_TASK_FAILURE, DEPLOYMENTS);

  private static final List<String> PREFIXES = List.of("group.apps.", "apps.", "app.");
  private static final Map<String, Set<AppEmbed>> BY_NAME = Map.of(
      "counts", EnumSet.of(COUNTS),
      "deployments", EnumSet.of(DEPLOYMENTS),
      "readiness", EnumSet.of(READINESS),
      "tasks", EnumSet.of(TASKS, DEPLOYMENTS),
      "lastTaskFailure", EnumSet.of(LAST_TASK_FAILURE),
      "failures", EnumSet.of(TASKS, LAST_TASK_FAILURE, DEPLOYMENTS),
      "taskStats", EnumSet.of(TASK_STATS));

  /** What the {@code embed} values ask for, plus what the endpoint always embeds ({@link #LIST}, {@link #SINGLE}). */
  static Set<AppEmbed> parse(Collection<String> values, Set<AppEmbed> always) {
    Set<AppEmbed> embeds = EnumSet.noneOf(AppEmbed.class);
    embeds.addAll(always);
    for (String value : values) {
      embeds.addAll(BY_NAME.getOrDefault(withoutPrefix(value), Set.of()));
    }
    return embeds;
  }

  private static String withoutPrefix(String value) {
    for (String prefix : PREFIXES) {
      if (value.startsWith(prefix)) {
        return value.substring(prefix.length());
      }
    }
    return value;
  }
}
