package io.mooring.definition.validation;

import java.util.Set;
import java.util.regex.Pattern;

/** Marathon path ids: {@code /group/app}, each segment a DNS-like label. */
public final class RunSpecIds {
  /**
   * Ids name keys, task ids, labels and URLs: a bound keeps every one of them far below its limit (an HTTP request
   * line of 4 KiB, a gRPC error trailer of 8 KiB).
   */
  static final int MAX_LENGTH = 512;
  /**
   * What the API's paths put after an id ({@code /v2/apps/a/restart}, {@code .../tasks[/<task>]},
   * {@code .../versions[/<version>]}): an id that ends the same way could never be read or deleted.
   */
  private static final Set<String> SUFFIXES = Set.of("restart", "tasks", "versions");
  private static final Set<String> SUFFIXES_WITH_AN_ID = Set.of("tasks", "versions");
  static final String SEGMENT_REGEX =
      "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$";
  private static final Pattern SEGMENT = Pattern.compile(SEGMENT_REGEX);

  private RunSpecIds() {}

  /** {@code group/app/} → {@code /group/app}; blank stays blank (and fails validation). */
  public static String canonical(String id) {
    String trimmed = id.strip();
    if (trimmed.isEmpty()) {
      return trimmed;
    }
    String absolute = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    while (absolute.length() > 1 && absolute.endsWith("/")) {
      absolute = absolute.substring(0, absolute.length() - 1);
    }
    return absolute;
  }

  /** Validates a canonical id at {@code /id}. */
  static void validate(String id, Violations violations) {
    validate(id, "/id", violations);
  }

  /** Validates a canonical id (of a run spec or a group other than the root) at {@code path}. */
  public static void validate(String id, String path, Violations violations) {
    if (id.isEmpty() || id.equals("/")) {
      violations.add(path, "must not be empty");
      return;
    }
    if (id.length() > MAX_LENGTH) {
      violations.add(path, "must be at most " + MAX_LENGTH + " characters long, not " + id.length());
      return;
    }
    String[] segments = id.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
        violations.add(path, "must fully match regular expression '" + SEGMENT_REGEX + "'");
        return;
      }
    }
    boolean suffix = SUFFIXES.contains(segments[segments.length - 1])
        || segments.length > 1 && SUFFIXES_WITH_AN_ID.contains(segments[segments.length - 2]);
    if (suffix) {
      violations.add(path, "must not end with restart, tasks, versions, tasks/<x> or versions/<x>: the API's paths "
          + "give these a meaning after an id");
    }
  }
}
