package io.mooring.offer.scheduler;

import io.mooring.offer.OfferSettings;
import io.mooring.offer.leader.FrameworkIdStore;
import io.mooring.offer.mesos.MesosScheduler;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchQueueUpdate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term: the Mesos subscription, the queue streams from reservation-service, revive/suppress, kills
 * and periodic reconciliation. Everything is torn down when the term ends.
 */
final class Term implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Term.class);
  private static final long KILL_RETRY_MILLIS = 10_000;
  private static final long REVIVE_WHILE_WAITING_MILLIS = 30_000;
  /** A claim (RESERVING) is left to its deadline: its ACCEPT may still be on the way, unknown to the master. */
  private static final Set<InstanceState> MAYBE_ALIVE =
      Set.of(InstanceState.STAGING, InstanceState.RUNNING_STATE, InstanceState.UNREACHABLE);
  private final OfferSettings settings;
  private final ReservationClient reservations;
  private final Clock clock;
  private final QueueStatsBook stats;
  private final LaunchQueueView queue = new LaunchQueueView();
  private final OfferHandler handler;
  private final MesosScheduler mesos;
  private final QueueSubscription<LaunchQueueUpdate> launches;
  private final QueueSubscription<KillQueueUpdate> kills;
  private final Map<String, Long> killedAt = new ConcurrentHashMap<>();
  private volatile List<KillRequest> killQueue = List.of();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "offer-term");
    thread.setDaemon(true);
    return thread;
  });
  private long lastRevive;
  private boolean suppressed;

  Term(OfferSettings settings, FrameworkIdStore frameworkIds, ReservationClient reservations, QueueStatsBook stats,
      Clock clock, long fence) {
    this.settings = settings;
    this.reservations = reservations;
    this.clock = clock;
    this.stats = stats;
    this.handler = new OfferHandler(settings, frameworkIds, reservations, queue, stats, clock, fence,
        () -> timer.execute(this::afterSubscribe));
    this.mesos = new MesosScheduler(settings.mesos(), frameworkIds::get, handler);
    handler.attach(mesos);
    this.launches = new QueueSubscription<>("launch queue",
        (context, observer) -> reservations.launchQueue(context, fence, observer),
        update -> timer.execute(() -> launchQueueChanged(update)));
    this.kills = new QueueSubscription<>("kill queue",
        (context, observer) -> reservations.killQueue(context, fence, observer),
        update -> timer.execute(() -> killQueueChanged(update.getRequestsList())));
  }

  void start() {
    launches.start();
    kills.start();
    mesos.start();
    long reconcile = settings.reconcileInterval().toMillis();
    timer.scheduleWithFixedDelay(this::reconcile, reconcile, reconcile, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(() -> killQueueChanged(killQueue), KILL_RETRY_MILLIS, KILL_RETRY_MILLIS,
        TimeUnit.MILLISECONDS);
    // Offers declined while nothing fitted stay away for the decline duration: ask again while something waits.
    timer.scheduleWithFixedDelay(() -> reviveOrSuppress(true), REVIVE_WHILE_WAITING_MILLIS,
        REVIVE_WHILE_WAITING_MILLIS, TimeUnit.MILLISECONDS);
  }

  String frameworkId() {
    return handler.frameworkId();
  }

  boolean connected() {
    return mesos.connected();
  }

  private void afterSubscribe() {
    suppressed = false;
    lastRevive = 0;
    reviveOrSuppress(true);
    reconcile();
  }

  private void launchQueueChanged(LaunchQueueUpdate update) {
    boolean grew = queue.update(update);
    stats.retain(update.getRequestsList().stream().map(r -> r.getInstance().getRunSpecId())
        .collect(Collectors.toSet()));
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
  private void killQueueChanged(List<KillRequest> requests) {
    killQueue = requests;
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

  /** Explicit reconciliation of every task reservation-service believes may be alive. */
  private void reconcile() {
    try {
      List<Call.Reconcile.Task> tasks = reservations.instances().stream()
          .filter(i -> MAYBE_ALIVE.contains(i.getState()) && !i.getReservation().getAgentId().isEmpty())
          .flatMap(i -> i.getTasksList().stream().map(t -> task(i, t.getTaskId())))
          .toList();
      if (!tasks.isEmpty() && mesos.reconcile(tasks)) {
        LOG.info("reconciling {} tasks with Mesos", tasks.size());
      }
    } catch (RuntimeException e) {
      LOG.warn("reconciliation postponed: {}", e.getMessage());
    }
  }

  private static Call.Reconcile.Task task(Instance instance, String taskId) {
    return Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
        .setAgentId(AgentID.newBuilder().setValue(instance.getReservation().getAgentId())).build();
  }

  @Override
  public void close() {
    mesos.close();  // first: a term that is over must not act on Mesos any more
    timer.shutdownNow();
    launches.close();
    kills.close();
  }
}
