package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.offer.mesos.RecordingListener.Disconnected;
import io.mooring.offer.mesos.RecordingListener.Error;
import io.mooring.offer.mesos.RecordingListener.Offers;
import io.mooring.offer.mesos.RecordingListener.Subscribed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Subscribing, staying subscribed and coming back, against a real simulated master. */
@Timeout(30)
class MesosSchedulerSubscriptionTest {
  @TempDir Path home;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
  }

  private SimCluster cluster(String name, Map<String, String> credentials) throws Exception {
    SimCluster cluster = new SimCluster(home.resolve(name), 1, credentials);
    toClose.add(cluster);
    return cluster;
  }

  private MesosScheduler scheduler(MesosSettings settings, Supplier<Optional<String>> frameworkId) {
    MesosScheduler scheduler = new MesosScheduler(settings, frameworkId, listener);
    toClose.add(scheduler);
    scheduler.start();
    return scheduler;
  }

  @Test
  void firstSubscriptionRegistersAFrameworkAndGetsOffersOnTheDispatcherThread() throws Exception {
    SimCluster cluster = cluster("sim", Map.of());
    MesosScheduler scheduler = scheduler(cluster.settings(), Optional::empty);

    Subscribed subscribed = listener.await(Subscribed.class);
    assertFalse(subscribed.frameworkId().isEmpty());
    assertEquals(SimCluster.HEARTBEAT, subscribed.heartbeat());
    Offers offers = listener.await(Offers.class);
    assertEquals(subscribed.frameworkId(), offers.offers().get(0).getFrameworkId().getValue());
    assertTrue(scheduler.connected());
    assertEquals(Optional.of(subscribed.frameworkId()), scheduler.frameworkId());
    assertEquals(java.util.Set.of("mesos-events"), listener.threads);
  }

  @Test
  void droppedStreamResubscribesWithTheSameFrameworkIdAndOffersResume() throws Exception {
    SimCluster cluster = cluster("sim", Map.of());
    AtomicReference<String> stored = new AtomicReference<>();
    MesosScheduler scheduler = scheduler(cluster.settings(), () -> Optional.ofNullable(stored.get()));
    String id = listener.await(Subscribed.class).frameworkId();
    stored.set(id);
    listener.await(Offers.class);

    cluster.control("/sim/frameworks/" + id + "/drop-stream", null);

    assertTrue(listener.await(Disconnected.class).reason().contains("closed"));
    assertEquals(id, listener.await(Subscribed.class).frameworkId());
    listener.await(Offers.class); // offers do not survive a re-subscription: these are fresh ones
    assertTrue(scheduler.connected());
    assertEquals(Optional.of(id), scheduler.frameworkId());
  }

  @Test
  void silentStreamIsDroppedByTheWatchdogAndResubscribed() throws Exception {
    SimCluster cluster = cluster("sim", Map.of());
    scheduler(cluster.settings(), Optional::empty);
    String id = listener.await(Subscribed.class).frameworkId();
    listener.await(Offers.class); // the agent's only offer is now outstanding: nothing else will come

    cluster.control("/sim/master/heartbeats", "{\"paused\": true}");

    assertTrue(listener.await(Disconnected.class).reason().contains("missed heartbeats"));
    // no framework id was stored: the client re-subscribes with the one it was given
    assertEquals(id, listener.await(Subscribed.class).frameworkId());
    cluster.control("/sim/master/heartbeats", "{\"paused\": false}");
  }

  @Test
  void followsRedirectsToTheLeaderAndKeepsCallingIt() throws Exception {
    SimCluster follower = cluster("follower", Map.of());
    SimCluster leader = cluster("leader", Map.of());
    follower.control("/sim/master/leader", "{\"redirect_to\": \"" + leader.address() + "\"}");

    MesosScheduler scheduler = scheduler(follower.settings(), Optional::empty);
    String id = listener.await(Subscribed.class).frameworkId();
    Offers offers = listener.await(Offers.class);
    // the follower would answer 307: a 202 proves the call went to the leader
    assertTrue(scheduler.decline(List.of(offers.offers().get(0).getId()), 0));

    // leadership moves back: the old leader closes our stream and sends us back to the first master
    follower.control("/sim/master/leader", "{}");
    leader.control("/sim/master/leader", "{\"redirect_to\": \"" + follower.address() + "\"}");
    listener.await(Disconnected.class);
    assertEquals(id, listener.await(Subscribed.class).frameworkId());
    Offers fromFollower = listener.await(Offers.class);
    assertTrue(scheduler.decline(List.of(fromFollower.offers().get(0).getId()), 0));
  }

  @Test
  void resubscribesAfterAMasterFailoverOnceTheNewMasterHasRecovered() throws Exception {
    SimCluster cluster = cluster("sim", Map.of());
    MesosScheduler scheduler = scheduler(cluster.settings(), Optional::empty);
    String id = listener.await(Subscribed.class).frameworkId();

    // the new master answers 503 for a while; the client backs off and retries
    cluster.control("/sim/master/failover", "{\"recovery_ms\": 500}");

    listener.await(Disconnected.class);
    assertEquals(id, listener.await(Subscribed.class).frameworkId(), "the new master learns the framework from us");
    listener.await(Offers.class);
    assertTrue(scheduler.connected());
  }

  @Test
  void authenticatesWithBasicAuth() throws Exception {
    SimCluster cluster = cluster("sim", Map.of(SimCluster.PRINCIPAL, "s3cret"));
    MesosScheduler scheduler = scheduler(cluster.settings("s3cret", Duration.ofHours(1), Duration.ofMillis(50)),
        Optional::empty);

    listener.await(Subscribed.class);
    Offers offers = listener.await(Offers.class);
    assertTrue(scheduler.decline(List.of(offers.offers().get(0).getId()), 0), "calls carry the credentials too");
  }

  @Test
  void wrongSecretNeverSubscribesButKeepsTrying() throws Exception {
    SimCluster cluster = cluster("sim", Map.of(SimCluster.PRINCIPAL, "s3cret"));
    MesosScheduler scheduler = scheduler(cluster.settings("wrong", Duration.ofHours(1), Duration.ofMillis(50)),
        Optional::empty);

    listener.expectNone(Subscribed.class, Duration.ofSeconds(1));
    assertFalse(scheduler.connected());
    assertFalse(scheduler.revive(), "no call without a subscription");
  }

  @Test
  void errorEventIsReportedAndTheFrameworkIdIsNeverForgotten() throws Exception {
    SimCluster cluster = cluster("sim", Map.of());
    // failover timeout 0: the master removes the framework as soon as its stream drops
    MesosScheduler scheduler = scheduler(cluster.settings("", Duration.ZERO, Duration.ofMillis(300)),
        Optional::empty);
    String id = listener.await(Subscribed.class).frameworkId();

    cluster.control("/sim/frameworks/" + id + "/drop-stream", null);

    listener.await(Disconnected.class);
    assertTrue(listener.await(Error.class).message().contains("removed"));
    assertTrue(listener.await(Error.class).message().contains("removed"), "it keeps re-subscribing with the same id");
    assertFalse(scheduler.connected());
    assertEquals(Optional.of(id), scheduler.frameworkId());
  }
}
