package io.mooring.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marathon's instance ids (as in Marathon 1.11), {@code <safeRunSpecId>.instance-<uuid>}, so that Marathon's
 * clients keep working against Mooring. Ids of Marathon ≤ 1.7, {@code .marathon-<uuid>}, are read as well.
 */
public final class InstanceIds {
  /** Marathon's {@code Instance.Id} regex, quoted as it is in Marathon's validation messages. */
  public static final String REGEX = "^(.+)\\.(instance-|marathon-)([^\\.]+)$";
  /** An instance id inside a longer id: the uuid holds no dot, so the instance id ends at the next one. */
  static final String EMBEDDED = ".+\\.(?:instance-|marathon-)[^.]+";
  private static final Pattern INSTANCE_ID = Pattern.compile(REGEX);
  private static final String PREFIX = ".instance-";

  private InstanceIds() {}

  public static String of(String runSpecId, String uuid) {
    return safeRunSpecId(runSpecId) + PREFIX + uuid;
  }

  public static boolean isInstanceId(String id) {
    return INSTANCE_ID.matcher(id).matches();
  }

  /** {@code /group/app} becomes {@code group_app}: path segments joined with underscores (Marathon's safePath). */
  public static String safeRunSpecId(String runSpecId) {
    String relative = runSpecId.startsWith("/") ? runSpecId.substring(1) : runSpecId;
    return relative.replace('/', '_');
  }

  /** The run spec an instance id names, or empty when it is not an instance id. */
  public static Optional<String> runSpecIdOfInstance(String instanceId) {
    Matcher matcher = INSTANCE_ID.matcher(instanceId);
    return matcher.matches() ? Optional.of(runSpecIdOf(matcher.group(1))) : Optional.empty();
  }

  /** The run spec id a safe id stands for; exact, because Marathon's ids never contain {@code _}. */
  public static String runSpecIdOf(String safeRunSpecId) {
    return "/" + safeRunSpecId.replace('_', '/');
  }
}
