package io.mooring.reservation.engine;

import static io.mooring.reservation.engine.LaunchQueueFollower.byInstanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launch queue stream at the size that once broke it: 10,000 queued instances of realistic apps with two
 * persistent volumes each, over a real gRPC server and a client with gRPC's default 4 MiB inbound limit.
 */
class LaunchQueueAtScaleTest {
  private static final int MAX_INBOUND = 4 * 1024 * 1024;  // gRPC's default, which the client keeps
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private final QueueStreams streams = new QueueStreams();
  private QueueStreamsServer server;

  @BeforeEach
  void start() throws Exception {
    server = new QueueStreamsServer(streams);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void tenThousandQueuedInstancesReachASubscriberAndALaterChangeComesAsASmallDelta() throws Exception {
    List<LaunchRequest> queue = QueuedInstances.launchQueue(10, 1_000);
    assertTrue(LaunchQueueUpdate.newBuilder().addAllRequests(queue).build().getSerializedSize() > MAX_INBOUND,
        "the queue as one message would exceed the client's limit");
    streams.publish(queue, List.of());

    LaunchQueueFollower follower = new LaunchQueueFollower();
    server.subscribe(follower);

    Map<String, LaunchRequest> received = follower.await(q -> q.size() == 10_000, PATIENCE);
    assertEquals(byInstanceId(queue), received);
    assertEquals(10, follower.specs().size(), "each run spec version sent once");
    for (LaunchQueueUpdate message : follower.received()) {
      assertTrue(message.getRequestsCount() <= MessageChunks.MAX_ENTRIES);
      assertTrue(message.getSerializedSize() < MAX_INBOUND / 2, message.getSerializedSize() + " bytes");
    }

    // One instance claimed (gone from the queue), another back from a failure (changed): one small message.
    List<LaunchRequest> next = new ArrayList<>(queue.subList(1, queue.size()));
    LaunchRequest failed = next.get(4_321);
    next.set(4_321, failed.toBuilder().setInstance(failed.getInstance().toBuilder().setIncarnation(1)
        .setFailures(1)).build());
    int before = follower.received().size();
    streams.publish(next, List.of());

    Map<String, LaunchRequest> expected = byInstanceId(next);
    follower.await(expected::equals, PATIENCE);
    List<LaunchQueueUpdate> change = follower.received().subList(before, follower.received().size());
    assertEquals(1, change.size());
    assertEquals(List.of(queue.get(0).getInstance().getInstanceId()), change.get(0).getRemovedInstanceIdsList());
    assertEquals(1, change.get(0).getRequestsCount());
    assertEquals(0, change.get(0).getSpecsCount());
    assertTrue(change.get(0).getSerializedSize() < 1_024, change.get(0).getSerializedSize() + " bytes");
  }
}
