package io.mooring.gateway.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task id split into its parts. Tasks are named after their instance, which is named after its run spec:
 * {@code <safeRunSpecId>.instance-<uuid>._app.<incarnation>} (pods: {@code .<container>.<incarnation>}). Marathon's
 * older {@code marathon-} instance prefix is read as well.
 */
record TaskId(String id, String instanceId, String safeRunSpecId) {
  private static final Pattern TASK = Pattern.compile("((.+)\\.(?:instance|marathon)-[^.]+)\\.(.+)");

  /** The parts of {@code id}, or empty if it is not a task id. */
  static Optional<TaskId> parse(String id) {
    Matcher matcher = TASK.matcher(id);
    return matcher.matches() ? Optional.of(new TaskId(id, matcher.group(1), matcher.group(2))) : Optional.empty();
  }
}
