package io.mooring.reservation.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Marathon's id formats (marathon-behaviour.md §3.2), so that Marathon clients keep working against Mooring. */
public final class Ids {
  /** An instance id ends in {@code .instance-<uuid>} (or the legacy {@code .marathon-<uuid>}); uuids hold no dot. */
  private static final String INSTANCE = "(.+\\.(?:instance-|marathon-)[^.]+)";
  // App tasks: <instanceId>._app.<n>; pod tasks: <instanceId>.<container>.<n>; both fit the first pattern.
  private static final Pattern TASK_WITH_INCARNATION = Pattern.compile("^" + INSTANCE + "\\.[^.]+\\.\\d+$");
  // Pre-1.8 pod tasks carry no incarnation: <instanceId>.<container>.
  private static final Pattern TASK_WITHOUT_INCARNATION = Pattern.compile("^" + INSTANCE + "\\.[^.]+$");

  private Ids() {}

  /** {@code /group/app} becomes {@code group_app}: path segments joined with underscores. */
  public static String safeRunSpecId(String runSpecId) {
    String trimmed = runSpecId.startsWith("/") ? runSpecId.substring(1) : runSpecId;
    return trimmed.replace('/', '_');
  }

  public static String instanceId(String runSpecId, String uuid) {
    return safeRunSpecId(runSpecId) + ".instance-" + uuid;
  }

  public static String taskId(String instanceId, int incarnation) {
    return instanceId + "._app." + incarnation;
  }

  public static String podTaskId(String instanceId, String containerName, int incarnation) {
    return instanceId + "." + containerName + "." + incarnation;
  }

  /** The instance a task id belongs to, or empty when the id is not one Mooring or Marathon makes. */
  public static Optional<String> instanceIdOfTask(String taskId) {
    for (Pattern pattern : new Pattern[] {TASK_WITH_INCARNATION, TASK_WITHOUT_INCARNATION}) {
      Matcher matcher = pattern.matcher(taskId);
      if (matcher.matches()) {
        return Optional.of(matcher.group(1));
      }
    }
    return Optional.empty();
  }

  public static String persistenceId(String runSpecId, String containerPath, String uuid) {
    return safeRunSpecId(runSpecId) + "#" + containerPath + "#" + uuid;
  }
}
