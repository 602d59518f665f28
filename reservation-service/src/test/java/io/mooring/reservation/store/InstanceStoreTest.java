package io.mooring.reservation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The instance keys on a real etcd. */
class InstanceStoreTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private final String namespace = EtcdExtension.newNamespace();
  private EtcdStore etcd;
  private WriterLock lock;
  private InstanceStore store;

  @BeforeEach
  void open() throws Exception {
    etcd = new EtcdStore(EtcdFactory.client(ETCD.endpoint(), namespace), Duration.ofSeconds(5));
    lock = new WriterLock(ETCD.endpoint(), namespace, Duration.ofSeconds(5), "127.0.0.1:1");
    lock.acquire();
    store = new InstanceStore(etcd, lock);
  }

  @AfterEach
  void close() {
    lock.release();
    etcd.close();
  }

  @Test
  void loadsMoreInstancesThanAPageHolds() {
    int count = 2 * InstanceStore.PAGE + 1;
    List<InstanceStore.Write> writes = IntStream.range(0, count).mapToObj(i -> Instance.newBuilder()
            .setInstanceId("db.instance-" + i).setRunSpecId("/db").setGoal(Goal.RUNNING).build())
        .map(instance -> new InstanceStore.Write(instance.getInstanceId(), 0, instance)).toList();
    InstanceStore.Committed committed = store.commit(writes, Map.of(), null);
    assertTrue(committed.conflicts().isEmpty());

    Map<String, Versioned<Instance>> loaded = store.loadAll();

    assertEquals(count, loaded.size());
    assertEquals(writes.stream().collect(Collectors.toMap(InstanceStore.Write::instanceId, InstanceStore.Write::value)),
        loaded.values().stream().collect(Collectors.toMap(v -> v.value().getInstanceId(), Versioned::value)));
    loaded.forEach((id, stored) -> assertEquals(committed.revisions().get(id), stored.modRevision(), id));
  }

  @Test
  void storesTheHeldRunSpecsUnderTheWriterLock() throws Exception {
    assertEquals(List.of(), store.held());
    store.hold(List.of("/a", "/b"));
    assertEquals(List.of("/a", "/b"), store.held());
    store.hold(List.of("/b"));
    assertEquals(List.of("/b"), store.held());
    store.hold(List.of());
    assertEquals(List.of(), store.held());
    assertEquals(List.of(), etcd.keys(InstanceStore.HELD));

    store.hold(List.of("/a"));
    WriterLock other = new WriterLock(ETCD.endpoint(), namespace, Duration.ofSeconds(5), "127.0.0.1:2");
    lock.release();
    other.acquire();
    try {
      // without the writer lock, this replica writes nothing
      assertThrows(DomainException.class, () -> store.hold(List.of()));
      assertEquals(List.of("/a"), new InstanceStore(etcd, other).held());
    } finally {
      other.release();
    }
  }
}
