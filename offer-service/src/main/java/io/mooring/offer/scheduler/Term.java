package io.mooring.offer.scheduler;

import io.mooring.offer.OfferSettings;
import io.mooring.offer.agents.AgentDirectory;
import io.mooring.offer.leader.FrameworkIdStore;
import io.mooring.offer.mesos.MesosScheduler;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchQueueUpdate;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term: the Mesos subscription, the queue streams from reservation-service, revive/suppress, kills
 * and periodic reconciliation. Everything is torn down when the term ends.
 */
final class Term implements Leadership.Reign {
  private static final Logger LOG = LoggerFactory.getLogger(Term.class);
  private static final long KILL_RETRY_MILLIS = 10_000;
  private static final long REVIVE_WHILE_WAITING_MILLIS = 30_000;
  private static final long OVERDUE_CLAIMS_CHECK_MILLIS = 5_000;
  private static final long OVERDUE_CLAIM_RECHECK_MILLIS = 30_000;
  private final OfferSettings settings;
  private final ReservationClient reservations;
  private final Clock clock;
  private final QueueStatsBook stats;
  private final LaunchQueueView queue;
  private final OfferHandler handler;
  private final MesosScheduler mesos;
  private final QueueSubscription<LaunchQueueUpdate> launches;
  private final QueueSubscription<KillQueueUpdate> kills;
  private final Map<String, Long> killedAt = new ConcurrentHashMap<>();
  private final OverdueClaims overdueClaims = new OverdueClaims(OVERDUE_CLAIM_RECHECK_MILLIS);
  /** Statuses Mesos does not send again went unstored: every task is asked about once reservation-service answers. */
  private final AtomicBoolean statusesLost = new AtomicBoolean();
  private final QueueMirror<KillRequest> killQueue =
      new QueueMirror<>(KillRequest::getTaskId, Comparator.comparing(KillRequest::getTaskId));
  private final ScheduledExecutorService timer = daemonThread("offer-term");
  /** Reconciliation lists instances page by page: on a thread of its own, it never delays kills or revives. */
  private final ScheduledExecutorService reconciliation = daemonThread("offer-reconcile");
  private long lastRevive;
  private boolean suppressed;

  Term(OfferSettings settings, FrameworkIdStore frameworkIds, ReservationClient reservations, QueueStatsBook stats,
      AgentDirectory agents, Clock clock, long fence) {
    this.settings = settings;
    this.reservations = reservations;
    this.clock = clock;
    this.stats = stats;
    this.queue = new LaunchQueueView(clock);
    this.handler = new OfferHandler(settings, frameworkIds, reservations, queue, stats, agents, clock, fence,
        () -> timer.execute(this::afterSubscribe), () -> statusesLost.set(true));
    this.mesos = new MesosScheduler(settings.mesos(), frameworkIds::get, handler);
    handler.attach(mesos);
    this.launches = new QueueSubscription<>("launch queue",
        (context, observer) -> reservations.launchQueue(context, fence, observer),
        update -> {  // applied on the stream's thread: an update that cannot be applied breaks the stream
          boolean grew = queue.update(update);
          timer.execute(() -> launchQueueChanged(grew));
        });
    this.kills = new QueueSubscription<>("kill queue",
        (context, observer) -> reservations.killQueue(context, fence, observer),
        update -> {
          killQueue.apply(update.getReset(), update.getRequestsList(), update.getRemovedTaskIdsList(),
              update.getComplete());
          timer.execute(this::killQueueChanged);
        });
  }

  void start() {
    launches.start();
    kills.start();
    mesos.start();
    long reconcile = settings.reconcileInterval().toMillis();
    reconciliation.scheduleWithFixedDelay(this::reconcile, reconcile, reconcile, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::killAgain, KILL_RETRY_MILLIS, KILL_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    reconciliation.scheduleWithFixedDelay(this::reconcileOverdueClaims, OVERDUE_CLAIMS_CHECK_MILLIS,
        OVERDUE_CLAIMS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    reconciliation.scheduleWithFixedDelay(this::reconcileAfterLostStatuses, OVERDUE_CLAIMS_CHECK_MILLIS,
        OVERDUE_CLAIMS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    // Offers declined while nothing fitted stay away for the decline duration: ask again while something waits.
    timer.scheduleWithFixedDelay(() -> reviveOrSuppress(true), REVIVE_WHILE_WAITING_MILLIS,
        REVIVE_WHILE_WAITING_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public String frameworkId() {
    return handler.frameworkId();
  }

  boolean connected() {
    return mesos.connected();
  }

  private void afterSubscribe() {
    suppressed = false;
    lastRevive = 0;
    reviveOrSuppress(true);
    reconciliation.execute(this::reconcile);
  }

  private void launchQueueChanged(boolean grew) {
    stats.retain(queue.runSpecIds());
    reviveOrSuppress(grew);
  }

  /** Offers are wanted while something waits to launch; a newcomer may need an agent whose offers we declined. */
  private void reviveOrSuppress(boolean newcomer) {
    if (!mesos.connected()) {
      return;
    }
    if (!queue.wantsOffers()) {
      if (!suppressed && mesos.suppress()) {
        suppressed = true;
        LOG.info("nothing to launch: offers suppressed");
      }
      return;
    }
    if (!(newcomer || suppressed)) {
      return;
    }
    long wait = lastRevive + settings.reviveInterval().toMillis() - clock.millis();
    if (wait > 0) {
      timer.schedule(() -> reviveOrSuppress(true), wait, TimeUnit.MILLISECONDS);
      return;
    }
    if (mesos.revive()) {
      lastRevive = clock.millis();
      suppressed = false;
      LOG.info("offers revived: {} instances wait to launch", queue.size());
    }
  }

  /** KILL is idempotent: send new requests at once and repeat those still wanted after a while. */
  private void killQueueChanged() {
    List<KillRequest> requests = killQueue.values();
    long now = clock.millis();
    killedAt.keySet().retainAll(requests.stream().map(KillRequest::getTaskId).collect(Collectors.toSet()));
    for (KillRequest kill : requests) {
      Long at = killedAt.get(kill.getTaskId());
      if ((at == null || now - at >= KILL_RETRY_MILLIS) && mesos.kill(TaskID.newBuilder()
          .setValue(kill.getTaskId()).build(), AgentID.newBuilder().setValue(kill.getAgentId()).build(),
          kill.getGracePeriodSeconds())) {
        killedAt.put(kill.getTaskId(), now);
        LOG.info("kill sent for task {} of instance {}", kill.getTaskId(), kill.getInstanceId());
      }
    }
  }

  private void killAgain() {
    killQueueChanged();
    handler.killStraysAgain();
  }

  /**
   * Implicit reconciliation, then explicit reconciliation of every task reservation-service believes may be alive or
   * has claimed: after a new leader subscribes, and now and then, so that nothing is believed that Mesos does not know.
   */
  private boolean reconcile() {
    try {
      if (mesos.reconcile(List.of())) {
        LOG.info("implicit reconciliation: Mesos reports every task it knows, strays of earlier terms included");
      }
      return reconcile(reservations.instances(false), "tasks");
    } catch (RuntimeException e) {
      LOG.warn("reconciliation postponed: {}", e.getMessage());
      return false;
    }
  }

  /** Until a reconciliation got through, it is tried again every few seconds. */
  private void reconcileAfterLostStatuses() {
    if (statusesLost.getAndSet(false) && !reconcile()) {
      statusesLost.set(true);
    }
  }

  /**
   * A claim past its deadline is settled by Mesos: a task it knows is adopted, one it does not know (TASK_UNKNOWN)
   * expires the claim. Its ACCEPT's answer may have been lost, so its outcome is unknown until then.
   */
  private void reconcileOverdueClaims() {
    try {
      reconcile(overdueClaims.due(reservations.instances(true), clock.millis()), "tasks of overdue claims");
    } catch (RuntimeException e) {
      LOG.warn("reconciliation of overdue claims postponed: {}", e.getMessage());
    }
  }

  /** Answers whether every batch was sent (not when unsubscribed: the next round asks again). */
  private boolean reconcile(List<Instance> instances, String what) {
    for (ReconcileRequests.Batch batch : ReconcileRequests.of(instances)) {
      boolean sent = (batch.tasks().isEmpty() || mesos.reconcile(batch.tasks()))
          && (batch.operations().isEmpty() || mesos.reconcileOperations(batch.operations()));
      if (!sent) {
        return false;
      }
      LOG.info("reconciling {} {} and {} operations with Mesos", batch.tasks().size(), what,
          batch.operations().size());
    }
    return true;
  }

  private static ScheduledExecutorService daemonThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public void close() {
    mesos.close();  // first: a term that is over must not act on Mesos any more
    timer.shutdownNow();
    reconciliation.shutdownNow();
    launches.close();
    kills.close();
  }
}
