package io.mooring.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** HTTP basic authentication against the configured credentials (Mesos' --credentials with the basic authenticator). */
final class BasicAuth {
  static final String CHALLENGE = "Basic realm=\"mesos-master-scheduler\"";

  private final Map<String, String> credentials;

  BasicAuth(Map<String, String> credentials) {
    this.credentials = credentials;
  }

  boolean enabled() {
    return !credentials.isEmpty();
  }

  /** The authenticated principal, or empty when the header is missing or wrong. */
  Optional<String> principal(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) return Optional.empty();
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) return Optional.empty();
    String principal = decoded.substring(0, colon);
    return decoded.substring(colon + 1).equals(credentials.get(principal)) ? Optional.of(principal) : Optional.empty();
  }
}
