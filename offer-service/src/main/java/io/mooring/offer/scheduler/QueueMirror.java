package io.mooring.offer.scheduler;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A queue as reservation-service streams it, by key and in a fixed order: a reset's messages are gathered aside and
 * replace the queue once complete, so that the queue is never seen half received; changes apply as they come.
 */
final class QueueMirror<R> {
  private final Function<R, String> key;
  private final Comparator<R> order;
  private Entries current;
  /** A reset being received: replaces {@link #current} once complete. */
  private Entries incoming;

  QueueMirror(Function<R, String> key, Comparator<R> order) {
    this.key = key;
    this.order = order;
    this.current = new Entries();
  }

  /** Applies one message; returns whether the queue now holds a key it did not hold before. */
  synchronized boolean apply(boolean reset, List<R> upserts, List<String> removed, boolean complete) {
    if (reset) {
      incoming = new Entries();
    }
    if (incoming == null) {
      boolean appeared = false;
      for (R request : upserts) {
        appeared |= current.put(request);
      }
      removed.forEach(current::remove);
      return appeared;
    }
    upserts.forEach(incoming::put);
    removed.forEach(incoming::remove);
    if (!complete) {
      return false;
    }
    boolean appeared = !current.byKey.keySet().containsAll(incoming.byKey.keySet());
    current = incoming;
    incoming = null;
    return appeared;
  }

  /** The request of {@code key} in the queue, or null. */
  synchronized R get(String key) {
    return current.byKey.get(key);
  }

  /** The queue, in order. */
  synchronized List<R> values() {
    return List.copyOf(current.ordered);
  }

  synchronized int size() {
    return current.byKey.size();
  }

  private final class Entries {
    final Map<String, R> byKey = new HashMap<>();
    final TreeSet<R> ordered = new TreeSet<>(order);

    /** Returns whether the key is new. */
    boolean put(R request) {
      R before = byKey.put(key.apply(request), request);
      if (before != null) {
        ordered.remove(before);
      }
      ordered.add(request);
      return before == null;
    }

    void remove(String key) {
      R before = byKey.remove(key);
      if (before != null) {
        ordered.remove(before);
      }
    }
  }
}
