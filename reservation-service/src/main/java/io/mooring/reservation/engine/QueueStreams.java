package io.mooring.reservation.engine;

import io.grpc.stub.StreamObserver;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The launch and kill queues as streams of changes in bounded messages: a subscriber gets the whole queue at once
 * and every change after it, so a reconnecting offer-service never needs a replay, and no message grows with the
 * queue.
 */
@Singleton
public class QueueStreams {
  private final QueueFeed<LaunchRequest, LaunchQueueUpdate> launches = new QueueFeed<>(new LaunchQueueMessages());
  private final QueueFeed<KillRequest, KillQueueUpdate> kills = new QueueFeed<>(new KillQueueMessages());

  public void subscribeLaunches(StreamObserver<LaunchQueueUpdate> observer) {
    launches.subscribe(observer);
  }

  public void subscribeKills(StreamObserver<KillQueueUpdate> observer) {
    kills.subscribe(observer);
  }

  /** Called by the reconciler thread only: publishes what changed in either queue. */
  void publish(List<LaunchRequest> launchQueue, List<KillRequest> killQueue) {
    launches.publish(launchQueue);
    kills.publish(killQueue);
  }

  /** Ends the open streams as shutdown begins, so that the stopping server need not wait for subscribers to hang up. */
  @EventListener
  void onShutdown(ShutdownEvent event) {
    launches.close();
    kills.close();
  }
}
