package io.mooring.gateway.events;

import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE client's stream: the events it asked for, queued until its connection takes them. The queue is bounded in
 * events and bytes; a client that lets it fill is dropped (its stream completes, as Marathon drops a slow
 * consumer), so it can neither stall the others nor make the gateway hold an unbounded backlog. A client that
 * reconnects gets the events from then on.
 */
final class EventStream implements Publisher<SseFrame>, Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  private final Set<String> types;
  private final int maxEvents;
  private final long maxBytes;
  private final Consumer<EventStream> onEnd;
  private final ConcurrentLinkedQueue<SseFrame> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedEvents = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger draining = new AtomicInteger();
  private volatile Subscriber<? super SseFrame> subscriber;
  private volatile boolean overflowed;
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * @param types the event types the client asked for; empty: all
   * @param onEnd called once when the stream ends (the client left, or was dropped)
   */
  EventStream(Set<String> types, int maxEvents, long maxBytes, Consumer<EventStream> onEnd) {
    this.types = types;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.onEnd = onEnd;
  }

  boolean wants(MarathonEvent event) {
    return types.isEmpty() || types.contains(event.type());
  }

  /** Queues an event if the client wants it. Never blocks. */
  void offer(MarathonEvent event) {
    if (wants(event)) {
      offer(event.frame());
    }
  }

  /** A heartbeat keeps an idle connection from looking dead to the client and to proxies; not needed while busy. */
  void heartbeat() {
    if (queue.isEmpty()) {
      offer(SseFrame.HEARTBEAT);
    }
  }

  private void offer(SseFrame frame) {
    if (ended.get() || overflowed) {
      return;
    }
    if (queuedEvents.incrementAndGet() > maxEvents | queuedBytes.addAndGet(frame.bytes().length) > maxBytes) {
      LOG.info("dropped an event stream client: more than {} events or {} bytes were waiting for it", maxEvents,
          maxBytes);
      overflowed = true;  // what is queued is discarded, not sent
    } else {
      queue.add(frame);
    }
    drain();
  }

  @Override
  public void subscribe(Subscriber<? super SseFrame> s) {
    if (subscriber != null) {
      s.onSubscribe(this);
      s.onError(new IllegalStateException("an event stream has one subscriber"));
      return;
    }
    subscriber = s;
    s.onSubscribe(this);
    drain();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      overflowed = true;  // a broken subscriber: end it
    } else {
      demand.accumulateAndGet(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
    }
    drain();
  }

  @Override
  public void cancel() {
    end();
    queue.clear();
  }

  /** Delivers what is queued while there is demand; one thread at a time, the others leave their work to it. */
  private void drain() {
    if (draining.getAndIncrement() != 0) {
      return;
    }
    do {
      Subscriber<? super SseFrame> s = subscriber;
      if (s != null && !ended.get()) {
        if (overflowed) {
          queue.clear();
          end();
          s.onComplete();
        } else {
          while (demand.get() > 0 && !ended.get()) {
            SseFrame frame = queue.poll();
            if (frame == null) {
              break;
            }
            queuedEvents.decrementAndGet();
            queuedBytes.addAndGet(-frame.bytes().length);
            demand.decrementAndGet();
            s.onNext(frame);
          }
        }
      }
    } while (draining.decrementAndGet() != 0);
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      onEnd.accept(this);
    }
  }
}
