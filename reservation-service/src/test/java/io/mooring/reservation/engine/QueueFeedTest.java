package io.mooring.reservation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import io.mooring.testkit.RecordingCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscriber whose transport has no room costs a bounded buffer, and catches up with the whole queue. */
class QueueFeedTest {
  private static final long BACKLOG = 200;
  private final QueueFeed<KillRequest, KillQueueUpdate> feed = new QueueFeed<>(new KillQueueMessages(), BACKLOG);

  private static KillRequest kill(int i) {
    return KillRequest.newBuilder().setInstanceId("db.instance-" + i).setTaskId("db.instance-" + i + "._app.1")
        .setAgentId("agent-1").build();
  }

  @Test
  void aSlowSubscriberGetsNothingPastItsBacklogThenTheWholeQueueOnceItHasRoom() {
    RecordingCall<KillQueueUpdate> slow = new RecordingCall<>();
    feed.subscribe(slow);
    slow.take();
    slow.ready(false);
    List<KillRequest> queue = new ArrayList<>();
    long sentBytes = 0;
    for (int i = 0; i < 20; i++) {
      queue.add(kill(i));
      feed.publish(List.copyOf(queue));
      sentBytes += slow.take().stream().mapToLong(KillQueueUpdate::getSerializedSize).sum();
    }
    assertTrue(sentBytes <= BACKLOG, sentBytes + " bytes buffered for a subscriber without room");

    slow.ready(true);
    List<KillQueueUpdate> caughtUp = slow.take();
    assertTrue(caughtUp.get(0).getReset(), "the whole queue again");
    assertEquals(queue, caughtUp.stream().flatMap(u -> u.getRequestsList().stream()).toList());

    queue.add(kill(20));
    feed.publish(List.copyOf(queue));
    assertEquals(List.of(kill(20)), slow.take().get(0).getRequestsList(), "changes again once it keeps up");
  }

  @Test
  void aSubscriberWithRoomGetsEveryChange() {
    RecordingCall<KillQueueUpdate> fast = new RecordingCall<>();
    feed.subscribe(fast);
    fast.take();
    List<KillRequest> queue = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      queue.add(kill(i));
      feed.publish(List.copyOf(queue));
      assertEquals(List.of(kill(i)), fast.take().get(0).getRequestsList());
    }
  }
}
