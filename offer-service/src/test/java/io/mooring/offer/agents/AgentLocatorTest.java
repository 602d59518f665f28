package io.mooring.offer.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import io.mooring.testkit.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents no offer has shown are looked up with the simulator's GET_AGENTS, at most once per interval. */
class AgentLocatorTest {
  @TempDir Path home;
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger lookups = new AtomicInteger();

  private AgentLocator locator(URI master) {
    MasterAgents agents = new MasterAgents(master, "", "", Duration.ofSeconds(2));
    return new AgentLocator(new AgentDirectory(), () -> {
      lookups.incrementAndGet();
      return agents.get();
    }, now::get);
  }

  @Test
  void anAgentNeverOfferedIsFoundThroughTheMasterAndAnUnknownOneIsNotFound() throws Exception {
    try (Simulator sim = Simulator.start(SimConfig.defaults(home).withPort(0)
        .withAgents(SimConfig.standardAgents(2, "virtual")))) {
      List<String> ids = agentIds(sim.url());
      AgentLocator locator = locator(URI.create(sim.url()));

      assertEquals("http://127.0.0.1:5051", locator.url(ids.get(0)));
      assertEquals("http://127.0.0.2:5051", locator.url(ids.get(1)));
      assertEquals(1, lookups.get(), "one GET_AGENTS taught both");

      assertEquals(ErrorCode.NOT_FOUND, code(() -> locator.url("no-such-agent")));
      assertEquals(1, lookups.get(), "a miss within the interval does not ask again");
      now.addAndGet(AgentLocator.LOOKUP_INTERVAL.toNanos());
      DomainException notFound = assertThrows(DomainException.class, () -> locator.url("no-such-agent"));
      assertEquals("Agent 'no-such-agent' is not registered with the Mesos master", notFound.info().getMessage());
      assertEquals(2, lookups.get());
    }
  }

  @Test
  void aMasterThatCannotBeAskedIsUnavailableAndNotAskedAgainAtOnce() {
    AgentLocator locator = locator(URI.create("http://127.0.0.1:" + Ports.free()));
    DomainException down = assertThrows(DomainException.class, () -> locator.url("S1"));
    assertEquals(ErrorCode.UNAVAILABLE, down.info().getCode());
    assertTrue(down.info().getMessage().startsWith("The Mesos master cannot be asked where its agents are"),
        down.info().getMessage());
    assertEquals(ErrorCode.UNAVAILABLE, code(() -> locator.url("S2")));
    assertEquals(1, lookups.get());
  }

  private static ErrorCode code(Runnable call) {
    return assertThrows(DomainException.class, call::run).info().getCode();
  }

  private static List<String> agentIds(String master) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(master + "/sim/agents"))
        .build(), HttpResponse.BodyHandlers.ofString());
    List<String> ids = new ArrayList<>();
    JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("agent_ids").forEach(e -> ids.add(e.getAsString()));
    return ids;
  }
}
