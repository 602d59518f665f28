package io.mooring.gateway.events;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's change stream, followed for as long as it is open: when the stream breaks it is opened again from the
 * revision of the last message processed, so nothing is missed or repeated. Only a revision the service can no longer
 * resume from (OUT_OF_RANGE: etcd compacted it) starts again from now, and says what was lost.
 */
final class ResumingWatch<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ResumingWatch.class);
  private static final RetryPolicy REOPEN = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(5))
      .withJitter();

  private final String name;
  private final BiConsumer<Long, StreamObserver<T>> open;
  private final ToLongFunction<T> revisionOf;
  private final Consumer<T> onMessage;
  private final ScheduledExecutorService scheduler;
  private final Waits waits = REOPEN.waits();
  private long revision;
  private boolean stopped;
  private ClientCallStreamObserver<?> call;

  /**
   * @param open starts the stream after a revision (0: from now) with the observer given
   * @param onMessage called for each message, in order, one at a time
   */
  ResumingWatch(String name, BiConsumer<Long, StreamObserver<T>> open, ToLongFunction<T> revisionOf,
      Consumer<T> onMessage, ScheduledExecutorService scheduler) {
    this.name = name;
    this.open = open;
    this.revisionOf = revisionOf;
    this.onMessage = onMessage;
    this.scheduler = scheduler;
  }

  synchronized void start() {
    stopped = false;
    revision = 0;
    open();
  }

  synchronized void stop() {
    stopped = true;
    if (call != null) {
      call.cancel("no event stream client left", null);
      call = null;
    }
  }

  private synchronized void open() {
    if (!stopped) {
      open.accept(revision, new Observer());
    }
  }

  private synchronized void ended(Observer observer, Status status) {
    if (stopped || call != observer.call) {
      return;
    }
    call = null;
    if (status.getCode() == Status.Code.OUT_OF_RANGE) {
      LOG.warn("{}: events after revision {} are lost ({}); following changes from now", name, revision,
          status.getDescription());
      revision = 0;
    }
    Duration wait = waits.next();
    LOG.info("{} ended ({}); resuming after revision {} in {} ms", name, status.getCode(), revision,
        wait.toMillis());
    scheduler.schedule(this::open, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private final class Observer implements ClientResponseObserver<Object, T> {
    private ClientCallStreamObserver<?> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
      this.call = requestStream;
      synchronized (ResumingWatch.this) {
        ResumingWatch.this.call = requestStream;
      }
    }

    @Override
    public void onNext(T message) {
      synchronized (ResumingWatch.this) {
        if (stopped || ResumingWatch.this.call != call) {
          return;
        }
        revision = revisionOf.applyAsLong(message);
        waits.reset();
      }
      onMessage.accept(message);
    }

    @Override
    public void onError(Throwable error) {
      ended(this, Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      ended(this, Status.UNAVAILABLE.withDescription("the service ended the stream"));
    }
  }
}
