package io.mooring.offer.mesos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the listener on one dedicated thread, in stream order, so a slow listener stalls neither the
 * stream reader nor the heartbeat watchdog. A listener that throws is logged and keeps receiving events.
 */
final class EventDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  static final int MAX_STATUS_BATCH = 500;

  private final SchedulerListener listener;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "mesos-events");
    t.setDaemon(true);
    return t;
  });
  private final Queue<Event> statuses = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private volatile boolean closed;

  EventDispatcher(SchedulerListener listener) {
    this.listener = listener;
  }

  /** Routes an event to the listener; heartbeats, failures, messages and inverse offers are not for it. */
  void event(Event event) {
    switch (event.getType()) {
      case SUBSCRIBED -> {
        String id = event.getSubscribed().getFrameworkId().getValue();
        Duration heartbeat = heartbeatInterval(event.getSubscribed());
        run("subscribed", () -> listener.subscribed(id, heartbeat));
      }
      case OFFERS -> {
        List<org.apache.mesos.v1.Protos.Offer> offers = event.getOffers().getOffersList();
        run("offers", () -> listener.offers(offers));
      }
      case RESCIND -> run("rescinded", () -> listener.rescinded(event.getRescind().getOfferId()));
      case UPDATE, UPDATE_OPERATION_STATUS -> statusArrived(event);
      case ERROR -> run("error", () -> listener.error(event.getError().getMessage()));
      default -> { }
    }
  }

  /** Statuses queue apart and reach the listener in batches: whatever piled up while it handled the last one. */
  private void statusArrived(Event event) {
    statuses.add(event);
    if (drainQueued.compareAndSet(false, true)) {
      run("statuses", this::drainStatuses);
    }
  }

  private void drainStatuses() {
    drainQueued.set(false);
    List<Event> batch = new ArrayList<>();
    Event next;
    while (batch.size() < MAX_STATUS_BATCH && (next = statuses.poll()) != null) {
      batch.add(next);
    }
    if (!statuses.isEmpty() && drainQueued.compareAndSet(false, true)) {
      run("statuses", this::drainStatuses);
    }
    if (!batch.isEmpty()) {
      listener.statuses(batch);
    }
  }

  void disconnected(String reason) {
    run("disconnected", () -> listener.disconnected(reason));
  }

  /** Mesos' fixed 15 s when the master does not say. */
  static Duration heartbeatInterval(org.apache.mesos.v1.scheduler.Protos.Event.Subscribed subscribed) {
    double seconds = subscribed.hasHeartbeatIntervalSeconds() ? subscribed.getHeartbeatIntervalSeconds() : 15;
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }

  private void run(String callback, Runnable call) {
    if (closed) return;
    try {
      thread.execute(() -> {
        if (closed) return; // events queued before close() are void
        try {
          call.run();
        } catch (RuntimeException e) {
          log.error("Scheduler listener failed in {}", callback, e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** Stops delivery; a callback already running finishes undisturbed. */
  @Override
  public void close() {
    closed = true;
    thread.shutdown();
  }
}
