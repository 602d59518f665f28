package io.mooring.gc;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** volume-gc-service's configuration; every value has a default that runs against the local simulator. */
@Singleton
public record GcSettings(
    @Value("${mooring.mesos.master:`http://127.0.0.1:5050`}") String master,
    @Value("${mooring.mesos.principal:mooring}") String principal,
    @Value("${mooring.mesos.secret:}") String secret,
    @Value("${mooring.gc.interval:5s}") Duration interval,
    @Value("${mooring.gc.orphan-grace:5m}") Duration orphanGrace,
    @Value("${mooring.gc.absent-agent-grace:10m}") Duration absentAgentGrace,
    @Value("${mooring.gc.max-calls-per-pass:1000}") int maxCallsPerPass,
    @Value("${mooring.gc.operator-timeout:30s}") Duration operatorTimeout,
    @Value("${mooring.gc.leader-ttl:5s}") Duration leaderTtl,
    @Value("${grpc.server.host:127.0.0.1}") String host,
    @Value("${grpc.server.port:9104}") int port) {

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "GcSettings[master=" + master + ", principal=" + principal + ", interval=" + interval + ", orphanGrace="
        + orphanGrace + ", maxCallsPerPass=" + maxCallsPerPass + ", address=" + address() + "]";
  }

  public String address() {
    return host + ":" + port;
  }
}
