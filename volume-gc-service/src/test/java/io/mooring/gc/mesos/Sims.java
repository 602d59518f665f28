package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.master.Protos.Response;

/** Starting the in-process Mesos simulator and driving its control API ({@code /sim/...}). */
final class Sims {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Sims() {}

  /** A master on a free port with virtual agents (no processes), under its own home. */
  static Simulator start(Path home, int agents) throws Exception {
    return Simulator.start(SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(agents, "virtual"))
        .withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(75)));
  }

  static OperatorClient client(Simulator sim) {
    return new OperatorClient(URI.create(sim.url()), "mooring", "", TIMEOUT);
  }

  /** POST /sim/...; fails the test unless the simulator answers 200. */
  static void control(Simulator sim, String path, String json) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
  }

  /** Makes {@code follower} a non-leader that answers 307 to {@code leader}. */
  static void redirect(Simulator follower, Simulator leader) throws Exception {
    control(follower, "/sim/master/leader", "{\"redirect_to\": \"127.0.0.1:" + leader.port() + "\"}");
  }

  /** The simulator's agent ids in configuration order. */
  static List<String> agentIds(Simulator sim) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url() + "/sim/agents")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("agent_ids").asList().stream()
        .map(e -> e.getAsString()).toList();
  }

  static List<String> agentIds(Response.GetAgents agents) {
    return agents.getAgentsList().stream().map(a -> a.getAgentInfo().getId().getValue()).toList();
  }
}
