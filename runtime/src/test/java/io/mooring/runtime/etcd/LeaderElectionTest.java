package io.mooring.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.ErrorInfo;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leader election on a real etcd: one leader at a time, and each new leader holds a higher fence. */
class LeaderElectionTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @Test
  void theStandbyWinsOnlyWhenTheLeaderGoesAndThenHoldsAHigherFence() throws Exception {
    String namespace = EtcdExtension.newNamespace();
    try (LeaderElection first = new LeaderElection("/test/leader", EtcdFactory.client(ETCD.endpoint(), namespace), 2);
        LeaderElection second = new LeaderElection("/test/leader", EtcdFactory.client(ETCD.endpoint(), namespace), 2)) {
      LeaderElection.Term leading = first.campaign("127.0.0.1:1");
      CompletableFuture<LeaderElection.Term> standby = campaignAsync(second, "127.0.0.1:2");
      Thread.sleep(1_000);
      assertFalse(standby.isDone(), "two leaders at once");
      assertEquals(Optional.of("127.0.0.1:1"), second.leader());
      assertEquals(Optional.of(new LeaderElection.Leader("127.0.0.1:1", leading.fence())), second.current(),
          "the others see the leader's fence");

      first.resign();
      LeaderElection.Term next = standby.get(10, TimeUnit.SECONDS);
      assertTrue(next.fence() > leading.fence(), next.fence() + " must fence off " + leading.fence());
      assertEquals(Optional.of("127.0.0.1:2"), first.leader());
      leading.lost().get(10, TimeUnit.SECONDS);  // the resigned leader learns that it lost
    }
  }

  /** A standby waits on a watch inside etcd: history compacted meanwhile must not leave it waiting for ever. */
  @Test
  void aStandbyWaitingWhileHistoryIsCompactedStillTakesOver() throws Exception {
    String namespace = EtcdExtension.newNamespace();
    try (LeaderElection first = new LeaderElection("/test/leader", EtcdFactory.client(ETCD.endpoint(), namespace), 2);
        LeaderElection second = new LeaderElection("/test/leader", EtcdFactory.client(ETCD.endpoint(), namespace), 2);
        EtcdStore writes = new EtcdStore(EtcdFactory.client(ETCD.endpoint(), namespace), Duration.ofSeconds(5))) {
      LeaderElection.Term leading = first.campaign("127.0.0.1:1");
      CompletableFuture<LeaderElection.Term> standby = campaignAsync(second, "127.0.0.1:2");
      Thread.sleep(500);
      for (int i = 0; i < 3; i++) {
        writes.put("/test/other", ErrorInfo.newBuilder().setMessage("write " + i).build());
        ETCD.compact();
      }
      assertFalse(standby.isDone(), "the standby must still wait: " + standby);

      first.resign();
      LeaderElection.Term next = standby.get(10, TimeUnit.SECONDS);
      assertTrue(next.fence() > leading.fence());
      assertEquals(Optional.of("127.0.0.1:2"), first.leader());
    }
  }

  /** Campaigns on another thread: a standby blocks until it wins. */
  private static CompletableFuture<LeaderElection.Term> campaignAsync(LeaderElection election, String address) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return election.campaign(address);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
