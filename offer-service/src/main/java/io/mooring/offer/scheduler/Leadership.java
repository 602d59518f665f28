package io.mooring.offer.scheduler;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.mooring.offer.OfferSettings;
import io.mooring.offer.agents.AgentDirectory;
import io.mooring.offer.leader.Abdications;
import io.mooring.offer.leader.FrameworkIdStore;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.etcd.LeaderElection;
import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for leadership and, while elected, runs a {@link Reign} (a {@link Term}). A lost lease ends the term at
 * once: the Mesos subscription is dropped and the claims of this process are fenced off by the next leader's higher
 * revision. Abdicating ends it in order (the Mesos subscription first, then the lease, so a standby wins at once and
 * never overlaps) and this process campaigns again only after a pause, so that another one takes over if there is one.
 */
@Requires(env = "offer-service")
@Context
public class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private static final RetryPolicy CAMPAIGN_RETRIES = RetryPolicy.fixed(Duration.ofSeconds(1));
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** What a won election runs until it ends: the Mesos subscription and everything that goes with it. */
  interface Reign extends AutoCloseable {
    /** The framework id Mesos gave, once subscribed; empty before. */
    String frameworkId();

    @Override
    void close();
  }

  /** The term being served: what runs, and a future completed to end it. */
  private record Reigning(Reign reign, CompletableFuture<Void> abdication) {}

  private final LeaderElection election;
  private final Abdications abdications;
  private final String address;
  private final Supplier<Optional<String>> storedFrameworkId;
  private final LongFunction<Reign> reigns;
  private final Duration pause;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final Thread thread;
  private volatile Reigning reigning;
  private volatile boolean running = true;

  /** After abdicating, this process campaigns again after two leader TTLs: a standby whose lease lapsed is back. */
  @Inject
  public Leadership(OfferSettings settings, FrameworkIdStore frameworkIds, ReservationClient reservations,
      QueueStatsBook stats, AgentDirectory agents, Abdications abdications,
      @Value("${mooring.etcd.endpoints:`http://127.0.0.1:2379`}") String endpoints,
      @Value("${mooring.etcd.namespace:}") String namespace) {
    this(new LeaderElection("/mooring/v1/framework/leader", EtcdFactory.client(endpoints, namespace),
            settings.leaderTtl().toSeconds()),
        abdications, settings.address(), frameworkIds::get, fence -> {
          LOG.info("subscribing to Mesos at {}", settings.master());
          Term term = new Term(settings, frameworkIds, reservations, stats, agents, Clock.systemUTC(), fence);
          try {
            term.start();
          } catch (RuntimeException e) {
            term.close();
            throw e;
          }
          return term;
        },
        settings.leaderTtl().multipliedBy(2));
  }

  /**
   * Campaigns at once, as {@code address}, on its own thread. {@code reigns} starts what a term with the given fence
   * runs; {@code pause} is how long this process waits after abdicating before it campaigns again.
   */
  Leadership(LeaderElection election, Abdications abdications, String address,
      Supplier<Optional<String>> storedFrameworkId, LongFunction<Reign> reigns, Duration pause) {
    this.election = election;
    this.abdications = abdications;
    this.address = address;
    this.storedFrameworkId = storedFrameworkId;
    this.reigns = reigns;
    this.pause = pause;
    this.thread = new Thread(this::campaign, "leadership");
    thread.setDaemon(true);
    thread.start();
  }

  public boolean elected() {
    return reigning != null;
  }

  public Optional<String> leader() {
    return elected() ? Optional.of(address) : election.leader();
  }

  public Optional<String> frameworkId() {
    Reigning current = reigning;
    if (current != null && !current.reign().frameworkId().isEmpty()) {
      return Optional.of(current.reign().frameworkId());
    }
    return storedFrameworkId.get();
  }

  /**
   * Makes the leader abdicate: this process if it leads, otherwise the leader it names in etcd, asked there. Returns
   * at once with the address of the leader asked; empty when there is no leader. The term ends on the campaign thread.
   */
  public Optional<String> abdicate() {
    Reigning current = reigning;
    if (current != null) {
      LOG.info("asked to abdicate");
      current.abdication().complete(null);
      return Optional.of(address);
    }
    Optional<LeaderElection.Leader> leader = election.current();
    leader.ifPresent(elsewhere -> {
      LOG.info("asked to abdicate; passing it on to the leader {} (fence {})", elsewhere.address(), elsewhere.fence());
      abdications.request(elsewhere.fence());
    });
    return leader.map(LeaderElection.Leader::address);
  }

  private void campaign() {
    Waits retries = CAMPAIGN_RETRIES.waits();
    while (running) {
      try {
        if (serveOneTerm() && running) {
          LOG.info("abdicated; campaigning again in {}", pause);
          waitUnlessStopped(pause);
        }
      } catch (Exception e) {
        if (running) {
          LOG.warn("campaign failed: {}; retrying", e.getMessage());
          retries.sleep();
        }
      }
    }
  }

  /**
   * Waits to be elected, then serves until the lease may be lost, this process abdicates or stops. Closing in reverse
   * order ends the reign (the Mesos subscription) before the election term resigns. True when it abdicated.
   */
  private boolean serveOneTerm() throws Exception {
    try (LeaderElection.Term won = election.campaign(address)) {
      LOG.info("elected leader with fence {}", won.fence());
      CompletableFuture<Void> abdication = new CompletableFuture<>();
      try (AutoCloseable asked = abdications.watch(won.fence(), () -> abdication.complete(null));
          Reign current = reigns.apply(won.fence())) {
        reigning = new Reigning(current, abdication);
        CompletableFuture.anyOf(won.lost(), abdication, stopped).join();
        if (abdication.isDone()) {
          LOG.info("abdicating: dropping the Mesos subscription and resigning");
        } else if (won.lost().isDone()) {
          LOG.warn("leadership may be lost (lease keep-alive failed); dropping the Mesos subscription");
        }
      } finally {
        reigning = null;
      }
      return abdication.isDone();
    }
  }

  private void waitUnlessStopped(Duration duration) {
    try {
      stopped.get(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // the pause is over
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);  // stopped is never completed exceptionally
    }
  }

  /**
   * Ends the term on the campaign thread, which closes in order, and waits for it (a while); a campaign still waiting
   * to be elected is interrupted.
   */
  @PreDestroy
  void stop() {
    running = false;
    stopped.complete(null);
    if (reigning == null) {
      thread.interrupt();
    }
    try {
      thread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    election.close();
  }
}
