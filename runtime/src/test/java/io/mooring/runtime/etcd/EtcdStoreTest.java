package io.mooring.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchEvent;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtcdStoreTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private EtcdStore store;

  @BeforeEach
  void open() {
    store = new EtcdStore(EtcdFactory.client(ETCD.endpoint(), EtcdExtension.newNamespace()), Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static ErrorInfo value(String message) {
    return ErrorInfo.newBuilder().setMessage(message).build();
  }

  @Test
  void putGetDelete() {
    assertTrue(store.get("a", ErrorInfo.parser()).isEmpty());
    long revision = store.put("a", value("one"));
    Versioned<ErrorInfo> read = store.get("a", ErrorInfo.parser()).orElseThrow();
    assertEquals("one", read.value().getMessage());
    assertEquals(revision, read.modRevision());
    assertTrue(store.delete("a"));
    assertFalse(store.delete("a"));
    assertTrue(store.get("a", ErrorInfo.parser()).isEmpty());
  }

  @Test
  void createIfAbsentOnlyOnce() {
    assertTrue(store.createIfAbsent("k", value("first")));
    assertFalse(store.createIfAbsent("k", value("second")));
    assertEquals("first", store.get("k", ErrorInfo.parser()).orElseThrow().value().getMessage());
  }

  @Test
  void compareAndSwapOnModRevision() {
    store.put("k", value("v1"));
    long seen = store.get("k", ErrorInfo.parser()).orElseThrow().modRevision();
    assertTrue(store.compareAndSwap("k", seen, value("v2")));
    assertFalse(store.compareAndSwap("k", seen, value("lost update")), "a stale revision must not win");
    assertEquals("v2", store.get("k", ErrorInfo.parser()).orElseThrow().value().getMessage());
    assertFalse(store.compareAndSwap("absent", 5, value("x")));
    assertTrue(store.compareAndSwap("absent", 0, value("x")), "revision 0 means create");
  }

  @Test
  void transactionOverSeveralKeysIsAllOrNothing() {
    store.put("x/guard", value("g"));
    long guard = store.get("x/guard", ErrorInfo.parser()).orElseThrow().modRevision();
    Txn.Result failed = store.txn().requireRevision("x/guard", guard + 100)
        .put("x/a", value("a")).put("x/b", value("b")).commit();
    assertFalse(failed.succeeded());
    assertTrue(store.keys("x/").equals(List.of("x/guard")), "nothing of a failed transaction is written");

    Txn.Result ok = store.txn().requireRevision("x/guard", guard).requireAbsent("x/a")
        .put("x/a", value("a")).put("x/b", value("b")).delete("x/guard").commit();
    assertTrue(ok.succeeded());
    assertEquals(List.of("x/a", "x/b"), store.keys("x/"));
    EtcdStore.Listing<ErrorInfo> listing = store.list("x/", ErrorInfo.parser());
    assertEquals(List.of("a", "b"), listing.values().stream().map(v -> v.value().getMessage()).toList());
    assertEquals(ok.revision(), listing.revision());
  }

  @Test
  void watchFromRevisionSeesEveryLaterChangeInOrder() throws Exception {
    long start = store.put("w/before", value("0"));
    store.put("w/a", value("1"));
    store.put("w/b", value("2"));
    store.delete("w/a");
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    try (AutoCloseable watch = store.watch("w/", start + 1, events::add, Throwable::printStackTrace)) {
      store.put("w/c", value("3"));
      List<String> seen = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        WatchEvent event = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "missing event after " + seen);
        seen.add(event.getEventType() + " " + EtcdStore.string(event.getKeyValue().getKey()));
      }
      assertEquals(List.of("PUT w/a", "PUT w/b", "DELETE w/a", "PUT w/c"), seen);
      assertNull(events.poll(300, TimeUnit.MILLISECONDS), "no event twice");
    }
  }

  @Test
  void aWatchOpenWhileHistoryIsCompactedKeepsDeliveringEveryChange() throws Exception {
    long start = store.put("c/a", value("1"));
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    try (AutoCloseable watch = store.watch("c/", start + 1, events::add, errors::add)) {
      store.put("c/b", value("2"));
      assertEquals("PUT c/b", describe(events.poll(5, TimeUnit.SECONDS)));
      store.put("c/c", value("3"));
      ETCD.compact();
      store.delete("c/a");
      ETCD.compact();
      store.put("c/d", value("4"));

      List<String> seen = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        seen.add(describe(events.poll(5, TimeUnit.SECONDS)));
      }
      assertEquals(List.of("PUT c/c", "DELETE c/a", "PUT c/d"), seen);
      assertNull(errors.poll(300, TimeUnit.MILLISECONDS), "a watch that keeps up is never compacted away");
    }
  }

  @Test
  void aWatchFromACompactedRevisionFailsAsCompactedAndTheCurrentStateIsReadAgain() throws Exception {
    long seen = store.put("r/a", value("1"));
    store.put("r/b", value("2"));
    store.delete("r/a");
    long compacted = ETCD.compact();
    BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    try (AutoCloseable stale = store.watch("r/", seen + 1, event -> { }, errors::add)) {
      Throwable error = errors.poll(5, TimeUnit.SECONDS);
      assertTrue(error instanceof CompactedException, "the watcher must learn that it missed changes: " + error);
    }

    EtcdStore.Listing<ErrorInfo> current = store.list("r/", ErrorInfo.parser());
    assertEquals(List.of("r/b"), current.values().stream().map(Versioned::key).toList());
    assertTrue(current.revision() >= compacted);
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    try (AutoCloseable resumed = store.watch("r/", current.revision() + 1, events::add, errors::add)) {
      store.put("r/c", value("3"));
      assertEquals("PUT r/c", describe(events.poll(5, TimeUnit.SECONDS)));
      assertNull(errors.poll(300, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void aWatchEndsOnceWhenItsClientClosesButNotWhenItIsClosed() throws Exception {
    EtcdStore other = new EtcdStore(EtcdFactory.client(ETCD.endpoint(), EtcdExtension.newNamespace()),
        Duration.ofSeconds(5));
    long start = other.put("e/a", value("1"));
    BlockingQueue<Throwable> ended = new LinkedBlockingQueue<>();
    BlockingQueue<Throwable> closedEnds = new LinkedBlockingQueue<>();
    AutoCloseable closed = other.watch("e/", start + 1, event -> { }, closedEnds::add);
    other.watch("e/", start + 1, event -> { }, ended::add);

    closed.close();
    other.close();  // a service stopping: its watchers must hear of it, or they would wait for ever

    DomainException end = (DomainException) ended.poll(5, TimeUnit.SECONDS);
    assertNotNull(end, "the watch ended silently");
    assertEquals(ErrorCode.UNAVAILABLE, end.info().getCode());
    assertNull(ended.poll(300, TimeUnit.MILLISECONDS), "once");
    assertNull(closedEnds.poll(10, TimeUnit.MILLISECONDS), "a watch closed by its caller does not end");
  }

  private static String describe(WatchEvent event) {
    assertNotNull(event, "missing event");
    return event.getEventType() + " " + EtcdStore.string(event.getKeyValue().getKey());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_600_000, 3_000_000})
  void aValueEtcdRefusesIsABadRequestNotAnOutage(int size) {
    DomainException e = assertThrows(DomainException.class, () -> store.put("big", value("x".repeat(size))));
    assertEquals(ErrorCode.BAD_REQUEST, e.info().getCode(), e.info().getMessage());
  }

  @Test
  void unreachableEtcdIsUnavailable() {
    try (EtcdStore dead = new EtcdStore(EtcdFactory.client("http://127.0.0.1:1", ""), Duration.ofMillis(300))) {
      DomainException e = assertThrows(DomainException.class, () -> dead.put("k", value("v")));
      assertEquals(ErrorCode.UNAVAILABLE, e.info().getCode());
    }
  }
}
