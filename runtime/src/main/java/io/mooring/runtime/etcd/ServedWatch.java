package io.mooring.runtime.etcd;

import com.google.protobuf.MessageLite;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;

/**
 * An etcd watch served as a gRPC server stream, each change as at most one message, in revision order. The watcher
 * resumes from the revision of the last message it processed, so the stream can end whenever it must:
 * <ul>
 *   <li>RESOURCE_EXHAUSTED when the watcher's transport has had no room for more than {@code maxBacklogBytes}:
 *       a slow watcher never makes this service hold its backlog (etcd keeps the history);
 *   <li>OUT_OF_RANGE when etcd compacted the revision away: the watcher starts again from now or a snapshot;
 *   <li>UNAVAILABLE when the etcd watch failed.
 * </ul>
 * The etcd watch is closed outside this object's lock: jetcd calls back (events, its end) holding a lock of its own
 * that closing takes too, so closing while holding ours would deadlock with a callback waiting for ours.
 */
public final class ServedWatch<M extends MessageLite> {
  /** About 8 MiB of messages: seconds of changes at the busiest, far more than a watcher that keeps up lags. */
  public static final long MAX_BACKLOG_BYTES = 8L << 20;

  private final ServerCallStreamObserver<M> call;
  private final long maxBacklogBytes;
  private long backlogBytes;
  private boolean ended;
  private AutoCloseable watch;

  private ServedWatch(ServerCallStreamObserver<M> call, long maxBacklogBytes) {
    this.call = call;
    this.maxBacklogBytes = maxBacklogBytes;
    call.setOnReadyHandler(this::roomAgain);
    call.setOnCancelHandler(this::cancelled);
  }

  public static <M extends MessageLite> ServedWatch<M> on(StreamObserver<M> observer) {
    return on(observer, MAX_BACKLOG_BYTES);
  }

  public static <M extends MessageLite> ServedWatch<M> on(StreamObserver<M> observer, long maxBacklogBytes) {
    return new ServedWatch<>((ServerCallStreamObserver<M>) observer, maxBacklogBytes);
  }

  /** Sends a message of the stream's own (a snapshot, a first revision) before or between changes. */
  public synchronized void send(M message) {
    if (ended || call.isCancelled()) {
      return;
    }
    if (call.isReady()) {
      backlogBytes = 0;
    }
    backlogBytes += message.getSerializedSize();
    if (backlogBytes > maxBacklogBytes) {
      end(Status.RESOURCE_EXHAUSTED.withDescription("the watcher fell more than " + maxBacklogBytes
          + " bytes behind; resume from the last revision processed"));
      return;
    }
    call.onNext(message);
  }

  /** Watches {@code prefix} after {@code afterRevision}; each change becomes {@code toMessages}' messages, if any. */
  public void watch(EtcdStore etcd, String prefix, long afterRevision,
      Function<WatchEvent, List<M>> toMessages) {
    AutoCloseable started = etcd.watch(prefix, afterRevision + 1,
        event -> toMessages.apply(event).forEach(this::send), this::failed);
    boolean endedMeanwhile;
    synchronized (this) {
      watch = started;
      endedMeanwhile = ended;
    }
    if (endedMeanwhile) {
      close(started);
    }
  }

  private synchronized void roomAgain() {
    backlogBytes = 0;
  }

  private void failed(Throwable error) {
    end(error instanceof CompactedException
        ? Status.OUT_OF_RANGE.withDescription("revision compacted; watch again from revision 0")
        : Status.UNAVAILABLE.withDescription("watch failed: " + error.getMessage()));
  }

  private void end(Status status) {
    AutoCloseable started;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      started = watch;
      if (!call.isCancelled()) {
        call.onError(status.asRuntimeException());
      }
    }
    close(started);
  }

  private void cancelled() {
    AutoCloseable started;
    synchronized (this) {
      ended = true;
      started = watch;
    }
    close(started);
  }

  private static void close(AutoCloseable watch) {
    if (watch == null) {
      return;
    }
    try {
      watch.close();
    } catch (Exception ignored) {
      // the stream is gone either way
    }
  }
}
