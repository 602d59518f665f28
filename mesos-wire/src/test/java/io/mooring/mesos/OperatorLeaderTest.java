package io.mooring.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The Location forms a non-leader may send, and forgetting a leader that another call has already replaced. */
class OperatorLeaderTest {
  private final OperatorLeader leader = new OperatorLeader(URI.create("http://m1:5050/"));
  private final URI configured = URI.create("http://m1:5050/api/v1");

  @Test
  void followsEveryLocationForm() {
    assertEquals(configured, leader.current());
    assertEquals(URI.create("http://m2:5050/api/v1"), leader.redirect(configured, "//m2:5050/api/v1"));
    assertEquals(URI.create("http://m3:5050/api/v1"), leader.redirect(configured, "m3:5050"));
    assertEquals(URI.create("https://m4:5050/api/v1"), leader.redirect(configured, "https://m4:5050"));
    assertEquals(URI.create("https://m4:5050/api/v1"), leader.current());
  }

  @Test
  void forgetsOnlyTheLeaderThatFailed() {
    URI m2 = leader.redirect(configured, "//m2:5050/api/v1");
    URI m3 = leader.redirect(configured, "//m3:5050/api/v1");
    leader.forget(m2);
    assertEquals(m3, leader.current(), "another call already moved on to m3");
    leader.forget(m3);
    assertEquals(configured, leader.current());
  }
}
