package io.mooring.runtime.etcd;

import com.google.protobuf.Message;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.List;

/** An all-or-nothing write over several keys, guarded by mod_revision conditions. */
public final class Txn {
  private final EtcdStore store;
  private final io.etcd.jetcd.Txn txn;
  private final List<Cmp> conditions = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>();

  Txn(EtcdStore store, io.etcd.jetcd.Txn txn) {
    this.store = store;
    this.txn = txn;
  }

  public Txn requireAbsent(String key) {
    return requireRevision(key, 0);
  }

  /** The key must still be at {@code modRevision}; 0 means it must not exist. */
  public Txn requireRevision(String key, long modRevision) {
    conditions.add(new Cmp(EtcdStore.bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision)));
    return this;
  }

  public Txn put(String key, Message value) {
    ops.add(Op.put(EtcdStore.bytes(key), ByteSequence.from(value.toByteArray()), PutOption.DEFAULT));
    return this;
  }

  public Txn delete(String key) {
    ops.add(Op.delete(EtcdStore.bytes(key), DeleteOption.DEFAULT));
    return this;
  }

  public Txn deletePrefix(String prefix) {
    ops.add(Op.delete(EtcdStore.bytes(prefix), DeleteOption.builder().isPrefix(true).build()));
    return this;
  }

  public Result commit() {
    TxnResponse response = store.await(
        txn.If(conditions.toArray(Cmp[]::new)).Then(ops.toArray(Op[]::new)).commit());
    return new Result(response.isSucceeded(), response.getHeader().getRevision());
  }

  /** Whether the conditions held (and so every op was applied), and the store revision after the commit. */
  public record Result(boolean succeeded, long revision) {}
}
