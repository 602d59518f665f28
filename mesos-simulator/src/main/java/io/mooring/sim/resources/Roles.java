package io.mooring.sim.resources;

import java.util.Optional;

/** Role names as src/common/roles.cpp checks them; {@code a/b} is a child of {@code a} in the role tree. */
public final class Roles {
  public static final String ANY = "*";

  private Roles() {}

  /** Empty if the role is valid, otherwise Mesos' reason. {@code *} is valid (it is the unreserved role). */
  public static Optional<String> validate(String role) {
    if (ANY.equals(role)) return Optional.empty();
    if (role.startsWith("/")) return error("Role '" + role + "' cannot start with a slash");
    if (role.endsWith("/")) return error("Role '" + role + "' cannot end with a slash");
    if (role.contains("//")) return error("Role '" + role + "' cannot contain two adjacent slashes");
    if (role.isEmpty()) return error("Role names cannot be the empty string");
    for (String component : role.split("/")) {
      if (component.equals(".")) return error("Role '" + role + "' cannot include '.' as a component");
      if (component.equals("..")) return error("Role '" + role + "' cannot include '..' as a component");
      if (component.equals(ANY)) return error("Role '" + role + "' cannot include '*' as a component");
      if (component.startsWith("-")) {
        return error("Role component '" + component + "' is invalid because it starts with a dash");
      }
      if (hasWhitespaceOrDel(component)) {
        return error("Role component '" + component + "' is invalid because it contains backspace or whitespace");
      }
    }
    return Optional.empty();
  }

  /** True iff child lies strictly below parent: {@code a/b} below {@code a}, but not {@code a}, nor {@code ab}. */
  public static boolean isStrictAncestor(String parent, String child) {
    return child.length() > parent.length() && child.charAt(parent.length()) == '/' && child.startsWith(parent);
  }

  // Mesos' set: \t \n \v \f \r, space and DEL.
  private static boolean hasWhitespaceOrDel(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 0x09 && c <= 0x0d) || c == ' ' || c == 0x7f) return true;
    }
    return false;
  }

  private static Optional<String> error(String message) {
    return Optional.of(message);
  }
}
