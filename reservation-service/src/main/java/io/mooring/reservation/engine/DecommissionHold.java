package io.mooring.reservation.engine;

import io.mooring.proto.v1.Instance;
import io.mooring.reservation.core.DecommissionGuard;
import io.mooring.reservation.core.DecommissionGuard.Held;
import java.util.Collection;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's use of {@link DecommissionGuard}: what it holds now, said loudly (ERROR) at once when that
 * changes and then once a minute while it lasts. Confined to the reconciler thread.
 */
final class DecommissionHold {
  private static final Logger LOG = LoggerFactory.getLogger(DecommissionHold.class);
  private static final long LOG_EVERY_MILLIS = 60_000;
  /** The log names this many run specs at most; ConfirmDecommission without ids answers them all. */
  private static final int LOGGED_IDS = 50;
  private final DecommissionGuard.Rule rule;
  private Held current = Held.NOTHING;
  private long loggedAt;

  DecommissionHold(DecommissionGuard.Rule rule) {
    this.rule = rule;
  }

  Held check(Set<String> specified, Set<String> deleted, Collection<Instance> instances, long nowMillis) {
    Held held = DecommissionGuard.held(specified, deleted, instances, rule);
    if (held.any() && (!held.runSpecIds().equals(current.runSpecIds()) || nowMillis - loggedAt >= LOG_EVERY_MILLIS)) {
      loggedAt = nowMillis;
      LOG.error("HOLDING {} run specs that definition-service's snapshot lacks ({} specs in it): decommissioning "
          + "their {} of {} live instances would destroy their volumes, so they are left as they are until the "
          + "specs come back or the operator confirms (ReservationService.ConfirmDecommission, or "
          + "MOORING_CONFIRM_DECOMMISSION=true). Held: {}", held.runSpecIds().size(), specified.size(),
          held.instances(), held.live(), named(held));
    } else if (!held.any() && current.any()) {
      LOG.warn("no run spec held any more (was: {})", named(current));
    }
    current = held;
    return held;
  }

  Held current() {
    return current;
  }

  private static String named(Held held) {
    int more = held.runSpecIds().size() - LOGGED_IDS;
    return String.join(", ", held.runSpecIds().subList(0, Math.min(LOGGED_IDS, held.runSpecIds().size())))
        + (more > 0 ? " and " + more + " more" : "");
  }
}
