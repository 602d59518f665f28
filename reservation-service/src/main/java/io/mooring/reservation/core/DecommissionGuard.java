package io.mooring.reservation.core;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decommissioning destroys volumes, so a run spec that is merely missing from a snapshot of definition-service (as
 * opposed to one the user deleted) may only take its instances with it when that is plausible: an empty snapshot,
 * or one without a large part of the instances, is far more likely definition-service on the wrong etcd namespace,
 * an etcd restore or a bug than the user's wish. Such run specs are held: not planned at all.
 *
 * <p>The rule, pass by pass. A run spec has vanished when it has live (not decommissioned) instances, no spec and no
 * deletion (a DELETED event, or the operator's confirmation). Everything that has vanished is implausible when there
 * is no spec at all, or when its live instances are more than max(floor, share × all live instances). Then
 *
 * <ul>
 *   <li>a held run spec stays held as long as it has vanished: only its spec coming back, its deletion or the
 *       confirm-decommission setting releases it. Proportions never do: recomputed each pass, a hold would end
 *       when another app scales up (more live instances) or when the operator confirms part of it (fewer missing),
 *       and the rest would be decommissioned unasked;
 *   <li>the run specs that newly vanished are all held, or all go, as everything that has vanished is implausible or
 *       not. The held ones count in: a snapshot that loses a large part piece by piece (the next one also lacks
 *       {@code /b}, then {@code /c}) holds every later piece, however small, while the earlier ones are held.
 * </ul>
 *
 * Pieces that each stay within the threshold while nothing is held still go one by one: each looks exactly like an
 * app deleted while the watch was away. What is held is stored in etcd, so the first pass after a restart starts
 * from it too.
 */
public final class DecommissionGuard {
  private DecommissionGuard() {}

  /**
   * The settings: newly vanished run specs go ahead while the instances of all vanished ones number at most
   * {@code floor} or at most {@code share} of the live ones; {@code confirmed} releases every hold.
   */
  public record Rule(double share, int floor, boolean confirmed) {}

  /** The live instances of each vanished run spec, all live instances, and whether there is no spec at all. */
  public record Census(Map<String, Long> vanished, long live, boolean noSpecs) {}

  /** What is held: the run specs (sorted), the live instances they would decommission, and all live instances. */
  public record Held(List<String> runSpecIds, long instances, long live) {
    public static final Held NOTHING = new Held(List.of(), 0, 0);

    public boolean any() {
      return !runSpecIds.isEmpty();
    }
  }

  /** Pure: counts the live instances of the run specs that have neither a spec nor a deletion. */
  public static Census census(Set<String> specified, Set<String> deleted, Collection<Instance> instances) {
    Map<String, Long> vanished = new HashMap<>();
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
    return new Census(vanished, live, specified.isEmpty());
  }

  /**
   * Pure: the run specs held from now on, given those {@code held} so far (see the class comment): a vanished run
   * spec is held when it already was or when everything vanished is implausible, unless the rule is confirmed.
   */
  public static Held held(Census census, Set<String> held, Rule rule) {
    if (rule.confirmed()) {
      return Held.NOTHING;
    }
    boolean implausible = census.noSpecs() || sum(census.vanished().values())
        > Math.max(rule.floor(), rule.share() * census.live());
    List<String> ids = census.vanished().keySet().stream().filter(id -> implausible || held.contains(id)).sorted()
        .toList();
    return ids.isEmpty() ? Held.NOTHING
        : new Held(ids, sum(ids.stream().map(census.vanished()::get).toList()), census.live());
  }

  private static long sum(Collection<Long> counts) {
    return counts.stream().mapToLong(Long::longValue).sum();
  }
}
