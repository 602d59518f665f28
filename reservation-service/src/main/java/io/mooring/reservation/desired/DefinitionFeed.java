package io.mooring.reservation.desired;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.WatchRequest;
import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import io.mooring.proto.v1.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows definition-service's watch: a snapshot, then every change, resumed from the last revision after a
 * disconnect (from a fresh snapshot when etcd compacted it away). Each change wakes the reconciler.
 */
@Requires(env = "reservation-service")
@Context
public class DefinitionFeed {
  private static final Logger LOG = LoggerFactory.getLogger(DefinitionFeed.class);
  private static final RetryPolicy RESUME = RetryPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(5));
  private final DefinitionServiceGrpc.DefinitionServiceBlockingStub stub;
  private final DesiredState desired;
  private final Runnable onChange;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private long revision;
  private volatile io.grpc.Context.CancellableContext call;

  public DefinitionFeed(@GrpcChannel("definition") ManagedChannel channel, DesiredState desired,
      ChangeListener listener) {
    this.stub = DefinitionServiceGrpc.newBlockingStub(channel);
    this.desired = desired;
    this.onChange = listener::definitionsChanged;
    this.thread = new Thread(this::run, "definition-feed");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whoever converges instances toward the desired state. */
  public interface ChangeListener {
    void definitionsChanged();
  }

  private void run() {
    Waits retries = RESUME.waits();
    while (running.get()) {
      long before = revision;
      try {
        follow();
      } catch (StatusRuntimeException e) {
        if (!running.get()) {
          return;
        }
        if (e.getStatus().getCode() == Status.Code.OUT_OF_RANGE) {
          LOG.warn("definition watch at revision {} was compacted; taking a new snapshot", revision);
          revision = 0;
        } else {
          LOG.warn("definition watch interrupted ({}); resuming from revision {}", e.getStatus().getCode(), revision);
        }
      } catch (RuntimeException e) {
        // A bug must not silently end the feed: log it and start over from a snapshot.
        LOG.error("definition watch failed; taking a new snapshot", e);
        revision = 0;
      }
      if (revision != before) {
        retries.reset();  // progress made: resume promptly
      }
      retries.sleep();
    }
  }

  private void follow() {
    io.grpc.Context.CancellableContext context = io.grpc.Context.current().withCancellation();
    call = context;
    try {
      context.run(this::followInContext);
    } finally {
      context.cancel(null);
    }
  }

  private void followInContext() {
    Iterator<DefinitionEvent> events = stub.watch(WatchRequest.newBuilder().setFromRevision(revision)
        .setWithDeployments(true).build());
    Map<String, RunSpec> snapshot = revision == 0 ? new HashMap<>() : null;
    List<Deployment> running = new ArrayList<>();
    while (events.hasNext()) {
      DefinitionEvent event = events.next();
      switch (event.getType()) {
        case SNAPSHOT -> {
          if (snapshot == null) {
            throw new IllegalStateException("a snapshot event after the snapshot was complete");
          }
          snapshot.put(event.getId(), event.getSpec());
        }
        case SNAPSHOT_COMPLETE -> {
          desired.replaceAll(snapshot, running);
          LOG.info("desired state loaded: {} run specs at revision {}", snapshot.size(), event.getRevision());
          snapshot = null;
        }
        case UPSERTED -> desired.put(event.getId(), event.getSpec());
        case DELETED -> desired.remove(event.getId());
        case DEPLOYMENT -> {
          if (snapshot != null) {
            running.add(event.getDeployment());
            continue;
          }
          desired.deployment(event.getDeployment());
        }
        default -> {
          continue;
        }
      }
      if (event.getType() != DefinitionEvent.Type.SNAPSHOT) {
        revision = event.getRevision();
        onChange.run();
      }
    }
  }

  @PreDestroy
  void stop() {
    running.set(false);
    io.grpc.Context.CancellableContext current = call;
    if (current != null) {
      current.cancel(null);  // ends the watch at once instead of leaving definition-service waiting on it
    }
  }
}
