package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.cpus;
import static io.mooring.sim.resources.Res.disk;
import static io.mooring.sim.resources.Res.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Resources changed in place: the same algebra as {@link Resources}, at the cost of the operand alone. */
class MutableResourcesTest {
  @Test
  void addsAndSubtractsAsResourcesDo() {
    Resources start = Resources.of(cpus(4).get(), ports(31000, 32000).get(), disk(100).dynamic("eng", "fw").get());
    Resources reserved = Resources.of(cpus(1).dynamic("eng", "fw", "instance", "a").get());
    Resources volume = Resources.of(disk(10).dynamic("eng", "fw").volume("db", "data").get());
    MutableResources mutable = new MutableResources(start);

    mutable.subtract(Resources.of(cpus(1).get(), ports(31000, 31000).get(), disk(10).dynamic("eng", "fw").get()));
    mutable.add(reserved);
    mutable.add(volume);

    Resources expected = start.minus(Resources.of(cpus(1).get(), ports(31000, 31000).get(),
        disk(10).dynamic("eng", "fw").get())).plus(reserved).plus(volume);
    assertEquals(expected, mutable.snapshot());
  }

  @Test
  void aSnapshotIsTakenOncePerChange() {
    MutableResources mutable = new MutableResources(Resources.of(cpus(2).get()));
    Resources first = mutable.snapshot();
    assertSame(first, mutable.snapshot());
    mutable.add(Resources.of(cpus(1).get()));
    assertEquals(Resources.of(cpus(3).get()), mutable.snapshot());
    assertEquals(Resources.of(cpus(2).get()), first, "a snapshot does not change afterwards");
  }

  @Test
  void changingABagOfTensOfThousandsOfReservationsCostsTheChangeOnly() {
    List<Resources> reservations = IntStream.range(0, 20_000)
        .mapToObj(i -> Resources.of(disk(1).dynamic("eng", "fw", "instance", "i" + i).get())).toList();
    MutableResources agent = new MutableResources(Resources.of(disk(100_000).get()));
    long start = System.nanoTime();
    for (Resources reservation : reservations) {
      agent.subtract(reservation.toUnreserved());
      agent.add(reservation);
      assertTrue(agent.contains(reservation));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // copying the bag at each change, as Resources does, takes over ten seconds here
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "20,000 changes took " + took);
    assertEquals(20_001, agent.snapshot().size());
  }

  @Test
  void sumAddsUpInOnePass() {
    List<Resources> parts = new ArrayList<>();
    Resources folded = Resources.EMPTY;
    for (int i = 0; i < 50; i++) {
      Resources part = Resources.of(cpus(0.5).get(), disk(1).dynamic("eng", "fw", "instance", "i" + i).get());
      parts.add(part);
      folded = folded.plus(part);
    }
    assertEquals(folded, Resources.sum(parts));
    assertEquals(Resources.EMPTY, Resources.sum(List.of()));
  }
}
