package io.mooring.definition;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;

/**
 * Streams run spec changes: a snapshot of every current spec followed by the changes after it, or the changes after
 * a given revision. A watcher resumes with the revision of the last event it processed: no gap, no repeat.
 */
@Singleton
public class DefinitionWatch {
  private final DefinitionStore store;

  public DefinitionWatch(DefinitionStore store) {
    this.store = store;
  }

  public void stream(long fromRevision, StreamObserver<DefinitionEvent> observer) {
    ServerCallStreamObserver<DefinitionEvent> call = (ServerCallStreamObserver<DefinitionEvent>) observer;
    long after = fromRevision;
    if (fromRevision == 0) {
      EtcdStore.Listing<StoredRunSpec> snapshot = store.all();
      for (Versioned<StoredRunSpec> stored : snapshot.values()) {
        call.onNext(event(DefinitionEvent.Type.SNAPSHOT, stored.modRevision(), stored.value()));
      }
      call.onNext(DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.SNAPSHOT_COMPLETE)
          .setRevision(snapshot.revision()).build());
      after = snapshot.revision();
    }
    AutoCloseable watch = store.etcd().watch(DefinitionStore.RUNSPECS + "/", after + 1, event -> send(call, event),
        error -> fail(call, error));
    call.setOnCancelHandler(() -> close(watch));
  }

  private static void send(ServerCallStreamObserver<DefinitionEvent> call, WatchEvent event) {
    boolean deleted = event.getEventType() == WatchEvent.EventType.DELETE;
    KeyValue kv = deleted ? event.getPrevKV() : event.getKeyValue();
    StoredRunSpec stored = EtcdStore.parse(kv.getValue(), StoredRunSpec.parser());
    DefinitionEvent.Type type = deleted ? DefinitionEvent.Type.DELETED : DefinitionEvent.Type.UPSERTED;
    DefinitionEvent change = event(type, event.getKeyValue().getModRevision(), stored);
    synchronized (call) {
      if (!call.isCancelled()) {
        call.onNext(deleted ? change.toBuilder().clearDeploymentId().build() : change);
      }
    }
  }

  /**
   * The etcd watch ended. A compacted revision cannot be resumed: OUT_OF_RANGE tells the watcher to start again
   * with a snapshot. Otherwise (etcd unreachable, this service stopping) UNAVAILABLE: the watcher resumes.
   */
  private static void fail(ServerCallStreamObserver<DefinitionEvent> call, Throwable error) {
    Status status = error instanceof CompactedException
        ? Status.OUT_OF_RANGE.withDescription("revision compacted; watch again from revision 0")
        : Status.UNAVAILABLE.withDescription("watch failed: " + error.getMessage());
    synchronized (call) {
      if (!call.isCancelled()) {
        call.onError(status.asRuntimeException());
      }
    }
  }

  private static void close(AutoCloseable watch) {
    try {
      watch.close();
    } catch (Exception ignored) {
      // the stream is gone either way
    }
  }

  private static DefinitionEvent event(DefinitionEvent.Type type, long revision, StoredRunSpec stored) {
    return DefinitionEvent.newBuilder().setType(type).setRevision(revision).setKind(RunSpecs.kind(stored.getSpec()))
        .setId(RunSpecs.id(stored.getSpec())).setSpec(stored.getSpec()).setDeploymentId(stored.getDeploymentId())
        .build();
  }
}
