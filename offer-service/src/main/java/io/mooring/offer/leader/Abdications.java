package io.mooring.offer.leader;

import com.google.protobuf.Int64Value;
import io.etcd.jetcd.watch.WatchEvent;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Versioned;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to abdicate, passed through etcd: the gateway reaches any offer-service process, but only the leader can
 * end its term in order. A request is the leader's fence under one key, which the leader watches for its own fence.
 * Fences only grow, so a request left for an earlier leader means nothing to a later one, and one key is all it takes.
 */
@Singleton
public class Abdications implements AutoCloseable {
  static final String KEY = "/mooring/v1/framework/abdication";
  private static final Logger LOG = LoggerFactory.getLogger(Abdications.class);
  private static final Duration WATCH_AGAIN_AFTER = Duration.ofSeconds(1);
  private final EtcdStore etcd;
  /** Starts watches again after a failure, off jetcd's threads. */
  private final ScheduledExecutorService rewatch = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "abdication-watch");
    thread.setDaemon(true);
    return thread;
  });

  public Abdications(EtcdStore etcd) {
    this.etcd = etcd;
  }

  /** Asks the leader holding {@code fence} to abdicate. */
  public void request(long fence) {
    etcd.put(KEY, Int64Value.of(fence));
  }

  /**
   * Runs {@code onRequest} (on an etcd thread, so it must not block) when a request for {@code fence} is stored,
   * including one stored before this call; it may run more than once. A failed watch is started again until closed.
   */
  public AutoCloseable watch(long fence, Runnable onRequest) {
    Watch watch = new Watch(fence, onRequest);
    watch.start();
    return watch;
  }

  @PreDestroy
  @Override
  public void close() {
    rewatch.shutdownNow();
  }

  private final class Watch implements AutoCloseable {
    private final long fence;
    private final Runnable onRequest;
    private AutoCloseable current;
    private boolean closed;

    Watch(long fence, Runnable onRequest) {
      this.fence = fence;
      this.onRequest = onRequest;
    }

    /** Reads the key, then watches it from the revision after the read: no request falls between the two. */
    void start() {
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      try {
        EtcdStore.Listing<Int64Value> read = etcd.list(KEY, Int64Value.parser());
        if (read.values().stream().map(Versioned::value).anyMatch(value -> value.getValue() == fence)) {
          onRequest.run();
        }
        AutoCloseable started = etcd.watch(KEY, read.revision() + 1, this::changed, this::ended);
        boolean closedMeanwhile;
        synchronized (this) {
          current = started;
          closedMeanwhile = closed;
        }
        if (closedMeanwhile) {
          close(started);
        }
      } catch (RuntimeException e) {
        ended(e);
      }
    }

    private void changed(WatchEvent event) {
      if (event.getEventType() == WatchEvent.EventType.PUT
          && EtcdStore.parse(event.getKeyValue().getValue(), Int64Value.parser()).getValue() == fence) {
        onRequest.run();
      }
    }

    private void ended(Throwable error) {
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      LOG.warn("the watch for requests to abdicate ended ({}); watching again in {}", error.getMessage(),
          WATCH_AGAIN_AFTER);
      try {
        rewatch.schedule(this::start, WATCH_AGAIN_AFTER.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException shuttingDown) {
        // the service stops: so does the term
      }
    }

    /** Closes the etcd watch outside this object's lock: jetcd calls back holding a lock that closing takes too. */
    @Override
    public void close() {
      AutoCloseable started;
      synchronized (this) {
        closed = true;
        started = current;
      }
      close(started);
    }

    private void close(AutoCloseable watch) {
      if (watch == null) {
        return;
      }
      try {
        watch.close();
      } catch (Exception ignored) {
        // the watch is gone either way
      }
    }
  }
}
