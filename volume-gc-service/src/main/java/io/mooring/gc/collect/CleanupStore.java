package io.mooring.gc.collect;

import io.mooring.proto.v1.Cleanup;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.LeaderElection;
import io.mooring.runtime.etcd.Txn;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * volume-gc-service's keys under {@code /mooring/v1/gc/}: one {@link Cleanup} per piece of garbage being cleaned
 * ({@code g/<instance>/<agent>/<garbage id>}) and per orphan in its grace period
 * ({@code o/<agent>/<instance>/<claim>}).
 * Written only by the elected leader: every transaction checks its election key.
 */
@Singleton
public class CleanupStore {
  static final String PREFIX = "/mooring/v1/gc/";
  static final String CLEANUPS = PREFIX + "cleanups/";
  static final String ELECTION = PREFIX + "leader";
  /** etcd refuses transactions of more than 128 operations by default. */
  private static final int MAX_TXN_OPS = 100;
  /** A record is a few KiB at most: 500 of them stay far below gRPC's 4 MiB. */
  static final int PAGE = 500;
  private final EtcdStore etcd;

  public CleanupStore(EtcdStore etcd) {
    this.etcd = etcd;
  }

  /** Every record, by key (relative to the cleanups prefix), read a page at a time to stay within gRPC's limits. */
  public Map<String, Cleanup> all() {
    Map<String, Cleanup> all = new HashMap<>();
    String after = "";
    List<Versioned<Cleanup>> page;
    do {
      page = etcd.page(CLEANUPS, after, PAGE, Cleanup.parser());
      for (Versioned<Cleanup> v : page) {
        after = v.key().substring(v.key().indexOf(CLEANUPS) + CLEANUPS.length());
        all.put(after, v.value());
      }
    } while (page.size() == PAGE);
    return all;
  }

  /** At most {@code limit} records in key order, for ListPending. */
  public List<Cleanup> page(int limit) {
    return etcd.page(CLEANUPS, "", limit, Cleanup.parser()).stream().map(Versioned::value).toList();
  }

  /**
   * Puts and deletes in transactions of at most {@link #MAX_TXN_OPS} operations, each only while {@code term}
   * still leads: a deposed leader writes nothing. False when the term was lost (the rest is not written).
   */
  public boolean write(LeaderElection.Term term, Map<String, Cleanup> puts, List<String> deletes) {
    List<Consumer<Txn>> ops = new ArrayList<>();
    puts.forEach((key, value) -> ops.add(txn -> txn.put(CLEANUPS + key, value)));
    deletes.forEach(key -> ops.add(txn -> txn.delete(CLEANUPS + key)));
    for (int from = 0; from < ops.size(); from += MAX_TXN_OPS) {
      Txn txn = etcd.txn().requireRevision(term.key(), term.fence());
      ops.subList(from, Math.min(ops.size(), from + MAX_TXN_OPS)).forEach(op -> op.accept(txn));
      if (!txn.commit().succeeded()) return false;
    }
    return true;
  }
}
