package io.mooring.offer.leader;

import com.google.protobuf.StringValue;
import io.mooring.runtime.etcd.EtcdStore;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The framework id Mesos gave us, kept in etcd: every reservation is labelled with it, so a new leader (or a restart)
 * must subscribe with the same one. It is written once and never replaced.
 */
@Singleton
public class FrameworkIdStore {
  static final String KEY = "/mooring/v1/framework/id";
  private final EtcdStore etcd;

  public FrameworkIdStore(EtcdStore etcd) {
    this.etcd = etcd;
  }

  public Optional<String> get() {
    return etcd.get(KEY, StringValue.parser()).map(v -> v.value().getValue()).filter(id -> !id.isEmpty());
  }

  /** Stores the id if none is stored; returns the stored id (which differs from {@code id} only on a bug). */
  public String remember(String id) {
    etcd.createIfAbsent(KEY, StringValue.of(id));
    return get().orElse(id);
  }
}
