package io.mooring.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.micronaut.runtime.event.annotation.EventListener;
import io.mooring.gateway.api.EventViews;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.InstanceChange;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.WatchInstancesRequest;
import io.mooring.proto.v1.WatchRequest;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fans the services' change streams out to the SSE clients of {@code /v2/events}. The streams are followed only
 * while a client is attached; each change is rendered once, and each client takes it from its own bounded queue.
 */
@Singleton
public class EventBus {
  /** As Marathon: a bare CRLF every 10 s on every stream (marathon-lb reconnects after 300 s of silence). */
  private static final long HEARTBEAT_SECONDS = 10;

  private final Set<EventStream> streams = new CopyOnWriteArraySet<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "event-feeds");
    thread.setDaemon(true);
    return thread;
  });
  private final ResumingWatch<DefinitionEvent> definitions;
  private final ResumingWatch<InstanceChange> instances;
  private final int maxQueuedEvents;
  private final long maxQueuedBytes;
  private ScheduledFuture<?> heartbeats;

  public EventBus(@GrpcChannel("definition") ManagedChannel definitionChannel,
      @GrpcChannel("reservation") ManagedChannel reservationChannel,
      @Value("${mooring.gateway.events.max-queued-events:10000}") int maxQueuedEvents,
      @Value("${mooring.gateway.events.max-queued-bytes:16777216}") long maxQueuedBytes) {
    this.maxQueuedEvents = maxQueuedEvents;
    this.maxQueuedBytes = maxQueuedBytes;
    DefinitionServiceGrpc.DefinitionServiceStub definitionStub = DefinitionServiceGrpc.newStub(definitionChannel);
    ReservationServiceGrpc.ReservationServiceStub reservationStub = ReservationServiceGrpc.newStub(reservationChannel);
    this.definitions = new ResumingWatch<>("definition-service's change stream",
        (after, observer) -> definitionStub.watch(WatchRequest.newBuilder().setFromRevision(after)
            .setChangesOnly(true).setWithDeployments(true).build(), observer),
        DefinitionEvent::getRevision, event -> publish(EventViews.of(event, now())), scheduler);
    this.instances = new ResumingWatch<>("reservation-service's instance stream",
        (after, observer) -> reservationStub.watchInstances(WatchInstancesRequest.newBuilder()
            .setFromRevision(after).build(), observer),
        InstanceChange::getRevision, change -> publish(EventViews.of(change, now())), scheduler);
  }

  /**
   * A new client's stream of the event types asked for (none: all). As Marathon posts them on its event bus, the
   * client's {@code event_stream_attached} goes to every client of this gateway (the new one gets it first), and its
   * {@code event_stream_detached}, when it leaves or is dropped, to those still attached.
   */
  EventStream attach(Set<String> types, String remoteAddress) {
    EventStream stream = new EventStream(types, maxQueuedEvents, maxQueuedBytes,
        ended -> detach(ended, remoteAddress));
    stream.heartbeat();  // sends the response's headers at once, whatever the client's filter
    MarathonEvent attached = MarathonEvent.of(EventViews.attached(remoteAddress, now()));
    stream.offer(attached);
    synchronized (this) {
      if (streams.isEmpty()) {
        definitions.start();
        instances.start();
        heartbeats = scheduler.scheduleAtFixedRate(() -> streams.forEach(EventStream::heartbeat), HEARTBEAT_SECONDS,
            HEARTBEAT_SECONDS, TimeUnit.SECONDS);
      }
      streams.add(stream);
    }
    for (EventStream other : streams) {
      if (other != stream) {
        other.offer(attached);
      }
    }
    return stream;
  }

  public int clients() {
    return streams.size();
  }

  /** Sends events to every client that wants them; a client whose queue is full is dropped. */
  public void publish(List<ObjectNode> events) {
    for (ObjectNode json : events) {
      MarathonEvent event = MarathonEvent.of(json);
      streams.forEach(stream -> stream.offer(event));
    }
  }

  private static String now() {
    return Timestamps.format(Instant.now());
  }

  /** The others learn that a client is gone; the last one gone, the change streams are no longer followed. */
  private void detach(EventStream stream, String remoteAddress) {
    synchronized (this) {
      if (!streams.remove(stream)) {
        return;
      }
      if (streams.isEmpty()) {
        definitions.stop();
        instances.stop();
        heartbeats.cancel(false);
      }
    }
    // Outside the lock: offering may drop another client, whose own detachment comes through here in turn.
    publish(List.of(EventViews.detached(remoteAddress, now())));
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    synchronized (this) {
      definitions.stop();
      instances.stop();
    }
    scheduler.shutdownNow();  // heartbeats with it
  }
}
