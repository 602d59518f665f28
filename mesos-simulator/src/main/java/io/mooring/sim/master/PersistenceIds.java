package io.mooring.sim.master;

import io.mooring.sim.resources.ResourceRules;
import io.mooring.sim.resources.Resources;
import java.util.HashSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Persistence ids by role, which CREATE requires unique on an agent (validation.cpp): kept as a set so that checking
 * a new volume does not mean scanning every resource the agent holds.
 */
final class PersistenceIds {
  private final Set<String> keys = new HashSet<>();

  static PersistenceIds of(Resources resources) {
    PersistenceIds ids = new PersistenceIds();
    resources.persistentVolumes().forEach(ids::add);
    return ids;
  }

  boolean contains(Resource volume) {
    return keys.contains(key(volume));
  }

  void add(Resource volume) {
    keys.add(key(volume));
  }

  void remove(Resource volume) {
    keys.remove(key(volume));
  }

  private static String key(Resource volume) {
    return ResourceRules.reservationRole(volume) + " " + volume.getDisk().getPersistence().getId();
  }
}
