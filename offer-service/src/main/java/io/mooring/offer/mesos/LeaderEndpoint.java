package io.mooring.offer.mesos;

import java.net.URI;

/**
 * The scheduler endpoint to talk to: the configured master's until a non-leader redirects us (307) to the leader's.
 * When the leader we were sent to cannot be reached, we go back to the configured master to learn the new one.
 */
final class LeaderEndpoint {
  static final String PATH = "/api/v1/scheduler";

  private final URI configured;
  private volatile URI current;

  LeaderEndpoint(URI master) {
    this.configured = URI.create(master.toString().replaceAll("/+$", "") + PATH);
    this.current = configured;
  }

  URI current() {
    return current;
  }

  /**
   * Follows a Location header. Mesos sends it protocol-relative ({@code //host:port/api/v1/scheduler}); its docs
   * show a bare {@code host:port}; an absolute URL works too.
   */
  URI redirect(String location) {
    String l = location.trim();
    if (!l.startsWith("/") && !l.contains("://")) l = "//" + l;
    URI target = current.resolve(l);
    if (target.getPath() == null || target.getPath().isEmpty() || target.getPath().equals("/")) {
      target = target.resolve(PATH);
    }
    current = target;
    return target;
  }

  /** The current leader is unreachable: ask the configured master again. */
  void forget() {
    current = configured;
  }
}
