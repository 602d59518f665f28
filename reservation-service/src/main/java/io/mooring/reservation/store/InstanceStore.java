package io.mooring.reservation.store;

import com.google.protobuf.Int64Value;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.HeldRunSpecs;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.UnknownTaskStatus;
import io.mooring.proto.v1.UnknownTaskStatuses;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.LeaderElection;
import io.mooring.runtime.etcd.Txn;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * reservation-service's keys under {@code /mooring/v1/instances/}: one key per instance, the garbage records of
 * what may have been reserved and is no longer wanted, the highest offer-service fence seen, the run specs the
 * decommission guard holds, and the terminal statuses of tasks of no instance last reported. Every write checks the
 * writer lock; every instance write is also guarded by the mod_revision it was read at.
 */
@Singleton
public class InstanceStore {
  public static final String PREFIX = "/mooring/v1/instances/";
  static final String INSTANCES = PREFIX + "all/";
  static final String GARBAGE = PREFIX + "garbage/";
  static final String FENCE = PREFIX + "fence";
  /** The highest election revision of volume-gc-service seen: an older leader's expunges are refused. */
  static final String GC_FENCE = PREFIX + "gc-fence";
  /** The run specs the decommission guard holds: a hold outlives a restart, or a move to another replica. */
  static final String HELD = PREFIX + "held";
  /**
   * Terminal statuses of tasks of no instance, as the last report call recorded them: rewritten each time, never
   * read back; the watch of its history is the record of them all (Marathon's unknown_instance_terminated_event).
   */
  static final String UNKNOWN_TERMINATED = PREFIX + "unknown-terminated";
  /** etcd refuses transactions of more than 128 operations by default. */
  private static final int MAX_TXN_OPS = 100;
  /** An instance is a KiB or two at most: a page of them stays far below gRPC's 4 MiB. */
  static final int PAGE = 500;

  private final EtcdStore etcd;
  private final WriterLock lock;

  public InstanceStore(EtcdStore etcd, WriterLock lock) {
    this.etcd = etcd;
    this.lock = lock;
  }

  /** A transaction that only commits while this replica still holds the writer lock. */
  private Txn guardedTxn() {
    LeaderElection.Term term = lock.guard()
        .orElseThrow(() -> Errors.unavailable("this reservation-service does not hold the writer lock"));
    return etcd.txn().requireRevision(term.key(), term.fence());
  }

  /**
   * Every instance, a page at a time: one read of ~10,000 would near gRPC's 4 MiB message limit. The pages need not
   * be read at one revision: only this replica writes instances, and only on the thread that loads them.
   */
  public Map<String, Versioned<Instance>> loadAll() {
    Map<String, Versioned<Instance>> all = new HashMap<>();
    String after = "";
    List<Versioned<Instance>> page;
    do {
      page = etcd.page(INSTANCES, after, PAGE, Instance.parser());
      for (Versioned<Instance> stored : page) {
        after = stored.value().getInstanceId();
        all.put(after, stored);
      }
    } while (page.size() == PAGE);
    return all;
  }

  /** At most {@code limit} garbage records whose key sorts after {@code after} ({@code instance/agent/id}). */
  public List<Garbage> garbagePage(String after, int limit) {
    return etcd.page(GARBAGE, after, limit, Garbage.parser()).stream().map(InstanceStore::identified).toList();
  }

  /** A record knows its own id and key: they are its place under {@link #GARBAGE}. */
  private static Garbage identified(Versioned<Garbage> record) {
    String key = record.key().substring(record.key().indexOf(GARBAGE) + GARBAGE.length());
    return record.value().toBuilder().setKey(key).setId(key.substring(key.lastIndexOf('/') + 1)).build();
  }

  static String garbageKey(String instanceId, String agentId, String id) {
    return instanceId + "/" + agentId + "/" + id;
  }

  public Versioned<Long> fence() {
    return fence(FENCE);
  }

  public Versioned<Long> gcFence() {
    return fence(GC_FENCE);
  }

  private Versioned<Long> fence(String key) {
    return etcd.get(key, Int64Value.parser())
        .map(v -> new Versioned<>(v.key(), v.value().getValue(), v.modRevision()))
        .orElse(new Versioned<>(key, 0L, 0));
  }

  /** The run specs held from decommissioning as last stored, sorted (none when the key is absent). */
  public List<String> held() {
    return etcd.get(HELD, HeldRunSpecs.parser()).<List<String>>map(v -> List.copyOf(v.value().getRunSpecIdsList()))
        .orElse(List.of());
  }

  /** Stores the run specs held from decommissioning (none: removes the key); fails if the writer lock is lost. */
  public void hold(List<String> runSpecIds) {
    Txn txn = guardedTxn();
    if (runSpecIds.isEmpty()) {
      txn.delete(HELD);
    } else {
      txn.put(HELD, HeldRunSpecs.newBuilder().addAllRunSpecIds(runSpecIds).build());
    }
    if (!txn.commit().succeeded()) {
      throw Errors.unavailable("this reservation-service lost the writer lock");
    }
  }

  /** Records terminal statuses of tasks of no instance, replacing those recorded before; fails without the lock. */
  public void recordUnknownTerminated(List<UnknownTaskStatus> statuses) {
    if (!guardedTxn().put(UNKNOWN_TERMINATED, UnknownTaskStatuses.newBuilder().addAllStatuses(statuses).build())
        .commit().succeeded()) {
      throw Errors.unavailable("this reservation-service lost the writer lock");
    }
  }

  /** One instance to write (value) or remove (null), and the revision it was read at (0: new). */
  public record Write(String instanceId, long expectedRevision, Instance value) {}

  /** The outcome of a commit: the new revisions of what was written, and the instances whose guard failed. */
  public record Committed(Map<String, Long> revisions, List<String> conflicts, long revision) {}

  /**
   * Commits the writes and garbage records in transactions of at most {@link #MAX_TXN_OPS} operations; a record
   * of garbage goes in the same transaction as the instance write that produced it. A raised fence is checked and
   * written with the first transaction.
   */
  public Committed commit(List<Write> writes, Map<String, List<Garbage>> garbageByInstance, Fence fence) {
    Map<String, Long> revisions = new HashMap<>();
    List<String> conflicts = new ArrayList<>();
    long revision = 0;
    int i = 0;
    boolean first = true;
    while (i < writes.size() || first) {
      Txn txn = guardedTxn();
      List<String> ids = new ArrayList<>();
      int ops = 0;
      if (first && fence != null) {
        txn.requireRevision(FENCE, fence.expectedRevision()).put(FENCE, Int64Value.of(fence.value()));
        ops++;
      }
      while (i < writes.size() && ops < MAX_TXN_OPS) {
        Write write = writes.get(i++);
        String key = INSTANCES + write.instanceId();
        txn.requireRevision(key, write.expectedRevision());
        if (write.value() == null) {
          txn.delete(key);
        } else {
          txn.put(key, write.value());
        }
        for (Garbage garbage : garbageByInstance.getOrDefault(write.instanceId(), List.of())) {
          String id = UUID.randomUUID().toString();
          String place = garbageKey(write.instanceId(), garbage.getAgentId(), id);
          txn.put(GARBAGE + place, garbage.toBuilder().setId(id).setKey(place).build());
          ops++;
        }
        ids.add(write.instanceId());
        ops++;
      }
      first = false;
      if (ops == 0) {
        break;
      }
      Txn.Result result = txn.commit();
      revision = result.revision();
      if (result.succeeded()) {
        ids.forEach(id -> revisions.put(id, result.revision()));
      } else {
        conflicts.addAll(ids);
      }
    }
    return new Committed(revisions, conflicts, revision);
  }

  /**
   * Removes exactly the named garbage records (a record written since it was listed stays) and the instances, each
   * guarded by the revision it was read at, in one transaction with volume-gc-service's fence as the caller raised
   * it (or kept it): all of it, or nothing when an instance or the fence changed.
   */
  public boolean expunge(List<Cleaned> records, Map<String, Long> instanceRevisions, Fence gcFence) {
    Txn txn = guardedTxn().requireRevision(GC_FENCE, gcFence.expectedRevision())
        .put(GC_FENCE, Int64Value.of(gcFence.value()));
    instanceRevisions.forEach((id, revision) -> txn.requireRevision(INSTANCES + id, revision).delete(INSTANCES + id));
    for (Cleaned record : records) {
      txn.delete(GARBAGE + garbageKey(record.getInstanceId(), record.getAgentId(), record.getGarbageId()));
    }
    return txn.commit().succeeded();
  }

  /** Raise the stored fence to {@code value}, guarded by the revision the current fence was read at. */
  public record Fence(long value, long expectedRevision) {}
}
