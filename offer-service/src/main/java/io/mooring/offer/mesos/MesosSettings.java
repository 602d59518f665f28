package io.mooring.offer.mesos;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * How offer-service reaches and registers with the Mesos master.
 *
 * @param master a master's base URL, e.g. {@code http://127.0.0.1:5050}; a non-leader redirects us to the leader
 * @param role the single role the framework subscribes with (MULTI_ROLE, so no legacy {@code role} field)
 * @param principal the framework principal; "" for none
 * @param secret the principal's secret; "" sends no basic auth
 * @param failoverTimeout how long the master keeps the framework's tasks while we are disconnected
 * @param hostname "" for none
 * @param webuiUrl "" for none
 * @param minBackoff first reconnect delay; doubles per failed attempt up to maxBackoff
 */
public record MesosSettings(URI master, String frameworkName, String role, String principal, String secret,
    Duration failoverTimeout, String hostname, String webuiUrl, Duration minBackoff, Duration maxBackoff) {

  public MesosSettings {
    requireNonNull(master, "master");
    requireNonNull(frameworkName, "frameworkName");
    requireNonNull(role, "role");
    requireNonNull(failoverTimeout, "failoverTimeout");
    requireNonNull(minBackoff, "minBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    principal = principal == null ? "" : principal;
    secret = secret == null ? "" : secret;
    hostname = hostname == null ? "" : hostname;
    webuiUrl = webuiUrl == null ? "" : webuiUrl;
    if (minBackoff.isNegative() || minBackoff.isZero()) throw new IllegalArgumentException("minBackoff must be > 0");
    if (maxBackoff.compareTo(minBackoff) < 0) throw new IllegalArgumentException("maxBackoff must be >= minBackoff");
  }

  /** The secret never reaches a log line through this record. */
  @Override
  public String toString() {
    return "MesosSettings[master=" + master + ", frameworkName=" + frameworkName + ", role=" + role + ", principal="
        + principal + ", secret=" + (secret.isEmpty() ? "" : "***") + ", failoverTimeout=" + failoverTimeout
        + ", hostname=" + hostname + ", webuiUrl=" + webuiUrl + ", minBackoff=" + minBackoff + ", maxBackoff="
        + maxBackoff + "]";
  }
}
