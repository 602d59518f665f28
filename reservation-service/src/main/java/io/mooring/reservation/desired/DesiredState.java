package io.mooring.reservation.desired;

import io.mooring.proto.v1.RunSpec;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run specs as definition-service last told us. Nothing may be planned before the first snapshot is complete:
 * an empty map would read as "every app was deleted".
 */
@Singleton
public class DesiredState {
  private final Map<String, RunSpec> specs = new ConcurrentHashMap<>();
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

  void replaceAll(Map<String, RunSpec> snapshot) {
    specs.keySet().retainAll(snapshot.keySet());
    snapshot.forEach(this::put);
    ready = true;
  }

  /**
   * A newer version of a spec. This service's own changes (a scale through KillInstances) arrive here before the
   * watch repeats them, so an older version never replaces a newer one.
   */
  public void put(String runSpecId, RunSpec spec) {
    specs.merge(runSpecId, spec, (known, offered) -> version(offered).compareTo(version(known)) >= 0 ? offered : known);
  }

  private static String version(RunSpec spec) {
    return spec.hasApp() ? spec.getApp().getVersion() : spec.getPod().getVersion();
  }

  void remove(String runSpecId) {
    specs.remove(runSpecId);
  }
}
