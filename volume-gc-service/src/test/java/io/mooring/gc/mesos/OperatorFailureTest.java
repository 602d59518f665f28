package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.sim.Simulator;
import io.mooring.testkit.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master that is gone, recovering or too slow: the outcomes that tell the collector to retry. */
class OperatorFailureTest {
  @TempDir Path home;

  @Test
  void aDeadMasterGivesUnknown() throws Exception {
    OperatorClient client = new OperatorClient(URI.create("http://127.0.0.1:" + Ports.free()), "mooring", "",
        Sims.TIMEOUT);
    Outcome outcome = client.destroyVolumes("S0", List.of());
    assertTrue(assertInstanceOf(Outcome.Unknown.class, outcome).message().contains("ConnectException"),
        outcome::toString);
    OperatorException e = assertThrows(OperatorException.class, client::getAgents);
    assertTrue(e.getMessage().startsWith("GET_AGENTS at http://127.0.0.1:"), e.getMessage());
  }

  @Test
  void aRecoveringMasterIsUnavailable() throws Exception {
    try (Simulator sim = Sims.start(home, 1)) {
      String agentId = Sims.agentIds(sim).get(0);
      Sims.control(sim, "/sim/master/failover", "{\"recovery_ms\": 60000}");
      OperatorClient client = Sims.client(sim);
      Outcome outcome = client.destroyVolumes(agentId, List.of());
      assertTrue(assertInstanceOf(Outcome.Unavailable.class, outcome).message().startsWith("HTTP 503"),
          outcome::toString);
      OperatorException e = assertThrows(OperatorException.class, client::getAgents);
      assertTrue(e.getMessage().contains("HTTP 503 Master has not finished recovery"), e.getMessage());
    }
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnknown() throws Exception {
    try (Simulator sim = Sims.start(home, 1)) {
      Sims.control(sim, "/sim/master/latency", "{\"ms\": 3000}");
      OperatorClient client = new OperatorClient(URI.create(sim.url()), "mooring", "", Duration.ofMillis(300));
      long start = System.nanoTime();
      Outcome outcome = client.unreserveResources(Sims.agentIds(sim).get(0), List.of());
      assertTrue(assertInstanceOf(Outcome.Unknown.class, outcome).message().contains("no answer within PT0.3S"),
          outcome::toString);
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "bounded by the timeout");
    }
  }
}
