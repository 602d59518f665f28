package io.mooring.reservation.engine;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The launch and kill queues as snapshots: a subscriber gets the current one at once and every change after it, so
 * a reconnecting offer-service never needs a replay.
 */
@Singleton
public class QueueStreams {
  private final Feed<LaunchQueueUpdate> launches = new Feed<>(LaunchQueueUpdate.getDefaultInstance());
  private final Feed<KillQueueUpdate> kills = new Feed<>(KillQueueUpdate.getDefaultInstance());
  private List<LaunchRequest> lastLaunches = List.of();
  private List<KillRequest> lastKills = List.of();
  private long revision;

  public void subscribeLaunches(StreamObserver<LaunchQueueUpdate> observer) {
    launches.subscribe(observer);
  }

  public void subscribeKills(StreamObserver<KillQueueUpdate> observer) {
    kills.subscribe(observer);
  }

  /** Called by the reconciler thread only: publishes whichever queue changed. */
  void publish(List<LaunchRequest> launchQueue, List<KillRequest> killQueue) {
    if (!launchQueue.equals(lastLaunches)) {
      lastLaunches = launchQueue;
      launches.publish(LaunchQueueUpdate.newBuilder().setRevision(++revision).addAllRequests(launchQueue).build());
    }
    if (!killQueue.equals(lastKills)) {
      lastKills = killQueue;
      kills.publish(KillQueueUpdate.newBuilder().setRevision(++revision).addAllRequests(killQueue).build());
    }
  }

  /** Ends the open streams as shutdown begins, so that the stopping server need not wait for subscribers to hang up. */
  @EventListener
  void onShutdown(ShutdownEvent event) {
    launches.close();
    kills.close();
  }

  private static final class Feed<T> {
    // Subscribing and publishing hold the feed's lock, so a subscriber never misses the update between the two.
    private final List<ServerCallStreamObserver<T>> observers = new CopyOnWriteArrayList<>();
    private T current;

    Feed(T initial) {
      this.current = initial;
    }

    synchronized void subscribe(StreamObserver<T> observer) {
      ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
      call.setOnCancelHandler(() -> observers.remove(call));
      call.onNext(current);
      observers.add(call);
    }

    synchronized void close() {
      observers.forEach(call -> {
        if (!call.isCancelled()) {
          call.onCompleted();
        }
      });
      observers.clear();
    }

    synchronized void publish(T update) {
      current = update;
      for (ServerCallStreamObserver<T> call : observers) {
        if (call.isCancelled()) {
          observers.remove(call);
        } else {
          call.onNext(update);
        }
      }
    }
  }
}
