package io.mooring.chaos;

import static io.mooring.chaos.Fixtures.kinds;
import static io.mooring.chaos.Fixtures.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Goal;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger remembers a.instance-1's volume holding two lines, then looks again after a change. */
class LedgerTest {
  private static final String A1 = "a.instance-1";
  private static final String FIRST = A1 + "._app.1";
  private static final String SECOND = A1 + "._app.2";
  private static final Consumer<Ledger> NOTHING = ledger -> {};

  private static Arguments row(String situation, Consumer<Fixtures> change, Consumer<Ledger> release,
      String... expected) {
    return Arguments.of(situation, change, release, List.of(expected));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row("the same lines keep the data", c -> {}, NOTHING),
        row("lines extended keep the data", c -> c.lines(pid(A1), FIRST, SECOND, A1 + "._app.3"), NOTHING),
        row("a stopped instance keeps its data", c -> c.update(A1, i -> i.setGoal(Goal.STOPPED).clearTasks()),
            NOTHING),
        row("a line removed is lost data", c -> c.lines(pid(A1), FIRST), NOTHING, "LOST " + A1),
        row("a line changed is lost data", c -> c.lines(pid(A1), FIRST, "intruder"), NOTHING, "LOST " + A1),
        row("all lines gone is lost data", c -> c.lines(pid(A1)), NOTHING, "LOST " + A1),
        row("the directory gone is lost data", c -> c.volumes.remove(pid(A1)), NOTHING, "LOST " + A1),
        row("the record gone is a lost instance", c -> c.instances.remove(A1), NOTHING, "LOST " + A1),
        row("a decommissioned record nobody released is a lost instance",
            c -> c.update(A1, i -> i.setGoal(Goal.DECOMMISSIONED)), NOTHING, "LOST " + A1),
        row("a record that no longer owns the volume is a lost instance",
            c -> c.update(A1, i -> i.clearVolumes().setReservation(i.getReservation().toBuilder().clearVolumes())),
            NOTHING, "LOST " + A1),
        row("a wiped instance may go", c -> c.instances.remove(A1), ledger -> ledger.releaseInstance(A1)),
        row("a wiped instance's volume may go", c -> c.volumes.remove(pid(A1)), ledger -> ledger.releaseInstance(A1)),
        row("an instance of a deleted app may go", c -> c.instances.remove(A1), ledger -> ledger.releaseApp("/a")),
        row("deleting another app releases nothing", c -> c.instances.remove(A1), ledger -> ledger.releaseApp("/b"),
            "LOST " + A1),
        row("wiping another instance releases nothing", c -> c.instances.remove(A1),
            ledger -> ledger.releaseInstance("a.instance-2"), "LOST " + A1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dataRememberedIsLostOnlyWhenItsPrefixIsGoneAndNobodyReleasedIt(String situation, Consumer<Fixtures> change,
      Consumer<Ledger> release, List<String> expected) {
    Fixtures cluster = new Fixtures().running(A1).lines(pid(A1), FIRST, SECOND);
    Ledger ledger = new Ledger();
    ledger.remember(cluster.observe());
    assertEquals(1, ledger.size());
    change.accept(cluster);
    release.accept(ledger);
    assertEquals(expected, kinds(ledger.lost(cluster.observe())));
  }

  @Test
  void aVolumeNeverWrittenIsNotRemembered() {
    Fixtures cluster = new Fixtures().running(A1).lines(pid(A1));
    Ledger ledger = new Ledger();
    ledger.remember(cluster.observe());
    assertEquals(0, ledger.size());
    cluster.instances.remove(A1);
    assertEquals(List.of(), ledger.lost(cluster.observe()));
  }

  @Test
  void aDecommissionedInstanceIsNotRemembered() {
    Fixtures cluster = new Fixtures().running(A1).update(A1, i -> i.setGoal(Goal.DECOMMISSIONED));
    Ledger ledger = new Ledger();
    ledger.remember(cluster.observe());
    assertEquals(0, ledger.size());
  }

  @Test
  void lostDataIsStillLostOnTheNextLook() {
    Fixtures cluster = new Fixtures().running(A1).lines(pid(A1), FIRST, SECOND);
    Ledger ledger = new Ledger();
    ledger.remember(cluster.observe());
    cluster.lines(pid(A1), FIRST);
    for (int look = 0; look < 2; look++) {
      Observation o = cluster.observe();
      assertEquals(List.of("LOST " + A1), kinds(ledger.lost(o)));
      ledger.remember(o);
    }
  }

  @Test
  void dataRememberedGrowsWithTheVolume() {
    Fixtures cluster = new Fixtures().running(A1).lines(pid(A1), FIRST);
    Ledger ledger = new Ledger();
    ledger.remember(cluster.observe());
    cluster.lines(pid(A1), FIRST, SECOND);
    ledger.remember(cluster.observe());
    cluster.lines(pid(A1), FIRST);
    assertEquals(List.of("LOST " + A1), kinds(ledger.lost(cluster.observe())));
  }
}
