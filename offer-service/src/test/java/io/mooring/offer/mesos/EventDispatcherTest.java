package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
  private static Event update(int i) {
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(
        TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t" + i)).setState(TaskState.TASK_RUNNING)))
        .build();
  }

  /** Statuses that pile up while the listener is busy reach it together, in stream order, at most a batch each. */
  @Test
  void statusesQueuedBehindASlowListenerArriveInBatchesInOrder() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(1);
    List<List<String>> batches = new ArrayList<>();
    int count = EventDispatcher.MAX_STATUS_BATCH + 101;
    SchedulerListener listener = new SchedulerListener() {
      @Override public void subscribed(String frameworkId, Duration heartbeatInterval) {}
      @Override public void offers(List<org.apache.mesos.v1.Protos.Offer> offers) {}
      @Override public void rescinded(OfferID offerId) {}
      @Override public void update(TaskStatus status) {}
      @Override public void operationUpdate(OperationStatus status) {}
      @Override public void disconnected(String reason) {}
      @Override public void error(String message) {}

      @Override
      public void statuses(List<Event> events) {
        await(busy);
        batches.add(events.stream().map(e -> e.getUpdate().getStatus().getTaskId().getValue()).toList());
        if (batches.stream().mapToInt(List::size).sum() == count) {
          all.countDown();
        }
      }
    };
    try (EventDispatcher dispatcher = new EventDispatcher(listener)) {
      for (int i = 0; i < count; i++) {
        dispatcher.event(update(i));
      }
      busy.countDown();
      assertTrue(all.await(10, TimeUnit.SECONDS));
    }

    List<String> order = batches.stream().flatMap(List::stream).toList();
    assertEquals(java.util.stream.IntStream.range(0, count).mapToObj(i -> "t" + i).toList(), order);
    assertTrue(batches.size() <= 3, "batched: " + batches.stream().map(List::size).toList());
    assertTrue(batches.stream().allMatch(b -> b.size() <= EventDispatcher.MAX_STATUS_BATCH));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
