package io.mooring.definition;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.RunSpec;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;

/**
 * Streams run spec changes: a snapshot of every current spec followed by the changes after it, or the changes after
 * a given revision. Watchers resume with the revision of the last event they processed, so nothing is missed.
 */
@Singleton
public class DefinitionWatch {
  private final DefinitionStore store;

  public DefinitionWatch(DefinitionStore store) {
    this.store = store;
  }

  public void stream(long fromRevision, StreamObserver<DefinitionEvent> observer) {
    ServerCallStreamObserver<DefinitionEvent> call = (ServerCallStreamObserver<DefinitionEvent>) observer;
    long start = fromRevision;
    if (fromRevision == 0) {
      EtcdStore.Listing<RunSpec> snapshot = store.all();
      for (Versioned<RunSpec> spec : snapshot.values()) {
        call.onNext(event(DefinitionEvent.Type.SNAPSHOT, spec.modRevision(), spec.value()));
      }
      call.onNext(DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.SNAPSHOT_COMPLETE)
          .setRevision(snapshot.revision()).build());
      start = snapshot.revision() + 1;
    }
    AutoCloseable watch = store.etcd().watch(DefinitionStore.RUNSPECS + "/", start,
        e -> send(call, e),
        error -> call.onError(Status.UNAVAILABLE.withDescription("watch failed: " + error).asRuntimeException()));
    call.setOnCancelHandler(() -> {
      try {
        watch.close();
      } catch (Exception ignored) {
        // the stream is gone either way
      }
    });
  }

  private static void send(ServerCallStreamObserver<DefinitionEvent> call, WatchEvent event) {
    boolean deleted = event.getEventType() == WatchEvent.EventType.DELETE;
    KeyValue kv = deleted ? event.getPrevKV() : event.getKeyValue();
    RunSpec spec = EtcdStore.parse(kv.getValue(), RunSpec.parser());
    DefinitionEvent.Type type = deleted ? DefinitionEvent.Type.DELETED : DefinitionEvent.Type.UPSERTED;
    synchronized (call) {
      if (!call.isCancelled()) {
        call.onNext(event(type, event.getKeyValue().getModRevision(), spec));
      }
    }
  }

  private static DefinitionEvent event(DefinitionEvent.Type type, long revision, RunSpec spec) {
    return DefinitionEvent.newBuilder().setType(type).setRevision(revision).setKind(RunSpecs.kind(spec))
        .setId(RunSpecs.id(spec)).setSpec(spec).build();
  }
}
