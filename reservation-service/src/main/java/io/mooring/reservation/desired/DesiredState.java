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
    specs.putAll(snapshot);
    ready = true;
  }

  /** A change this service made itself (a scale through KillInstances), ahead of the watch event that repeats it. */
  public void put(String runSpecId, RunSpec spec) {
    specs.put(runSpecId, spec);
  }

  void remove(String runSpecId) {
    specs.remove(runSpecId);
  }
}
