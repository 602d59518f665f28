package io.mooring.definition;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.stub.StreamObserver;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.FinishedDeployments;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.proto.v1.WatchRequest;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.ServedWatch;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Streams run spec changes, and on request deployment changes: a snapshot of every current spec followed by the
 * changes after it, or the changes after a given revision. A watcher resumes with the revision of the last event it
 * processed: no gap, no repeat. One etcd watch over both key spaces keeps their changes in revision order.
 */
@Singleton
public class DefinitionWatch {
  /** The common prefix of run specs, the finished deployment and running deployments; versions are skipped. */
  private static final String WATCHED = "/mooring/v1/de";

  private final DefinitionStore store;

  public DefinitionWatch(DefinitionStore store) {
    this.store = store;
  }

  public void stream(WatchRequest request, StreamObserver<DefinitionEvent> observer) {
    ServedWatch<DefinitionEvent> stream = ServedWatch.on(observer);
    long after = request.getFromRevision();
    if (after == 0) {
      after = request.getChangesOnly() ? store.etcd().revision() : snapshot(stream, request.getWithDeployments());
      stream.send(DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.SNAPSHOT_COMPLETE)
          .setRevision(after).build());
    }
    boolean deployments = request.getWithDeployments();
    stream.watch(store.etcd(), WATCHED, after, event -> events(event, deployments));
  }

  /**
   * Sends every running deployment (if asked) and every current spec, as they were at one revision, which it
   * returns. The deployments come first, as in a change.
   */
  private long snapshot(ServedWatch<DefinitionEvent> stream, boolean withDeployments) {
    EtcdStore.Listing<StoredRunSpec> snapshot = store.all();
    if (withDeployments) {
      store.deployments(snapshot.revision()).forEach(running ->
          stream.send(deployment(running.modRevision(), false, running.value())));
    }
    for (Versioned<StoredRunSpec> stored : snapshot.values()) {
      stream.send(spec(DefinitionEvent.Type.SNAPSHOT, stored.modRevision(), stored.value()));
    }
    return snapshot.revision();
  }

  /** The events a change makes: none for one the watcher does not follow. */
  private static List<DefinitionEvent> events(WatchEvent event, boolean withDeployments) {
    String key = EtcdStore.string(event.getKeyValue().getKey());
    boolean deleted = event.getEventType() == WatchEvent.EventType.DELETE;
    long revision = event.getKeyValue().getModRevision();
    boolean created = !deleted && event.getKeyValue().getVersion() == 1;  // the key's first version
    if (key.startsWith(DefinitionStore.RUNSPECS + "/")) {
      KeyValue kv = deleted ? event.getPrevKV() : event.getKeyValue();
      StoredRunSpec stored = EtcdStore.parse(kv.getValue(), StoredRunSpec.parser());
      return List.of(deleted ? spec(DefinitionEvent.Type.DELETED, revision, stored).toBuilder().clearDeploymentId()
          .clearOrigin().build() : spec(DefinitionEvent.Type.UPSERTED, revision, stored).toBuilder()
          .setCreated(created).build());
    }
    if (!withDeployments || deleted) {
      return List.of();  // a finished deployment is deleted as the finished key records its end: that is the event
    }
    if (key.startsWith(DefinitionStore.DEPLOYMENTS)) {
      return List.of(deployment(revision, created,
          EtcdStore.parse(event.getKeyValue().getValue(), Deployment.parser())));
    }
    if (key.equals(DefinitionStore.FINISHED_DEPLOYMENT)) {
      return EtcdStore.parse(event.getKeyValue().getValue(), FinishedDeployments.parser()).getDeploymentsList()
          .stream().map(finished -> deployment(revision, false, finished)).toList();
    }
    return List.of();
  }

  private static DefinitionEvent deployment(long revision, boolean started, Deployment deployment) {
    return DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.DEPLOYMENT).setRevision(revision)
        .setCreated(started).setDeployment(deployment).build();
  }

  private static DefinitionEvent spec(DefinitionEvent.Type type, long revision, StoredRunSpec stored) {
    return DefinitionEvent.newBuilder().setType(type).setRevision(revision).setKind(RunSpecs.kind(stored.getSpec()))
        .setId(RunSpecs.id(stored.getSpec())).setSpec(stored.getSpec()).setDeploymentId(stored.getDeploymentId())
        .setOrigin(stored.getOrigin()).build();
  }
}
