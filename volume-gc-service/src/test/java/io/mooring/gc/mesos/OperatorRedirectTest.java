package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A non-leading master answers 307 with {@code Location: //leader:port/api/v1}: the client finds the leader. */
class OperatorRedirectTest {
  @TempDir Path home;

  @Test
  void followsTheRedirectAndRemembersTheLeader() throws Exception {
    try (Simulator leader = Sims.start(home.resolve("leader"), 1)) {
      Reservations reservations = new Reservations(Sims.agentIds(leader).get(0), "db.instance-1", "db#data#1");
      OperatorClient client;
      try (Simulator follower = Sims.start(home.resolve("follower"), 1)) {
        Sims.redirect(follower, leader);
        client = Sims.client(follower);
        reservations.create(client); // writes carry their body to the leader
        assertEquals(Sims.agentIds(leader), Sims.agentIds(client.getAgents()));
      }
      assertEquals(new Outcome.Accepted(), client.destroyVolumes(reservations.agentId(),
          List.of(reservations.volume())), "sent to the leader directly: the configured master is gone");
      assertEquals(new Outcome.Accepted(), client.unreserveResources(reservations.agentId(), reservations.reserved()));
    }
  }

  @Test
  void goesBackToTheConfiguredMasterWhenTheLeaderIsGone() throws Exception {
    try (Simulator configured = Sims.start(home.resolve("configured"), 1)) {
      OperatorClient client = Sims.client(configured);
      try (Simulator leader = Sims.start(home.resolve("leader"), 1)) {
        Sims.redirect(configured, leader);
        assertEquals(Sims.agentIds(leader), Sims.agentIds(client.getAgents()));
      }
      Sims.control(configured, "/sim/master/leader", "{}"); // elected again
      assertEquals(Sims.agentIds(configured), Sims.agentIds(client.getAgents()));
    }
  }

  @Test
  void mastersRedirectingToEachOtherMeanNoLeaderYet() throws Exception {
    try (Simulator a = Sims.start(home.resolve("a"), 1); Simulator b = Sims.start(home.resolve("b"), 1)) {
      Sims.redirect(a, b);
      Sims.redirect(b, a);
      OperatorClient client = Sims.client(a);
      Outcome outcome = client.destroyVolumes(Sims.agentIds(a).get(0), List.of());
      assertTrue(assertInstanceOf(Outcome.Unavailable.class, outcome).message().contains("no leader"), outcome::toString);
      OperatorException e = assertThrows(OperatorException.class, client::getAgents);
      assertTrue(e.getMessage().contains("HTTP 307"), e.getMessage());
    }
  }
}
