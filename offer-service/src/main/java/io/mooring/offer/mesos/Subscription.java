package io.mooring.offer.mesos;

import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription loop, on its own thread: SUBSCRIBE (following redirects to the leader), read the event stream
 * until it ends, breaks or goes silent, back off, and again, until closed. It always re-subscribes with the framework
 * id it knows, so the framework keeps its tasks across disconnections.
 */
final class Subscription implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Subscription.class);
  /** Enough for a non-leader → leader hop and a leader change under our feet; more is a redirect loop. */
  private static final int MAX_REDIRECTS = 3;
  /** Until SUBSCRIBED tells us the interval: Mesos' fixed value. */
  private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  private final MesosSettings settings;
  private final Supplier<Optional<String>> storedFrameworkId;
  private final SchedulerHttp http;
  private final EventDispatcher dispatcher;
  private final LeaderEndpoint leader;
  private final Waits reconnects;
  private final HeartbeatWatchdog watchdog = new HeartbeatWatchdog();
  private final AtomicReference<Session> session = new AtomicReference<>();
  private final Thread thread = new Thread(this, "mesos-subscription");
  private volatile String lastFrameworkId;
  private volatile InputStream stream;
  private volatile boolean closed;

  Subscription(MesosSettings settings, Supplier<Optional<String>> storedFrameworkId, SchedulerHttp http,
      EventDispatcher dispatcher) {
    this.settings = settings;
    this.storedFrameworkId = storedFrameworkId;
    this.http = http;
    this.dispatcher = dispatcher;
    this.leader = new LeaderEndpoint(settings.master());
    // Jittered: schedulers cut off together do not reconnect together.
    this.reconnects = RetryPolicy.exponential(settings.minBackoff(), settings.maxBackoff()).withJitter().waits();
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The live subscription, once SUBSCRIBED arrived and until its stream ends. */
  Optional<Session> session() {
    return Optional.ofNullable(session.get());
  }

  Optional<String> frameworkId() {
    return Optional.ofNullable(lastFrameworkId);
  }

  @Override
  public void run() {
    try {
      while (!closed) {
        try {
          subscribeOnce();
        } catch (RuntimeException e) {
          log.error("Mesos subscription attempt failed unexpectedly", e);
        }
        if (closed) break;
        Duration delay = reconnects.next();
        log.info("Reconnecting to Mesos in {} ms", delay.toMillis());
        Thread.sleep(delay.toMillis());
      }
    } catch (InterruptedException e) {
      // close()
    } finally {
      watchdog.close();
    }
  }

  /** One SUBSCRIBE, following redirects; returns when it was refused or its stream ended. */
  private void subscribeOnce() throws InterruptedException {
    Optional<String> frameworkId;
    try {
      frameworkId = knownFrameworkId();
    } catch (RuntimeException e) {
      // subscribing without it would register a second framework and orphan the first one's tasks
      log.warn("Cannot read the stored framework id; not subscribing: {}", e.toString());
      return;
    }
    Call call = Calls.subscribe(settings, frameworkId);
    URI endpoint = leader.current();
    for (int redirects = 0; ; redirects++) {
      HttpResponse<InputStream> response;
      try {
        response = http.subscribe(endpoint, call);
      } catch (IOException e) {
        log.warn("Cannot reach Mesos master {}: {}", endpoint, describe(e));
        leader.forget();
        return;
      }
      int status = response.statusCode();
      if (status == 200) {
        read(endpoint, response);
        return;
      }
      String body = SchedulerHttp.drain(response);
      Optional<String> location = response.headers().firstValue("Location");
      if (status == 307 && location.isPresent() && redirects < MAX_REDIRECTS) {
        URI next = leader.redirect(location.get());
        log.info("Mesos master {} is not the leader; redirected to {}", endpoint, next);
        endpoint = next;
        continue;
      }
      if (status == 503) log.info("Mesos master {} is not ready: 503 {}", endpoint, body);
      else log.warn("Mesos master {} refused SUBSCRIBE: {} {}", endpoint, status, body);
      return;
    }
  }

  /** The stored id wins; ours from the last SUBSCRIBED covers a store that has not caught up yet. */
  private Optional<String> knownFrameworkId() {
    Optional<String> stored = storedFrameworkId.get().filter(id -> !id.isEmpty());
    return stored.isPresent() ? stored : frameworkId();
  }

  /** Reads a subscription's events until the stream ends; then tells the listener if it had been subscribed. */
  private void read(URI endpoint, HttpResponse<InputStream> response) {
    InputStream body = response.body();
    Optional<String> streamId = response.headers().firstValue("Mesos-Stream-Id");
    if (streamId.isEmpty()) {
      log.warn("Mesos master {} answered SUBSCRIBE without a Mesos-Stream-Id; dropping it", endpoint);
      closeQuietly(body);
      return;
    }
    stream = body;
    if (closed) { // close() ran between the response and here
      closeQuietly(body);
      return;
    }
    watchdog.watch(body, DEFAULT_HEARTBEAT);
    EventReader events = new EventReader(body, response.headers().firstValue("Content-Type").orElse(""));
    Session subscribed = null;
    String error = null;
    String reason;
    try {
      // an ERROR is fatal for the connection: we stop reading rather than trust the master to close it
      Event event;
      while (error == null && (event = events.next()) != null) {
        watchdog.eventArrived();
        switch (event.getType()) {
          case SUBSCRIBED -> subscribed = subscribed(endpoint, streamId.get(), event.getSubscribed());
          case ERROR -> {
            error = event.getError().getMessage();
            log.warn("Mesos master {} sent ERROR: {}", endpoint, error);
          }
          case FAILURE -> log.info("Mesos reports a failure: agent {} executor {} status {}",
              event.getFailure().getAgentId().getValue(), event.getFailure().getExecutorId().getValue(),
              event.getFailure().hasStatus() ? event.getFailure().getStatus() : "-");
          default -> { }
        }
        dispatcher.event(event);
      }
      reason = error != null ? "the master sent ERROR: " + error : "the master closed the stream";
    } catch (IOException e) {
      reason = watchdog.expired() ? "no event for " + watchdog.silence().toMillis() + " ms (missed heartbeats)"
          : "the stream broke: " + describe(e);
    } finally {
      watchdog.stop();
      stream = null;
      closeQuietly(body);
    }
    if (subscribed != null) session.compareAndSet(subscribed, null);
    if (closed) return;
    log.warn("Disconnected from Mesos master {}: {}", endpoint, reason);
    if (subscribed != null) dispatcher.disconnected(reason);
  }

  private Session subscribed(URI endpoint, String streamId, Event.Subscribed subscribed) {
    String frameworkId = subscribed.getFrameworkId().getValue();
    Duration heartbeat = EventDispatcher.heartbeatInterval(subscribed);
    Session live = new Session(endpoint, streamId, frameworkId);
    lastFrameworkId = frameworkId;
    session.set(live); // before the listener hears of it, so it can send calls from subscribed()
    watchdog.interval(heartbeat);
    reconnects.reset();
    log.info("Subscribed to Mesos master {} as framework {} (heartbeat every {} ms)", endpoint, frameworkId,
        heartbeat.toMillis());
    return live;
  }

  /** Stops for good: no more reconnections. The master keeps the framework for its failover timeout. */
  void close() {
    closed = true;
    session.set(null);
    InputStream open = stream;
    if (open != null) closeQuietly(open);
    thread.interrupt();
    watchdog.close();
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
