package io.mooring.definition.validation;

import java.util.regex.Pattern;

/** Marathon path ids: {@code /group/app}, each segment a DNS-like label. */
public final class RunSpecIds {
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
    if (id.isEmpty() || id.equals("/")) {
      violations.add("/id", "must not be empty");
      return;
    }
    for (String segment : id.substring(1).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
        violations.add("/id", "must fully match regular expression '" + SEGMENT_REGEX + "'");
        return;
      }
    }
  }
}
