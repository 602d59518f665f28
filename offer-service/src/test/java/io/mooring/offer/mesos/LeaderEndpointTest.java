package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LeaderEndpointTest {
  private final LeaderEndpoint leader = new LeaderEndpoint(URI.create("http://m1:5050/"));

  @Test
  void startsAtTheConfiguredMaster() {
    assertEquals(URI.create("http://m1:5050/api/v1/scheduler"), leader.current());
  }

  @Test
  void followsAProtocolRelativeLocationAsMesosSendsIt() {
    assertEquals(URI.create("http://m2:5051/api/v1/scheduler"), leader.redirect("//m2:5051/api/v1/scheduler"));
    assertEquals(URI.create("http://m2:5051/api/v1/scheduler"), leader.current());
  }

  @Test
  void followsABareHostPortAsMesosDocsShowIt() {
    assertEquals(URI.create("http://m3:5050/api/v1/scheduler"), leader.redirect("m3:5050"));
  }

  @Test
  void followsAnAbsoluteLocation() {
    assertEquals(URI.create("https://m4:443/api/v1/scheduler"), leader.redirect("https://m4:443/api/v1/scheduler"));
  }

  @Test
  void forgettingTheLeaderGoesBackToTheConfiguredMaster() {
    leader.redirect("//m2:5051/api/v1/scheduler");
    leader.forget();
    assertEquals(URI.create("http://m1:5050/api/v1/scheduler"), leader.current());
  }
}
