package io.mooring.offer.scheduler;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.mooring.offer.OfferSettings;
import io.mooring.offer.leader.FrameworkIdStore;
import io.mooring.runtime.etcd.LeaderElection;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for leadership and, while elected, runs a {@link Term}. A lost lease ends the term at once: the Mesos
 * subscription is dropped and the claims of this process are fenced off by the next leader's higher revision.
 */
@Requires(env = "offer-service")
@Context
public class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private static final RetryPolicy CAMPAIGN_RETRIES = RetryPolicy.fixed(Duration.ofSeconds(1));
  private final OfferSettings settings;
  private final FrameworkIdStore frameworkIds;
  private final ReservationClient reservations;
  private final QueueStatsBook stats;
  private final LeaderElection election;
  private final Thread thread;
  private volatile Term term;
  private volatile boolean running = true;

  public Leadership(OfferSettings settings, FrameworkIdStore frameworkIds, ReservationClient reservations,
      QueueStatsBook stats, @Value("${mooring.etcd.endpoints:`http://127.0.0.1:2379`}") String endpoints,
      @Value("${mooring.etcd.namespace:}") String namespace) {
    this.settings = settings;
    this.frameworkIds = frameworkIds;
    this.reservations = reservations;
    this.stats = stats;
    this.election = new LeaderElection("/mooring/v1/framework/leader", EtcdFactory.client(endpoints, namespace),
        settings.leaderTtl().toSeconds());
    this.thread = new Thread(this::campaign, "leadership");
    thread.setDaemon(true);
    thread.start();
  }

  public boolean elected() {
    return term != null;
  }

  public Optional<String> leader() {
    return elected() ? Optional.of(settings.address()) : election.leader();
  }

  public Optional<String> frameworkId() {
    Term current = term;
    if (current != null && !current.frameworkId().isEmpty()) {
      return Optional.of(current.frameworkId());
    }
    return frameworkIds.get();
  }

  private void campaign() {
    Waits retries = CAMPAIGN_RETRIES.waits();
    while (running) {
      try {
        try (LeaderElection.Term won = election.campaign(settings.address())) {
          LOG.info("elected leader with fence {}; subscribing to Mesos at {}", won.fence(), settings.master());
          try (Term current = new Term(settings, frameworkIds, reservations, stats, Clock.systemUTC(), won.fence())) {
            term = current;
            current.start();
            won.lost().join();
            LOG.warn("leadership may be lost (lease keep-alive failed); dropping the Mesos subscription");
          } finally {
            term = null;
          }
        }
      } catch (Exception e) {
        if (running) {
          LOG.warn("campaign failed: {}; retrying", e.getMessage());
          retries.sleep();
        }
      }
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    Term current = term;
    term = null;
    if (current != null) {
      current.close();
    }
    election.close();
    thread.interrupt();
  }
}
