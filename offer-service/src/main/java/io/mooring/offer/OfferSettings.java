package io.mooring.offer;

import io.micronaut.context.annotation.Value;
import io.mooring.offer.matching.MatchSettings;
import io.mooring.offer.mesos.MesosSettings;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/** offer-service's configuration; every value has a default that runs against the local simulator. */
@Singleton
public record OfferSettings(
    @Value("${mooring.mesos.master:`http://127.0.0.1:5050`}") String master,
    @Value("${mooring.mesos.role:mooring}") String role,
    @Value("${mooring.mesos.principal:mooring}") String principal,
    @Value("${mooring.mesos.secret:}") String secret,
    @Value("${mooring.mesos.framework-name:mooring}") String frameworkName,
    @Value("${mooring.mesos.failover-timeout:168h}") Duration failoverTimeout,
    @Value("${mooring.task-reservation-timeout:20s}") Duration taskReservationTimeout,
    @Value("${mooring.offer.decline-duration:120s}") Duration declineDuration,
    @Value("${mooring.offer.revive-interval:1s}") Duration reviveInterval,
    @Value("${mooring.offer.reconcile-interval:10m}") Duration reconcileInterval,
    @Value("${mooring.offer.leader-ttl:5s}") Duration leaderTtl,
    @Value("${mooring.offer.max-instances-per-offer:5}") int maxInstancesPerOffer,
    @Value("${mooring.offer.max-launches-in-flight:1000}") int maxLaunchesInFlight,
    @Value("${grpc.server.host:127.0.0.1}") String host,
    @Value("${grpc.server.port:9103}") int port) {

  public OfferSettings {
    if (maxInstancesPerOffer < 1 || maxLaunchesInFlight < 1) {
      throw new IllegalArgumentException("mooring.offer.max-instances-per-offer and max-launches-in-flight must be "
          + "at least 1, not " + maxInstancesPerOffer + " and " + maxLaunchesInFlight);
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "OfferSettings[master=" + master + ", role=" + role + ", principal=" + principal + ", address="
        + address() + "]";
  }

  public String address() {
    return host + ":" + port;
  }

  public MesosSettings mesos() {
    return new MesosSettings(URI.create(master), frameworkName, role, principal, secret, failoverTimeout, host,
        "", Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** At most {@code maxInstances} placed from one offer. */
  public MatchSettings matching(String frameworkId, int maxInstances) {
    return new MatchSettings(frameworkId, role, principal, maxInstances);
  }
}
