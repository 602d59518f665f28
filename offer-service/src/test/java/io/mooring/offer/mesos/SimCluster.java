package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** An in-process Mesos simulator on a free port: virtual agents, a fast allocation cycle, 1 s heartbeats. */
final class SimCluster implements AutoCloseable {
  static final String ROLE = "mooring";
  static final String PRINCIPAL = "mooring";
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private final Simulator simulator;
  private final HttpClient http = HttpClient.newHttpClient();

  SimCluster(Path home, int agents, Map<String, String> credentials) throws Exception {
    SimConfig config = SimConfig.defaults(home).withPort(0)
        .withAgents(SimConfig.standardAgents(agents, "virtual"))
        .withTimings(Duration.ofMillis(100), HEARTBEAT, Duration.ofSeconds(75))
        .withCredentials(credentials);
    simulator = Simulator.start(config);
  }

  SimCluster(Path home, int agents) throws Exception {
    this(home, agents, Map.of());
  }

  String url() {
    return simulator.url();
  }

  /** host:port, as a Location header names a master. */
  String address() {
    return URI.create(url()).getAuthority();
  }

  /** Settings for this master: quick backoff so tests see reconnections fast. */
  MesosSettings settings(String secret, Duration failoverTimeout, Duration minBackoff) {
    return new MesosSettings(URI.create(url()), "mooring-test", ROLE, PRINCIPAL, secret, failoverTimeout, "localhost",
        "", minBackoff, minBackoff.multipliedBy(4));
  }

  MesosSettings settings() {
    return settings("", Duration.ofHours(1), Duration.ofMillis(50));
  }

  /** POSTs to the simulator's control API (/sim/...) and expects 200. */
  void control(String path, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
  }

  @Override
  public void close() {
    simulator.close();
  }
}
