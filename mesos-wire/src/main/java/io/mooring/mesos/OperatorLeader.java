package io.mooring.mesos;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator endpoint ({@code POST /api/v1}) to call: the configured master's until a non-leader redirects us (307) to the leader's, which
 * later calls then use directly. A leader that cannot be reached is forgotten: the configured master names the next.
 */
public final class OperatorLeader {
  public static final String PATH = "/api/v1";

  private final URI configured;
  private final AtomicReference<URI> current;

  /** @param master a master's base URL, e.g. {@code http://127.0.0.1:5050} */
  public OperatorLeader(URI master) {
    configured = URI.create(master.toString().replaceAll("/+$", "") + PATH);
    current = new AtomicReference<>(configured);
  }

  public URI configured() {
    return configured;
  }

  public URI current() {
    return current.get();
  }

  /**
   * Follows a Location header from {@code from}. Mesos sends it scheme-relative ({@code //host:port/api/v1}); its
   * docs show a bare {@code host:port}; an absolute URL works too.
   */
  public URI redirect(URI from, String location) {
    String l = location.trim();
    if (!l.startsWith("/") && !l.contains("://")) l = "//" + l;
    URI target = from.resolve(l);
    if (target.getPath() == null || target.getPath().isEmpty() || target.getPath().equals("/")) {
      target = target.resolve(PATH);
    }
    current.set(target);
    return target;
  }

  /** The leader at {@code failed} is unreachable; unless a concurrent call already found another one, ask again. */
  public void forget(URI failed) {
    current.compareAndSet(failed, configured);
  }
}
