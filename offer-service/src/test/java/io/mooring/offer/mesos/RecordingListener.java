package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Records every callback in order, with the threads they came on, for tests to wait on. */
final class RecordingListener implements SchedulerListener {
  static final Duration WAIT = Duration.ofSeconds(10);

  record Subscribed(String frameworkId, Duration heartbeat) {}

  record Offers(List<Offer> offers) {}

  record Rescinded(OfferID offerId) {}

  record Update(TaskStatus status) {}

  record OperationUpdate(OperationStatus status) {}

  record Disconnected(String reason) {}

  record Error(String message) {}

  private final BlockingQueue<Object> callbacks = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  /** Runs on the dispatcher thread before an update is recorded, e.g. to acknowledge from inside the callback. */
  volatile Consumer<TaskStatus> onUpdate = status -> { };

  @Override
  public void subscribed(String frameworkId, Duration heartbeatInterval) {
    record(new Subscribed(frameworkId, heartbeatInterval));
  }

  @Override
  public void offers(List<Offer> offers) {
    record(new Offers(offers));
  }

  @Override
  public void rescinded(OfferID offerId) {
    record(new Rescinded(offerId));
  }

  @Override
  public void update(TaskStatus status) {
    onUpdate.accept(status);
    record(new Update(status));
  }

  @Override
  public void operationUpdate(OperationStatus status) {
    record(new OperationUpdate(status));
  }

  @Override
  public void disconnected(String reason) {
    record(new Disconnected(reason));
  }

  @Override
  public void error(String message) {
    record(new Error(message));
  }

  private void record(Object callback) {
    threads.add(Thread.currentThread().getName());
    callbacks.add(callback);
  }

  /** The next callback of this type that matches; earlier ones of any type are consumed. */
  <T> T await(Class<T> type, Predicate<T> matching) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Object next = callbacks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) fail("no matching " + type.getSimpleName() + " within " + WAIT + "; seen " + seen);
      seen.add(next.getClass().getSimpleName());
      if (type.isInstance(next) && matching.test(type.cast(next))) return type.cast(next);
    }
  }

  <T> T await(Class<T> type) throws InterruptedException {
    return await(type, any -> true);
  }

  /** Fails if a callback of this type arrives within the time; others are consumed. */
  void expectNone(Class<?> type, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      Object next = callbacks.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) return;
      seen.add(next.getClass().getSimpleName());
      if (type.isInstance(next)) fail("unexpected " + next);
    }
  }
}
