package io.mooring.model;

/** Marathon's path ids of groups, apps and pods: {@code /prod/db/postgres}, the root group being {@code /}. */
public final class PathIds {
  public static final String ROOT = "/";

  private PathIds() {}

  /** {@code /a/b/c} → {@code /a/b}; {@code /a} (and the root) → {@code /}. */
  public static String parent(String id) {
    int slash = id.lastIndexOf('/');
    return slash <= 0 ? ROOT : id.substring(0, slash);
  }

  /**
   * A path relative to the group {@code base} ({@code db}, {@code ../db}, {@code ./db}) made absolute; an absolute one
   * as it is, without a trailing slash.
   */
  public static String absolute(String path, String base) {
    if (path.startsWith("/")) {
      return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
    String current = base;
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        current = parent(current);
      } else {
        current = current.equals(ROOT) ? "/" + segment : current + "/" + segment;
      }
    }
    return current;
  }
}
