package io.mooring.reservation.engine;

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
 * Subscribing and publishing hold the feed's lock, so a subscriber never misses the change between the two.
 */
final class QueueFeed<R, M> {
  /** How a queue's requests are keyed and written into messages. */
  interface Messages<R, M> {
    String key(R request);

    /** The whole queue: the first message marked as a reset, the last as complete. */
    List<M> snapshot(long revision, Collection<R> queue);

    /** What changed since the queue published before {@code queue}: the last message marked as complete. */
    List<M> changes(long revision, List<R> changed, List<String> removed, Collection<R> queue);
  }

  private final Messages<R, M> messages;
  private final List<ServerCallStreamObserver<M>> observers = new CopyOnWriteArrayList<>();
  /** The queue last published, by key, in its order. */
  private Map<String, R> published = new LinkedHashMap<>();
  private long revision;

  QueueFeed(Messages<R, M> messages) {
    this.messages = messages;
  }

  synchronized void subscribe(StreamObserver<M> observer) {
    ServerCallStreamObserver<M> call = (ServerCallStreamObserver<M>) observer;
    call.setOnCancelHandler(() -> observers.remove(call));
    messages.snapshot(revision, published.values()).forEach(call::onNext);
    observers.add(call);
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
    for (ServerCallStreamObserver<M> call : observers) {
      if (call.isCancelled()) {
        observers.remove(call);
      } else {
        update.forEach(call::onNext);
      }
    }
  }

  /** Ends the open streams, so that a stopping server need not wait for subscribers to hang up. */
  synchronized void close() {
    observers.forEach(call -> {
      if (!call.isCancelled()) {
        call.onCompleted();
      }
    });
    observers.clear();
  }
}
