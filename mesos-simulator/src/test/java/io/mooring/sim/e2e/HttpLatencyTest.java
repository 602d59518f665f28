package io.mooring.sim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call the master answers at once reaches the client at once: no packet waits for a delayed ACK. */
class HttpLatencyTest {
  @TempDir Path home;

  @Test
  void aTrivialCallIsAnsweredInMilliseconds() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      Call health = Call.newBuilder().setType(Call.Type.GET_HEALTH).build();
      List<Duration> took = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        long start = System.nanoTime();
        assertEquals(200, sim.operator(health).statusCode());
        took.add(Duration.ofNanos(System.nanoTime() - start));
      }
      Collections.sort(took);
      // a body held back by Nagle's algorithm until the client's delayed ACK arrives takes 40 ms
      assertTrue(took.get(5).toMillis() < 20, "median GET_HEALTH round trip " + took.get(5) + " of " + took);
    }
  }
}
