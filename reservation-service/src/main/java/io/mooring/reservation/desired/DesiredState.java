package io.mooring.reservation.desired;

import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.RunSpec;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The run specs as definition-service last told us. Nothing may be planned before the first snapshot is complete:
 * an empty map would read as "every app was deleted". A run spec that is absent was either deleted (a DELETED
 * event, or the operator confirmed it gone) or merely missing from a snapshot; only the first is sure to be the
 * user's wish (see {@link io.mooring.reservation.core.DecommissionGuard}).
 */
@Singleton
public class DesiredState {
  private final Map<String, RunSpec> specs = new ConcurrentHashMap<>();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
  private volatile boolean ready;

  public boolean ready() {
    return ready;
  }

  public Optional<RunSpec> get(String runSpecId) {
    return Optional.ofNullable(specs.get(runSpecId));
  }

  /** Whether any current spec is one {@code test} accepts. */
  public boolean any(Predicate<RunSpec> test) {
    return specs.values().stream().anyMatch(test);
  }

  /**
   * The specs, the deletions that still matter, and the run specs that wait for an earlier step of their deployment
   * (what they depend on), as of one moment.
   */
  public record View(Map<String, RunSpec> specs, Set<String> deleted, Set<String> waiting) {}

  /**
   * The specs and the deleted run specs among {@code withInstances}, read together: a DELETED event between two
   * separate reads could show a spec and then forget its deletion (it has no instance yet), and once the pass has
   * created instances from that spec they would read as merely missing. A deletion matters only while the run spec
   * has instances, so the others are forgotten.
   */
  public synchronized View view(Set<String> withInstances) {
    deleted.retainAll(withInstances);
    return new View(Map.copyOf(specs), Set.copyOf(deleted), DeploymentCheck.waiting(deployments.values()));
  }

  /** A deployment started or progressed (kept) or ended (forgotten). */
  synchronized void deployment(Deployment deployment) {
    if (deployment.getState() == Deployment.State.RUNNING) {
      deployments.put(deployment.getId(), deployment);
    } else {
      deployments.remove(deployment.getId());
    }
  }

  /**
   * A run spec the snapshot lacks goes without being marked deleted: the snapshot may be wrong or partial. At once,
   * so that no {@link #view} sees it half applied.
   */
  synchronized void replaceAll(Map<String, RunSpec> snapshot, Collection<Deployment> running) {
    deployments.clear();
    running.forEach(this::deployment);
    specs.keySet().retainAll(snapshot.keySet());
    snapshot.forEach(this::put);
    ready = true;
  }

  /**
   * A newer version of a spec. This service's own changes (a scale through KillInstances) arrive here before the
   * watch repeats them, so an older version never replaces a newer one.
   */
  public synchronized void put(String runSpecId, RunSpec spec) {
    specs.merge(runSpecId, spec,
        (known, offered) -> RunSpecs.version(offered).compareTo(RunSpecs.version(known)) >= 0 ? offered : known);
    deleted.remove(runSpecId);
  }

  /** The user deleted it: marked before it goes, so that it never reads as merely missing. */
  synchronized void remove(String runSpecId) {
    deleted.add(runSpecId);
    specs.remove(runSpecId);
  }

  /** The operator's word that these run specs are gone for good (those that still have a spec are not). */
  public synchronized void confirmDeleted(Collection<String> runSpecIds) {
    runSpecIds.stream().filter(id -> !specs.containsKey(id)).forEach(deleted::add);
  }
}
