package io.mooring.reservation.core;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decommissioning destroys volumes, so a run spec that is merely missing from a snapshot of definition-service (as
 * opposed to one the user deleted) may only take its instances with it when that is plausible: an empty snapshot,
 * or one without a large part of the instances, is far more likely definition-service on the wrong etcd namespace,
 * an etcd restore or a bug than the user's wish. Such run specs are held: not planned at all until they come back
 * or the operator confirms.
 */
public final class DecommissionGuard {
  private DecommissionGuard() {}

  /**
   * The settings: a vanished run spec goes ahead while the instances it would decommission number at most
   * {@code floor} or at most {@code share} of the live ones; {@code confirmed} releases every hold.
   */
  public record Rule(double share, int floor, boolean confirmed) {}

  /** What is held: the run specs (sorted), the live instances they would decommission, and all live instances. */
  public record Held(List<String> runSpecIds, long instances, long live) {
    public static final Held NOTHING = new Held(List.of(), 0, 0);

    public boolean any() {
      return !runSpecIds.isEmpty();
    }
  }

  /**
   * Pure: the run specs whose instances must be left as they are. A run spec vanished when it has live (not
   * decommissioned) instances, no spec, and no deletion (a DELETED event, or the operator's confirmation). Vanished
   * run specs are held, all of them, when the desired state is empty or when they exceed both the floor and the share.
   */
  public static Held held(Set<String> specified, Set<String> deleted, Collection<Instance> instances, Rule rule) {
    TreeMap<String, Long> vanished = new TreeMap<>();
    long live = 0;
    for (Instance instance : instances) {
      if (instance.getGoal() == Goal.DECOMMISSIONED) {
        continue;
      }
      live++;
      String id = instance.getRunSpecId();
      if (!specified.contains(id) && !deleted.contains(id)) {
        vanished.merge(id, 1L, Long::sum);
      }
    }
    long decommissioned = vanished.values().stream().mapToLong(Long::longValue).sum();
    boolean implausible = specified.isEmpty()
        || decommissioned > Math.max(rule.floor(), rule.share() * live);
    if (vanished.isEmpty() || rule.confirmed() || !implausible) {
      return Held.NOTHING;
    }
    return new Held(List.copyOf(vanished.keySet()), decommissioned, live);
  }
}
