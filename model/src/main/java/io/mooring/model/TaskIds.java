package io.mooring.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marathon's task ids, named after their instance: {@code <instanceId>._app.<incarnation>} for apps and
 * {@code <instanceId>.<container>.<incarnation>} for pods. The incarnation counts launches from 1, so every launch
 * has a task id of its own; pod tasks of Marathon ≤ 1.7 have none.
 */
public final class TaskIds {
  private static final String APP_CONTAINER = "_app";
  // Container names hold no dot (pods validate them as DNS labels), nor does "_app". The form with an incarnation is
  // tried first: the instance pattern would otherwise take a container named like "instance-db" for part of the id.
  private static final Pattern WITH_INCARNATION =
      Pattern.compile("^(" + InstanceIds.EMBEDDED + ")\\.([^.]+)\\.\\d+$");
  private static final Pattern WITHOUT_INCARNATION = Pattern.compile("^(" + InstanceIds.EMBEDDED + ")\\.([^.]+)$");

  private TaskIds() {}

  public static String app(String instanceId, int incarnation) {
    return pod(instanceId, APP_CONTAINER, incarnation);
  }

  public static String pod(String instanceId, String containerName, int incarnation) {
    return instanceId + "." + containerName + "." + incarnation;
  }

  /** The instance a task id belongs to, or empty when the id is not one Mooring or Marathon makes. */
  public static Optional<String> instanceIdOf(String taskId) {
    return parse(taskId).map(matcher -> matcher.group(1));
  }

  /** The container a task runs ({@code _app} for an app's task), or empty when the id is not a task id. */
  public static Optional<String> containerOf(String taskId) {
    return parse(taskId).map(matcher -> matcher.group(2));
  }

  private static Optional<Matcher> parse(String taskId) {
    for (Pattern form : new Pattern[] {WITH_INCARNATION, WITHOUT_INCARNATION}) {
      Matcher matcher = form.matcher(taskId);
      if (matcher.matches()) {
        return Optional.of(matcher);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code instance-<instanceId>.<incarnation>}, the executor of a pod launch: Marathon's {@code instance-<instanceId>}
   * made unique per launch, so that a relaunch never meets the instance's previous executor while it is still ending
   * on the agent (Mesos refuses a different ExecutorInfo under a live executor id).
   */
  public static String executorId(String instanceId, int incarnation) {
    return "instance-" + instanceId + "." + incarnation;
  }

  /**
   * The executor a task runs under on its agent, which names its sandbox: an app's task is a command task, whose
   * executor Mesos names after the task (slave.cpp); a pod's tasks share their launch's {@link #executorId}, or
   * Marathon's {@code instance-<instanceId>} for a pod task of Marathon ≤ 1.7. Empty when the id is not a task id.
   */
  public static Optional<String> executorIdOf(String taskId) {
    Matcher matcher = WITH_INCARNATION.matcher(taskId);
    if (matcher.matches()) {
      if (matcher.group(2).equals(APP_CONTAINER)) return Optional.of(taskId);
      try {
        int incarnation = Integer.parseInt(taskId.substring(taskId.lastIndexOf('.') + 1));
        return Optional.of(executorId(matcher.group(1), incarnation));
      } catch (NumberFormatException e) {
        return Optional.empty(); // an incarnation no launch reaches
      }
    }
    return parse(taskId).map(m -> m.group(2).equals(APP_CONTAINER) ? taskId : "instance-" + m.group(1));
  }
}
