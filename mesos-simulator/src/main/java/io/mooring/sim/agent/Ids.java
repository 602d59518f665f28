package io.mooring.sim.agent;

/** Checks on ids and names that become one component of a path. */
final class Ids {
  private Ids() {}

  /** Non-empty, not '.' or '..', no '/' and no NUL: safe as a single path component. */
  static boolean isSafeComponent(String name) {
    return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
        && name.indexOf('/') < 0 && name.indexOf('\0') < 0;
  }

  static String requireSafe(String kind, String id) {
    if (!isSafeComponent(id)) throw new IllegalArgumentException("Invalid " + kind + " '" + id + "'");
    return id;
  }
}
