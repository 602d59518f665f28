package io.mooring.runtime.etcd;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import io.mooring.runtime.grpc.Errors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Typed protobuf storage over etcd. Every write that must not race another writer goes through
 * {@link #txn()} with a condition on mod_revision (0 = the key must be absent). Calls block with a timeout and
 * surface an unreachable etcd as an UNAVAILABLE domain error.
 */
public final class EtcdStore implements AutoCloseable {
  private static final Set<Status.Code> REFUSALS =
      Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED, Status.Code.OUT_OF_RANGE);
  private final Client client;
  private final Duration timeout;

  public EtcdStore(Client client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  public <T extends Message> Optional<Versioned<T>> get(String key, Parser<T> parser) {
    GetResponse response = await(client.getKVClient().get(bytes(key)));
    return response.getKvs().stream().findFirst().map(kv -> decode(kv, parser));
  }

  /** Every value under {@code prefix}, in key order, and the store revision they were read at. */
  public <T extends Message> Listing<T> list(String prefix, Parser<T> parser) {
    return list(prefix, parser, 0);
  }

  /** As {@link #list(String, Parser)}, as the store was at {@code revision} (0: now): two prefixes read together. */
  public <T extends Message> Listing<T> list(String prefix, Parser<T> parser, long revision) {
    GetOption option = GetOption.builder().isPrefix(true).withRevision(revision).build();
    GetResponse response = await(client.getKVClient().get(bytes(prefix), option));
    List<Versioned<T>> values = new ArrayList<>(response.getKvs().size());
    for (KeyValue kv : response.getKvs()) {
      values.add(decode(kv, parser));
    }
    return new Listing<>(values, response.getHeader().getRevision());
  }

  /**
   * At most {@code limit} values under {@code prefix} whose keys sort after {@code prefix + after} (everything
   * under the prefix for an empty {@code after}), in key order: a bounded read of a prefix that may hold many keys.
   */
  public <T extends Message> List<Versioned<T>> page(String prefix, String after, int limit, Parser<T> parser) {
    // "\0" is the smallest suffix: the first key strictly after prefix + after.
    String from = after.isEmpty() ? prefix : prefix + after + "\0";
    GetOption option = GetOption.builder().withRange(prefixEnd(prefix)).withLimit(limit)
        .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).build();
    GetResponse response = await(client.getKVClient().get(bytes(from), option));
    return response.getKvs().stream().map(kv -> decode(kv, parser)).toList();
  }

  /** The first key after every key that starts with {@code prefix} (etcd's range end of a prefix). */
  private static ByteSequence prefixEnd(String prefix) {
    byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return ByteSequence.from(java.util.Arrays.copyOf(end, i + 1));
      }
    }
    return ByteSequence.from(new byte[] {0});
  }

  /** The store's current revision: where a watch of the changes from now on starts (after it). */
  public long revision() {
    GetOption option = GetOption.builder().withCountOnly(true).build();
    return await(client.getKVClient().get(bytes("\0"), option)).getHeader().getRevision();
  }

  /** The keys under {@code prefix}, without their values. */
  public List<String> keys(String prefix) {
    GetOption option = GetOption.builder().isPrefix(true).withKeysOnly(true).build();
    return await(client.getKVClient().get(bytes(prefix), option)).getKvs().stream()
        .map(kv -> string(kv.getKey()))
        .toList();
  }

  /** Unconditional put; returns the new revision. */
  public long put(String key, Message value) {
    return await(client.getKVClient().put(bytes(key), ByteSequence.from(value.toByteArray())))
        .getHeader().getRevision();
  }

  public boolean delete(String key) {
    return await(client.getKVClient().delete(bytes(key))).getDeleted() > 0;
  }

  /** Puts {@code value} only if the key is absent. */
  public boolean createIfAbsent(String key, Message value) {
    return txn().requireAbsent(key).put(key, value).commit().succeeded();
  }

  /** Puts {@code value} only if the key is still at {@code expectedModRevision} (0: absent). */
  public boolean compareAndSwap(String key, long expectedModRevision, Message value) {
    return txn().requireRevision(key, expectedModRevision).put(key, value).commit().succeeded();
  }

  public Txn txn() {
    return new Txn(this, client.getKVClient().txn());
  }

  /**
   * Watches {@code prefix} starting at {@code fromRevision} (inclusive). Always pass a revision: a watch started
   * without one races the writes issued right after it and can miss them. An open watch survives compaction; it
   * ends at its first failure, calling {@code onEnd} once (unless closed first): a
   * {@link io.etcd.jetcd.common.exception.CompactedException} when {@code fromRevision} was compacted away (read
   * again, then watch from the read's revision + 1), otherwise a lost connection or a closed client (resume from
   * the revision after the last event processed).
   */
  public AutoCloseable watch(String prefix, long fromRevision, Consumer<WatchEvent> onEvent,
      Consumer<Throwable> onEnd) {
    WatchOption option = WatchOption.builder().isPrefix(true).withRevision(fromRevision).withPrevKV(true).build();
    return OneShotWatch.start(client, bytes(prefix), option, onEvent, onEnd);
  }

  <R> R await(CompletableFuture<R> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("Interrupted while talking to etcd");
    } catch (TimeoutException e) {
      future.cancel(true);
      // The request may still reach etcd: say so, a client must read before it retries a write.
      throw Errors.unavailable("etcd did not answer within " + timeout.toMillis() + " ms; a change may or may not "
          + "have been stored");
    } catch (ExecutionException e) {
      throw refused(e.getCause()) ? Errors.badRequest("etcd refused the request: " + rootMessage(e))
          : Errors.unavailable("etcd is unavailable: " + rootMessage(e));
    }
  }

  /** etcd said no to this request (too large, malformed): retrying it elsewhere would not help. */
  private static boolean refused(Throwable cause) {
    if (cause instanceof EtcdException etcd) {
      return REFUSALS.contains(Status.Code.valueOf(etcd.getErrorCode().name()));
    }
    return REFUSALS.contains(Status.fromThrowable(cause).getCode());
  }

  public static <T extends Message> T parse(ByteSequence value, Parser<T> parser) {
    try {
      return parser.parseFrom(value.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt value in etcd", e);
    }
  }

  public static <T extends Message> Versioned<T> decode(KeyValue kv, Parser<T> parser) {
    return new Versioned<>(string(kv.getKey()), parse(kv.getValue(), parser), kv.getModRevision());
  }

  static ByteSequence bytes(String key) {
    return ByteSequence.from(key, StandardCharsets.UTF_8);
  }

  public static String string(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  @Override
  public void close() {
    client.close();
  }

  /** A consistent read of a prefix. */
  public record Listing<T>(List<Versioned<T>> values, long revision) {}
}
