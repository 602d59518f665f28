package io.mooring.runtime.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.election.LeaderResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * etcd leader election under a name in the service's own prefix. The leader's key revision is its fencing token:
 * it grows with every new leader, so a deposed leader's writes can be refused; its key is the leader's lock.
 */
public final class LeaderElection implements AutoCloseable {
  private final ByteSequence name;
  private final Client client;
  private final long ttlSeconds;
  private volatile long leaseId;

  public LeaderElection(String name, Client client, long ttlSeconds) {
    this.name = bytes(name);
    this.client = client;
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * A won election: the fence, and a future that completes when the lease (and so the leadership) may be lost.
   * Closing it stops the keep-alive and revokes the lease, so that the election key never outlives the term.
   */
  public record Term(long fence, String key, CompletableFuture<Void> lost, AutoCloseable keepAlive)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      keepAlive.close();
    }
  }

  /**
   * Blocks until this process leads; {@code address} is what the others report as the leader. On any failure the
   * lease is revoked: a key left behind would keep every candidate waiting.
   */
  public Term campaign(String address) throws Exception {
    long lease = client.getLeaseClient().grant(ttlSeconds).get(10, TimeUnit.SECONDS).getID();
    leaseId = lease;
    CompletableFuture<Void> lost = new CompletableFuture<>();
    CloseableClient keepAlive = client.getLeaseClient().keepAlive(lease, new StreamObserver<>() {
      @Override
      public void onNext(LeaseKeepAliveResponse response) {
        if (response.getTTL() <= 0) {
          lost.complete(null);
        }
      }

      @Override
      public void onError(Throwable error) {
        lost.complete(null);
      }

      @Override
      public void onCompleted() {
        lost.complete(null);
      }
    });
    try {
      LeaderKey key = client.getElectionClient().campaign(name, lease, bytes(address)).get().getLeader();
      // jetcd answers with the namespaced key; transactions through a namespaced client want it without.
      String full = key.getKey().toString(StandardCharsets.UTF_8);
      String relative = full.substring(full.lastIndexOf(name.toString(StandardCharsets.UTF_8)));
      return new Term(key.getRevision(), relative, lost, () -> {
        keepAlive.close();
        resign();
      });
    } catch (Exception | Error e) {
      keepAlive.close();
      resign();
      throw e;
    }
  }

  /** The current leader: the address it campaigned with, and its fence (the {@link Term#fence()} it holds). */
  public record Leader(String address, long fence) {}

  /** The current leader, if there is one (or etcd cannot say). */
  public Optional<Leader> current() {
    try {
      LeaderResponse response = client.getElectionClient().leader(name).get(2, TimeUnit.SECONDS);
      return Optional.of(new Leader(response.getKv().getValue().toString(StandardCharsets.UTF_8),
          response.getKv().getCreateRevision()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The current leader's address, if there is one. */
  public Optional<String> leader() {
    return current().map(Leader::address);
  }

  /** Gives up the lease: the next candidate takes over at once instead of after the TTL. */
  public void resign() {
    long lease = leaseId;
    if (lease != 0) {
      try {
        client.getLeaseClient().revoke(lease).get(2, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // The lease expires by itself.
      }
    }
  }

  @Override
  public void close() {
    resign();
    client.close();
  }

  private static ByteSequence bytes(String value) {
    return ByteSequence.from(value, StandardCharsets.UTF_8);
  }
}
