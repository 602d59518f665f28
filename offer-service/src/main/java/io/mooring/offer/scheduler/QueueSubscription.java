package io.mooring.offer.scheduler;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.mooring.runtime.retry.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one of reservation-service's queue streams open for the length of a leadership term: a stream begins with
 * the whole queue (a reset), so after a broken stream a new subscription is all it takes. An update that cannot be
 * applied breaks the stream too.
 */
final class QueueSubscription<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueSubscription.class);
  /** A new stream starts with the whole queue: nothing is lost while waiting. */
  private static final RetryPolicy RESUBSCRIBE = RetryPolicy.fixed(Duration.ofSeconds(1));
  private final String name;
  private final BiConsumer<Context.CancellableContext, StreamObserver<T>> open;
  private final Consumer<T> onUpdate;
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "queue-subscription");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Context.CancellableContext current;
  private volatile boolean closed;

  QueueSubscription(String name, BiConsumer<Context.CancellableContext, StreamObserver<T>> open,
      Consumer<T> onUpdate) {
    this.name = name;
    this.open = open;
    this.onUpdate = onUpdate;
  }

  void start() {
    if (closed) {
      return;
    }
    Context.CancellableContext context = Context.current().withCancellation();
    current = context;
    open.accept(context, new StreamObserver<>() {
      @Override
      public void onNext(T update) {
        try {
          onUpdate.accept(update);
        } catch (RuntimeException e) {
          if (!closed) {
            LOG.warn("{} update from reservation-service not applied ({})", name, e.getMessage());
            context.cancel(e);
          }
        }
      }

      @Override
      public void onError(Throwable error) {
        if (!closed) {
          LOG.warn("{} stream from reservation-service broke ({}); subscribing again", name, error.getMessage());
          retries.schedule(QueueSubscription.this::start, RESUBSCRIBE.delay(1).toMillis(),
              TimeUnit.MILLISECONDS);
        }
      }

      @Override
      public void onCompleted() {
        onError(new IllegalStateException("stream ended"));
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    if (current != null) {
      current.cancel(null);
    }
    retries.shutdownNow();
  }
}
