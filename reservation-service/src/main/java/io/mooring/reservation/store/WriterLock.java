package io.mooring.reservation.store;

import io.micronaut.context.annotation.Value;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.etcd.LeaderElection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * reservation-service is the single writer of instances: a replica writes only while it holds this etcd lock, and
 * every write transaction checks the lock key, so a replica that lost the lock (a partitioned pod during a rollout)
 * cannot create or change anything.
 */
@Singleton
public class WriterLock {
  static final String NAME = InstanceStore.PREFIX + "writer";
  private final LeaderElection election;
  private final String holder;
  private volatile LeaderElection.Term term;

  public WriterLock(@Value("${mooring.etcd.endpoints:`http://127.0.0.1:2379`}") String endpoints,
      @Value("${mooring.etcd.namespace:}") String namespace,
      @Value("${mooring.reservation.lock-ttl:5s}") Duration ttl,
      @Value("${grpc.server.host:127.0.0.1}:${grpc.server.port:9102}") String holder) {
    this.election = new LeaderElection(NAME, EtcdFactory.client(endpoints, namespace), ttl.toSeconds());
    this.holder = holder;
  }

  /** Blocks until this replica holds the lock; returns at once if it does. */
  public void acquire() throws Exception {
    LeaderElection.Term current = term;
    if (current == null || current.lost().isDone()) {
      release();
      term = election.campaign(holder);
    }
  }

  public boolean held() {
    LeaderElection.Term current = term;
    return current != null && !current.lost().isDone();
  }

  /** The lock key and its revision, for the condition every write transaction carries. */
  public Optional<LeaderElection.Term> guard() {
    return Optional.ofNullable(term);
  }

  @PreDestroy
  public void release() {
    LeaderElection.Term current = term;
    term = null;
    if (current != null) {
      try {
        current.close();
      } catch (Exception ignored) {
        // The lease expires by itself.
      }
    }
  }
}
