package io.mooring.reservation.store;

import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.stub.StreamObserver;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceChange;
import io.mooring.proto.v1.UnknownTaskStatuses;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.ServedWatch;
import java.util.List;
import jakarta.inject.Singleton;

/**
 * Every change of an instance record, with the record before and after it, and every record of terminal statuses of
 * tasks of no instance, from etcd's history: any replica serves it, standbys included, and a watcher resumes from the
 * revision it last processed without this service keeping anything. One etcd watch over all of reservation-service's
 * keys keeps the two in revision order; the others (garbage, fences, the held run specs, the writer lock) make no
 * message.
 */
@Singleton
public class InstanceWatch {
  private final EtcdStore etcd;

  public InstanceWatch(EtcdStore etcd) {
    this.etcd = etcd;
  }

  /** From {@code afterRevision}, or from now (0): then the first message carries only the revision it starts at. */
  public void stream(long afterRevision, StreamObserver<InstanceChange> observer) {
    ServedWatch<InstanceChange> stream = ServedWatch.on(observer);
    long after = afterRevision;
    if (after == 0) {
      after = etcd.revision();
      stream.send(InstanceChange.newBuilder().setRevision(after).build());
    }
    stream.watch(etcd, InstanceStore.PREFIX, after, InstanceWatch::changes);
  }

  private static List<InstanceChange> changes(WatchEvent event) {
    String key = EtcdStore.string(event.getKeyValue().getKey());
    boolean put = event.getEventType() == WatchEvent.EventType.PUT;
    InstanceChange.Builder change = InstanceChange.newBuilder().setRevision(event.getKeyValue().getModRevision());
    if (key.startsWith(InstanceStore.INSTANCES)) {
      if (event.getPrevKV() != null && !event.getPrevKV().getValue().isEmpty()) {
        change.setBefore(EtcdStore.parse(event.getPrevKV().getValue(), Instance.parser()));
      }
      if (put) {
        change.setAfter(EtcdStore.parse(event.getKeyValue().getValue(), Instance.parser()));
      }
      return List.of(change.build());
    }
    if (put && key.equals(InstanceStore.UNKNOWN_TERMINATED)) {
      return List.of(change.addAllUnknownTerminated(EtcdStore.parse(event.getKeyValue().getValue(),
          UnknownTaskStatuses.parser()).getStatusesList()).build());
    }
    return List.of();
  }
}
