package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LaunchesInFlightTest {
  @Test
  void roomShrinksWithEachLaunchAndGrowsWithEachFirstStatus() {
    LaunchesInFlight flight = new LaunchesInFlight(3, 60_000);
    assertEquals(3, flight.room(0));

    flight.launched("a", 0);
    flight.launched("b", 0);
    flight.launched("c", 0);
    assertEquals(0, flight.room(1_000));

    flight.reported("b");
    flight.reported("b");
    flight.reported("unknown");
    assertEquals(1, flight.room(1_000));
  }

  @Test
  void aTaskNeverHeardOfStopsCountingAfterAWhile() {
    LaunchesInFlight flight = new LaunchesInFlight(1, 60_000);
    flight.launched("lost", 0);

    assertEquals(0, flight.room(59_999));
    assertEquals(1, flight.room(60_000));
  }
}
