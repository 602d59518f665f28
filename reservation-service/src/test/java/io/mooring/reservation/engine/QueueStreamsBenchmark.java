package io.mooring.reservation.engine;

import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.testkit.RecordingCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A harness that prints figures, not a test (surefire skips *Benchmark; ./mooring bench runs it): the launch queue
 * stream with N = 10,000 queued instances (10 realistic apps, two persistent volumes each). Printed: what a publish
 * costs the reconciler thread when nothing changed and when one instance changed; a subscription's first view of the
 * queue, encoded in-process and received over a real gRPC connection (messages, bytes, time); the bytes of a
 * one-instance change; and, for comparison, the queue as the one snapshot message it used to be.
 */
class QueueStreamsBenchmark {
  private static final int APPS = 10;
  private static final int PER_APP = Integer.getInteger("bench.instances", 10_000) / APPS;
  private static final int ROUNDS = 200;

  @Test
  void launchQueueStream() throws Exception {
    List<LaunchRequest> queue = QueuedInstances.launchQueue(APPS, PER_APP);
    List<LaunchRequest> changed = new ArrayList<>(queue);
    LaunchRequest one = changed.get(queue.size() / 2);
    changed.set(queue.size() / 2, one.toBuilder().setInstance(one.getInstance().toBuilder().setFailures(1)).build());
    System.out.printf("%n== launch queue stream: %d queued instances of %d apps ==%n", queue.size(), APPS);
    for (String round : List.of("cold", "warm")) {
      QueueStreams streams = new QueueStreams();
      streams.publish(queue, List.of());
      RecordingCall<LaunchQueueUpdate> subscriber = new RecordingCall<>();
      long t0 = System.nanoTime();
      streams.subscribeLaunches(subscriber);
      long encoded = System.nanoTime() - t0;
      List<LaunchQueueUpdate> first = subscriber.take();

      long unchanged = 0;
      long oneChange = 0;
      for (int r = 0; r < ROUNDS; r++) {
        long t1 = System.nanoTime();
        streams.publish(r % 2 == 0 ? queue : changed, List.of());  // the queue published last: unchanged
        long t2 = System.nanoTime();
        streams.publish(r % 2 == 0 ? changed : queue, List.of());
        long t3 = System.nanoTime();
        unchanged += t2 - t1;
        oneChange += t3 - t2;
      }
      List<LaunchQueueUpdate> delta = subscriber.take();

      LaunchQueueFollower follower = new LaunchQueueFollower();
      long t4 = System.nanoTime();
      try (QueueStreamsServer server = new QueueStreamsServer(streams)) {
        server.subscribe(follower);
        follower.await(q -> q.size() == queue.size(), Duration.ofMinutes(1));
      }
      long streamed = System.nanoTime() - t4;
      System.out.printf("%s: publish unchanged %.2f ms, one instance changed %.2f ms (%d B); subscribe: %d messages, "
          + "%.1f MiB, encoded in %.0f ms, received over gRPC in %.0f ms%n", round,
          unchanged / 1e6 / ROUNDS, oneChange / 1e6 / ROUNDS, delta.get(0).getSerializedSize(), first.size(),
          bytes(first) / 1048576.0, encoded / 1e6, streamed / 1e6);
    }
    System.out.printf("  the same queue as one snapshot message: %.1f MiB%n",
        LaunchQueueUpdate.newBuilder().addAllRequests(queue).build().getSerializedSize() / 1048576.0);
  }

  private static long bytes(List<LaunchQueueUpdate> messages) {
    return messages.stream().mapToLong(LaunchQueueUpdate::getSerializedSize).sum();
  }
}
