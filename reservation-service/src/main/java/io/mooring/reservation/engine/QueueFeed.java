package io.mooring.reservation.engine;

import com.google.protobuf.MessageLite;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One queue streamed as changes by key: a subscriber gets the whole queue, then every change published after it.
 * Subscribing and publishing hold the feed's lock, so a subscriber never misses the change between the two. A
 * subscriber that does not keep up costs a bounded buffer: past {@code maxBacklogBytes} sent while its transport
 * has no room, it gets nothing more until it has room again, and then the whole queue once more (a reset).
 */
final class QueueFeed<R extends MessageLite, M extends MessageLite> {
  private static final long MAX_BACKLOG_BYTES = 8L << 20;
  /** How a queue's requests are keyed and written into messages. */
  interface Messages<R, M> {
    String key(R request);

    /** The whole queue: the first message marked as a reset, the last as complete. */
    List<M> snapshot(long revision, Collection<R> queue);

    /** What changed since the queue published before {@code queue}: the last message marked as complete. */
    List<M> changes(long revision, List<R> changed, List<String> removed, Collection<R> queue);
  }

  private final Messages<R, M> messages;
  private final long maxBacklogBytes;
  private final List<Subscriber<M>> subscribers = new CopyOnWriteArrayList<>();
  /** The queue last published, by key, in its order. */
  private Map<String, R> published = new LinkedHashMap<>();
  private long revision;

  QueueFeed(Messages<R, M> messages) {
    this(messages, MAX_BACKLOG_BYTES);
  }

  QueueFeed(Messages<R, M> messages, long maxBacklogBytes) {
    this.messages = messages;
    this.maxBacklogBytes = maxBacklogBytes;
  }

  synchronized void subscribe(StreamObserver<M> observer) {
    Subscriber<M> subscriber = new Subscriber<>((ServerCallStreamObserver<M>) observer);
    subscriber.call.setOnCancelHandler(() -> subscribers.remove(subscriber));
    subscriber.call.setOnReadyHandler(() -> caughtUp(subscriber));
    messages.snapshot(revision, published.values()).forEach(subscriber.call::onNext);
    subscribers.add(subscriber);
  }

  /** Room again: a subscriber that missed changes gets the whole queue, as when it subscribed. */
  private synchronized void caughtUp(Subscriber<M> subscriber) {
    subscriber.backlogBytes = 0;
    if (subscriber.behind && !subscriber.call.isCancelled()) {
      subscriber.behind = false;
      messages.snapshot(revision, published.values()).forEach(subscriber.call::onNext);
    }
  }

  /** Sends what changed since the last queue published, if anything did; cheap when nothing did. */
  synchronized void publish(List<R> queue) {
    List<R> changed = new ArrayList<>();
    for (R request : queue) {
      if (!request.equals(published.get(messages.key(request)))) {
        changed.add(request);
      }
    }
    if (changed.isEmpty() && queue.size() == published.size()) {
      return;  // every key is still there, unchanged, and keys are unique: nothing was removed either
    }
    Map<String, R> next = new LinkedHashMap<>();
    queue.forEach(request -> next.put(messages.key(request), request));
    List<String> removed = published.keySet().stream().filter(key -> !next.containsKey(key)).toList();
    published = next;
    List<M> update = messages.changes(++revision, changed, removed, queue);
    long bytes = update.stream().mapToLong(MessageLite::getSerializedSize).sum();
    for (Subscriber<M> subscriber : subscribers) {
      if (subscriber.call.isCancelled()) {
        subscribers.remove(subscriber);
      } else if (!subscriber.behind) {
        subscriber.send(update, bytes, maxBacklogBytes);
      }
    }
  }

  /** Ends the open streams, so that a stopping server need not wait for subscribers to hang up. */
  synchronized void close() {
    subscribers.forEach(subscriber -> {
      if (!subscriber.call.isCancelled()) {
        subscriber.call.onCompleted();
      }
    });
    subscribers.clear();
  }

  /** A subscriber's call, and what was sent to it since its transport last had room. */
  private static final class Subscriber<M> {
    final ServerCallStreamObserver<M> call;
    long backlogBytes;
    boolean behind;

    Subscriber(ServerCallStreamObserver<M> call) {
      this.call = call;
    }

    void send(List<M> update, long bytes, long maxBacklogBytes) {
      if (call.isReady()) {
        backlogBytes = 0;
      } else if (backlogBytes + bytes > maxBacklogBytes) {
        behind = true;  // nothing more until it has room: then the whole queue
        return;
      }
      backlogBytes += bytes;
      update.forEach(call::onNext);
    }
  }
}
