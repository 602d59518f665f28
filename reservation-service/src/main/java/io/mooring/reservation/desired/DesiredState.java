package io.mooring.reservation.desired;

import io.mooring.proto.v1.RunSpec;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  private volatile boolean ready;

  public boolean ready() {
    return ready;
  }

  public Optional<RunSpec> get(String runSpecId) {
    return Optional.ofNullable(specs.get(runSpecId));
  }

  public Map<String, RunSpec> all() {
    return Map.copyOf(specs);
  }

  /** A run spec the snapshot lacks goes without being marked deleted: the snapshot may be wrong or partial. */
  void replaceAll(Map<String, RunSpec> snapshot) {
    specs.keySet().retainAll(snapshot.keySet());
    snapshot.forEach(this::put);
    ready = true;
  }

  /**
   * A newer version of a spec. This service's own changes (a scale through KillInstances) arrive here before the
   * watch repeats them, so an older version never replaces a newer one.
   */
  public synchronized void put(String runSpecId, RunSpec spec) {
    specs.merge(runSpecId, spec, (known, offered) -> version(offered).compareTo(version(known)) >= 0 ? offered : known);
    deleted.remove(runSpecId);
  }

  private static String version(RunSpec spec) {
    return spec.hasApp() ? spec.getApp().getVersion() : spec.getPod().getVersion();
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

  /**
   * The deleted run specs among {@code withInstances}; a deletion matters only while the run spec has instances,
   * so the others are forgotten.
   */
  public Set<String> deletions(Set<String> withInstances) {
    deleted.retainAll(withInstances);
    return Set.copyOf(deleted);
  }
}
