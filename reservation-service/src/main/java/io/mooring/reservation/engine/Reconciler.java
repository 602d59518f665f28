package io.mooring.reservation.engine;

import io.micronaut.context.annotation.Value;
import io.mooring.proto.v1.Instance;
import io.mooring.reservation.core.Action;
import io.mooring.reservation.core.DecommissionGuard;
import io.mooring.reservation.core.IdSource;
import io.mooring.reservation.core.PassPlanner;
import io.mooring.reservation.core.Queues;
import io.mooring.reservation.desired.DefinitionFeed;
import io.mooring.reservation.desired.DesiredState;
import io.mooring.reservation.store.InstanceStore;
import io.mooring.reservation.store.WriterLock;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that changes instances. It converges them toward the desired state (a pass per change, and one
 * per second for deadlines and backoffs), runs the commands of the gRPC API, and republishes the queues after
 * each. Serialising everything here is what makes the state machine's compare-and-swap writes conflict-free.
 */
@Singleton
public class Reconciler implements DefinitionFeed.ChangeListener {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** Below offer-service's deadline for a claim, so that a claim never completes after its caller gave up. */
  private static final long CALL_TIMEOUT_SECONDS = 8;
  private final InstanceBook book;
  private final WriterLock lock;
  private final DesiredState desired;
  private final QueueStreams queues;
  private final Clock clock;
  private final IdSource ids;
  private final String role;
  private final int maxCreatesPerPass;
  private final DecommissionHold hold;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "reconciler");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean passQueued = new AtomicBoolean();
  private volatile boolean loaded;

  public Reconciler(InstanceStore store, WriterLock lock, DesiredState desired, QueueStreams queues, Clock clock,
      IdSource ids, @Value("${mooring.mesos.role:mooring}") String role, ReconcileSettings settings) {
    this.book = new InstanceBook(store, desired::get);
    this.lock = lock;
    this.desired = desired;
    this.queues = queues;
    this.clock = clock;
    this.ids = ids;
    this.role = role;
    this.maxCreatesPerPass = settings.maxCreatesPerPass();
    this.hold = new DecommissionHold(settings.guardRule(), store);
  }

  @PostConstruct
  void start() {
    loop.scheduleWithFixedDelay(this::periodic, 0, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    loop.shutdownNow();
  }

  @Override
  public void definitionsChanged() {
    requestPass();
  }

  /**
   * Runs {@code work} on the reconciler thread and waits for it; domain errors reach the caller as they are. Work
   * whose gRPC caller has given up by the time its turn comes is skipped: a claim nobody waits for must not happen.
   */
  public <T> T call(Callable<T> work) {
    io.grpc.Context caller = io.grpc.Context.current();
    Future<T> future = loop.submit(() -> {
      if (caller.isCancelled()) {
        throw Errors.unavailable("the caller gave up");
      }
      if (!loaded) {
        throw Errors.unavailable("reservation-service is still loading its instances");
      }
      return work.call();
    });
    try {
      return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DomainException domain) {
        throw domain;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      future.cancel(false);
      throw Errors.unavailable("reservation-service is busy; retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted");
    }
  }

  /** Coalesces requests: one pass runs for any number of changes that arrive while one is queued. */
  public void requestPass() {
    if (passQueued.compareAndSet(false, true)) {
      loop.execute(() -> {
        passQueued.set(false);
        guarded(this::pass);
      });
    }
  }

  InstanceBook book() {
    return book;
  }

  long now() {
    return clock.millis();
  }

  /**
   * Loads the instances and what the decommission guard holds once this replica holds the writer lock; stops
   * serving as soon as it may have lost it.
   */
  private void periodic() {
    guarded(() -> {
      if (loaded && !lock.held()) {
        loaded = false;
        LOG.warn("the writer lock may be lost: not serving until it is held again");
      }
      if (!loaded) {
        try {
          lock.acquire();
        } catch (Exception e) {
          LOG.warn("writer lock not acquired: {}", e.getMessage());
          return;
        }
        book.load();
        hold.load();
        loaded = true;
        LOG.info("holding the writer lock; loaded {} instances from etcd ({} run specs held from decommissioning)",
            book.all().size(), hold.current().runSpecIds().size());
      }
      pass();
    });
  }

  private void guarded(Runnable work) {
    try {
      work.run();
    } catch (DomainException e) {
      LOG.warn("reconcile pass failed: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("reconcile pass failed", e);
    }
  }

  /**
   * Plans every run spec (and every orphan) but those the decommission guard holds, from one consistent view of the
   * specs and deletions, creating instances a batch per pass, then republishes the queues. Overdue claims wait for
   * Mesos's word (offer-service reconciles them), so time alone changes nothing here but backoffs ending.
   */
  private void pass() {
    if (!loaded) {
      return;
    }
    if (desired.ready()) {
      long now = now();
      Collection<Instance> all = book.all();
      Set<String> withInstances = all.stream().map(Instance::getRunSpecId).collect(Collectors.toSet());
      DesiredState.View view = desired.view(withInstances);
      DecommissionGuard.Held held = hold.check(view.specs().keySet(), view.deleted(), all, now);
      Set<String> untouched = new HashSet<>(held.runSpecIds());
      untouched.addAll(view.waiting());  // their instances stay as they are until their step begins
      PassPlanner.Plan plan = PassPlanner.plan(view.specs(), all, untouched, maxCreatesPerPass, role, now, ids);
      List<Action> actions = plan.actions();
      if (!actions.isEmpty()) {
        InstanceBook.Outcome outcome = book.apply(actions, 0);
        if (!outcome.conflicted()) {  // after a conflict the book was re-read; the next periodic pass plans again
          logChanges(actions, outcome);
        }
      }
      if (plan.more()) {
        requestPass();  // queued behind the claims and reports already waiting
      }
    }
    publish();
  }

  /**
   * The operator's word that the named run specs are gone for good: a pass decommissions their instances at once;
   * the others held stay held. Answers what is still held after it (naming none only asks).
   */
  public DecommissionGuard.Held confirmDecommission(List<String> runSpecIds) {
    return call(() -> {
      desired.confirmDeleted(runSpecIds);
      pass();
      return hold.current();
    });
  }

  private void publish() {
    Collection<Instance> all = book.all();
    queues.publish(Queues.launchQueue(all, desired::get, now()), Queues.killQueue(all, desired::get));
  }

  private static void logChanges(List<Action> actions, InstanceBook.Outcome outcome) {
    for (Action action : actions) {
      if (action instanceof Action.Create create) {
        LOG.info("created instance {} of {}", create.instance().getInstanceId(), create.instance().getRunSpecId());
      } else if (action instanceof Action.Apply apply && outcome.applied().containsKey(apply.instanceId())) {
        Instance after = outcome.applied().get(apply.instanceId()).instance();
        LOG.info("instance {}: {} -> goal {}, state {}", apply.instanceId(),
            apply.event().getClass().getSimpleName(), after.getGoal(), after.getState());
      }
    }
  }
}
