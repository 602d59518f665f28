package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.offer.leader.Abdications;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.LeaderElection;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leadership on a real etcd, with terms that only record when they start and end: abdicating ends the term before
 * a standby takes over, a process that does not lead passes the request on through etcd, and the one that abdicated
 * campaigns again after its pause.
 */
class LeadershipTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration LONG_PAUSE = Duration.ofMinutes(5);

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Long> fences = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> started = new ArrayList<>();
  private final String namespace = EtcdExtension.newNamespace();

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  @Test
  void anAbdicatedLeaderStepsDownBeforeTheStandbyTakesOverAndCampaignsAgainAfterItsPause() {
    Leadership a = candidate("a:1", Duration.ofSeconds(1));
    await(a::elected, "a is elected");
    Leadership b = candidate("b:2", LONG_PAUSE);
    await(() -> b.leader().equals(Optional.of("a:1")), "b sees a lead");
    assertFalse(b.elected());

    assertEquals(Optional.of("a:1"), a.abdicate());
    await(b::elected, "the standby takes over");
    assertFalse(a.elected());
    assertEquals(List.of("a:1 leads", "a:1 steps down", "b:2 leads"), events, "never two terms at once");

    // a does not lead: it asks b through etcd. b pauses long, so a winning shows that a campaigned again.
    assertEquals(Optional.of("b:2"), a.abdicate());
    await(a::elected, "a campaigned again after its pause and takes over");
    assertEquals(List.of("a:1 leads", "a:1 steps down", "b:2 leads", "b:2 steps down", "a:1 leads"), events);
    assertTrue(fences.get(0) < fences.get(1) && fences.get(1) < fences.get(2), "each leader fences off the last: "
        + fences);
  }

  @Test
  void aLoneCandidateLeadsAgainAfterItsPause() {
    Leadership alone = candidate("alone:1", Duration.ofMillis(500));
    await(alone::elected, "elected");

    assertEquals(Optional.of("alone:1"), alone.abdicate());
    await(() -> events.size() == 3, "stepped down and elected again");
    assertEquals(List.of("alone:1 leads", "alone:1 steps down", "alone:1 leads"), events);
    assertTrue(fences.get(0) < fences.get(1));
  }

  @Test
  void withoutALeaderThereIsNoneToAbdicate() {
    Leadership pausing = candidate("pausing:1", LONG_PAUSE);
    await(pausing::elected, "elected");

    assertEquals(Optional.of("pausing:1"), pausing.abdicate());
    await(() -> events.size() == 2 && pausing.leader().isEmpty(), "stepped down and resigned");
    assertEquals(Optional.empty(), pausing.abdicate(), "it pauses, and nobody else campaigns");
    assertFalse(pausing.elected());
  }

  /** A candidate whose terms record what happens; stopped after the test (which also ends a pause). */
  private Leadership candidate(String address, Duration pause) {
    EtcdStore etcd = new EtcdStore(EtcdFactory.client(ETCD.endpoint(), namespace), Duration.ofSeconds(5));
    Abdications abdications = new Abdications(etcd);
    LeaderElection election = new LeaderElection("/mooring/v1/framework/leader",
        EtcdFactory.client(ETCD.endpoint(), namespace), 2);
    started.add(etcd);
    started.add(abdications);
    Leadership leadership = new Leadership(election, abdications, address, Optional::empty,
        fence -> reign(address, fence), pause);
    started.add(leadership::stop);
    return leadership;
  }

  private Leadership.Reign reign(String address, long fence) {
    events.add(address + " leads");
    fences.add(fence);
    return new Leadership.Reign() {
      @Override
      public String frameworkId() {
        return "";
      }

      @Override
      public void close() {
        events.add(address + " steps down");
      }
    };
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
