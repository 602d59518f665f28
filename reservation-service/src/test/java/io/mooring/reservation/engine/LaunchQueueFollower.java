package io.mooring.reservation.engine;

import io.grpc.stub.StreamObserver;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.RunSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The launch queue as a subscriber rebuilds it from the stream, checking the stream's promises on the way (a request
 * carries no spec and names one sent before; a reset comes first), and every message received: for tests and
 * benchmarks.
 */
public final class LaunchQueueFollower implements StreamObserver<LaunchQueueUpdate> {
  private final Map<String, RunSpec> specs = new HashMap<>();
  private final Map<String, LaunchRequest> queue = new HashMap<>();
  private final List<LaunchQueueUpdate> received = new ArrayList<>();
  private boolean complete;
  private Throwable failure;

  @Override
  public synchronized void onNext(LaunchQueueUpdate update) {
    try {
      apply(update);
    } catch (AssertionError e) {
      failure = e;
    }
    received.add(update);
    notifyAll();
  }

  private void apply(LaunchQueueUpdate update) {
    if (received.isEmpty() != update.getReset()) {
      throw new AssertionError("a reset must come first and only first: " + update.getRevision());
    }
    update.getSpecsList().forEach(spec -> specs.put(spec.getKey(), spec.getSpec()));
    for (LaunchRequest request : update.getRequestsList()) {
      RunSpec spec = specs.get(request.getSpecKey());
      if (request.hasSpec() || spec == null) {
        throw new AssertionError("request of " + request.getInstance().getInstanceId() + " carries its spec or "
            + "names one never sent: " + request.getSpecKey());
      }
      queue.put(request.getInstance().getInstanceId(), request.toBuilder().setSpec(spec).clearSpecKey().build());
    }
    update.getRemovedInstanceIdsList().forEach(queue::remove);
    update.getRemovedSpecKeysList().forEach(specs::remove);
    complete = update.getComplete();
  }

  @Override
  public synchronized void onError(Throwable error) {
    failure = error;
    notifyAll();
  }

  @Override
  public void onCompleted() {}

  /**
   * The queue as published (requests with their spec), by instance id, once a message marked complete left it as
   * {@code done} wants it.
   */
  public synchronized Map<String, LaunchRequest> await(Predicate<Map<String, LaunchRequest>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (failure == null && !(complete && done.test(queue))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("launch queue not as expected after " + timeout + ": " + queue.size()
            + " requests after " + received.size() + " messages");
      }
      wait(Math.max(1, left / 1_000_000));
    }
    if (failure != null) {
      throw new AssertionError("the launch queue stream failed", failure);
    }
    return Map.copyOf(queue);
  }

  /** A queue as {@link #await} answers it. */
  public static Map<String, LaunchRequest> byInstanceId(List<LaunchRequest> queue) {
    return queue.stream().collect(Collectors.toMap(r -> r.getInstance().getInstanceId(), r -> r));
  }

  /** Every message received so far. */
  public synchronized List<LaunchQueueUpdate> received() {
    return List.copyOf(received);
  }

  /** The run spec versions the subscriber holds, by key. */
  public synchronized Map<String, RunSpec> specs() {
    return Map.copyOf(specs);
  }
}
