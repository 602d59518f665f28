package io.mooring.sim.resources;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Mesos' ID rules (common/validation.cpp validateID) for task, framework and persistence ids: an id becomes a
 * directory name on the agent, hence the path-like restrictions.
 */
public final class Ids {
  /** NAME_MAX on Linux, counted in bytes. */
  public static final int MAX_BYTES = 255;

  private Ids() {}

  /** Empty if the id is valid, otherwise Mesos' reason. */
  public static Optional<String> validate(String id) {
    if (id.isEmpty()) return Optional.of("ID must not be empty");
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("ID must not be greater than " + MAX_BYTES + " characters");
    }
    if (id.equals(".") || id.equals("..")) return Optional.of("'" + id + "' is disallowed");
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      // iscntrl() in the C locale: ASCII control characters only.
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        return Optional.of("'" + id + "' contains invalid characters");
      }
    }
    return Optional.empty();
  }
}
