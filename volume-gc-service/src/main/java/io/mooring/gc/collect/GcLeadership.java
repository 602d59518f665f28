package io.mooring.gc.collect;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.mooring.gc.GcSettings;
import io.mooring.gc.mesos.OperatorException;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.etcd.LeaderElection;
import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for leadership and, while elected, runs a collection pass every interval (or at once when asked). A
 * lost lease ends the term: its writes are refused from then on, since each one checks the election key.
 */
@Requires(env = "volume-gc-service")
@Context
public class GcLeadership {
  private static final Logger LOG = LoggerFactory.getLogger(GcLeadership.class);
  private static final RetryPolicy CAMPAIGN_RETRIES = RetryPolicy.fixed(Duration.ofSeconds(1));
  private final GcSettings settings;
  private final Collector collector;
  private final LeaderElection election;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile LeaderElection.Term term;
  private volatile CompletableFuture<Void> wake = new CompletableFuture<>();

  public GcLeadership(GcSettings settings, Collector collector,
      @Value("${mooring.etcd.endpoints:`http://127.0.0.1:2379`}") String endpoints,
      @Value("${mooring.etcd.namespace:}") String namespace) {
    this.settings = settings;
    this.collector = collector;
    this.election = new LeaderElection(CleanupStore.ELECTION, EtcdFactory.client(endpoints, namespace),
        settings.leaderTtl().toSeconds());
    this.thread = new Thread(this::campaign, "gc-leadership");
    thread.setDaemon(true);
    thread.start();
  }

  public boolean elected() {
    LeaderElection.Term current = term;
    return current != null && !current.lost().isDone();
  }

  /** The next pass starts now rather than after the interval. */
  public void collectNow() {
    wake.complete(null);
  }

  private void campaign() {
    Waits retries = CAMPAIGN_RETRIES.waits();
    while (running) {
      try (LeaderElection.Term won = election.campaign(settings.address())) {
        LOG.info("elected leader with fence {}; collecting garbage every {} (orphan grace {}) through {}",
            won.fence(), settings.interval(), settings.orphanGrace(), settings.master());
        term = won;
        while (running && !won.lost().isDone()) {
          pass(won);
          awaitNextPass();
        }
        if (running) LOG.warn("leadership may be lost (lease keep-alive failed); collection stops");
      } catch (Exception e) {
        if (running) {
          LOG.warn("campaign failed: {}; retrying", e.getMessage());
          retries.sleep();
        }
      } finally {
        term = null;
      }
    }
  }

  private void pass(LeaderElection.Term won) {
    try {
      Collector.Pass pass = collector.run(won);
      if (pass.calls() > 0 || pass.expunged() > 0) {
        LOG.info("pass: {} garbage, {} orphans, {} cleaned by calls, {} expunged, {} waiting", pass.garbage(),
            pass.orphans(), pass.calls(), pass.expunged(), pass.waiting());
      }
    } catch (OperatorException e) {
      LOG.warn("pass skipped: the Mesos master did not list its agents: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("pass stopped: {}", e.toString());
    }
  }

  private void awaitNextPass() {
    try {
      wake.get(settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // The interval passed.
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
    wake = new CompletableFuture<>();
  }

  @PreDestroy
  void stop() {
    running = false;
    wake.complete(null);
    election.close();
    thread.interrupt();
  }
}
