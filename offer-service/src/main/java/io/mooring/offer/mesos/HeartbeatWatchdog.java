package io.mooring.offer.mesos;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a subscription stream that has been silent for {@link #MISSED_HEARTBEATS} heartbeat intervals: a partition
 * leaves the socket open but silent, and only this turns it into a reconnection. It runs on its own timer thread, so
 * neither a blocked read nor a slow listener can keep it from firing.
 */
final class HeartbeatWatchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatWatchdog.class);
  /** The scheduler.proto recommendation: no event for ~5 heartbeat intervals means the connection is gone. */
  static final int MISSED_HEARTBEATS = 5;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mesos-heartbeat-watchdog");
    t.setDaemon(true);
    return t;
  });
  private volatile long lastEventNanos;
  private volatile long silenceNanos;
  private volatile boolean expired;
  private Closeable stream;
  private ScheduledFuture<?> check;

  /** Starts watching a newly opened stream, expecting an event at least every interval. */
  synchronized void watch(Closeable newStream, Duration heartbeatInterval) {
    stop();
    stream = newStream;
    expired = false;
    lastEventNanos = System.nanoTime();
    interval(heartbeatInterval);
  }

  /** The master told us its heartbeat interval (SUBSCRIBED). */
  synchronized void interval(Duration heartbeatInterval) {
    if (stream == null) return;
    if (check != null) check.cancel(false);
    silenceNanos = heartbeatInterval.toNanos() * MISSED_HEARTBEATS;
    long period = Math.max(50, Math.min(heartbeatInterval.toMillis(), 5_000));
    try {
      check = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      check = null; // closed: the client is shutting down
    }
  }

  void eventArrived() {
    lastEventNanos = System.nanoTime();
  }

  /** Whether the watched stream was closed by this watchdog. */
  boolean expired() {
    return expired;
  }

  /** How long the stream must be silent to be dropped. */
  Duration silence() {
    return Duration.ofNanos(silenceNanos);
  }

  synchronized void stop() {
    if (check != null) check.cancel(false);
    check = null;
    stream = null;
  }

  private synchronized void check() {
    if (stream == null || System.nanoTime() - lastEventNanos < silenceNanos) return;
    expired = true;
    log.warn("No event from the Mesos master for {} ms ({} heartbeat intervals); dropping the connection",
        silence().toMillis(), MISSED_HEARTBEATS);
    try {
      stream.close(); // the reader's blocked read then fails, and it reconnects
    } catch (IOException e) {
      log.debug("Closing a silent subscription stream failed", e);
    }
    stop();
  }

  @Override
  public void close() {
    stop();
    timer.shutdownNow();
  }
}
