package io.mooring.reservation.engine;

import io.mooring.proto.v1.Instance;
import io.mooring.reservation.core.DecommissionGuard;
import io.mooring.reservation.core.DecommissionGuard.Held;
import io.mooring.reservation.store.InstanceStore;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's use of {@link DecommissionGuard}: what it holds now, which is what the next pass starts from
 * (holds are sticky), said loudly (ERROR) at once when that changes and then once a minute while it lasts. The held
 * run specs are stored in etcd ({@link InstanceStore#hold}) before a pass acts on a change, and read back with the
 * instances, so a hold outlives a restart of reservation-service or a move to another replica. Confined to the
 * reconciler thread.
 */
final class DecommissionHold {
  private static final Logger LOG = LoggerFactory.getLogger(DecommissionHold.class);
  private static final long LOG_EVERY_MILLIS = 60_000;
  /** The log names this many run specs at most; ConfirmDecommission without ids answers them all. */
  private static final int LOGGED_IDS = 50;
  private final DecommissionGuard.Rule rule;
  private final InstanceStore store;
  /** What is held, as stored. */
  private Held current = Held.NOTHING;
  private long loggedAt;

  DecommissionHold(DecommissionGuard.Rule rule, InstanceStore store) {
    this.rule = rule;
    this.store = store;
  }

  /** Reads what is held back from etcd; its counts stay unknown (0) until the next check. */
  void load() {
    List<String> stored = store.held();
    current = stored.isEmpty() ? Held.NOTHING : new Held(stored, 0, 0);
  }

  /**
   * What is held from now on. A change is stored before it is returned (and so before the pass acts on it): if
   * that fails, the pass fails and the next one starts from the same hold.
   */
  Held check(Set<String> specified, Set<String> deleted, Collection<Instance> instances, long nowMillis) {
    Held held = DecommissionGuard.held(DecommissionGuard.census(specified, deleted, instances),
        Set.copyOf(current.runSpecIds()), rule);
    boolean changed = !held.runSpecIds().equals(current.runSpecIds());
    if (changed) {
      store.hold(held.runSpecIds());  // before the pass acts on it
    }
    Set<String> kept = Set.copyOf(held.runSpecIds());
    if (held.any() && (changed || nowMillis - loggedAt >= LOG_EVERY_MILLIS)) {
      loggedAt = nowMillis;
      LOG.error("HOLDING {} run specs that definition-service's snapshot lacks ({} specs in it): decommissioning "
          + "their {} of {} live instances would destroy their volumes, so they are left as they are until the "
          + "specs come back or the operator confirms (ReservationService.ConfirmDecommission, or "
          + "MOORING_CONFIRM_DECOMMISSION=true). Held: {}", held.runSpecIds().size(), specified.size(),
          held.instances(), held.live(), named(held.runSpecIds()));
    }
    List<String> released = current.runSpecIds().stream().filter(id -> !kept.contains(id)).toList();
    if (!released.isEmpty()) {
      LOG.warn("no longer held (the spec is back, or deleted, or the operator confirmed): {}", named(released));
    }
    current = held;
    return held;
  }

  Held current() {
    return current;
  }

  private static String named(List<String> runSpecIds) {
    int more = runSpecIds.size() - LOGGED_IDS;
    return String.join(", ", runSpecIds.subList(0, Math.min(LOGGED_IDS, runSpecIds.size())))
        + (more > 0 ? " and " + more + " more" : "");
  }
}
