package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reconcile pass over every run spec. New instances come a batch per pass: the reconciler's one thread also
 * serves claims and status reports, which must not wait behind thousands of creations and their etcd writes.
 */
public final class PassPlanner {
  private PassPlanner() {}

  /** The actions of a pass; {@code more}: the batch is full, so another pass should follow at once. */
  public record Plan(List<Action> actions, boolean more) {}

  /**
   * Pure: plans every run spec known to {@code specs} or to {@code instances} (an instance without a spec is
   * decommissioned), except the {@code held} ones, creating at most {@code maxCreates} instances in all.
   */
  public static Plan plan(Map<String, RunSpec> specs, Collection<Instance> instances, Collection<String> held,
      int maxCreates, String role, long nowMillis, IdSource ids) {
    Map<String, List<Instance>> byRunSpec = new HashMap<>();
    instances.forEach(i -> byRunSpec.computeIfAbsent(i.getRunSpecId(), id -> new ArrayList<>()).add(i));
    Set<String> runSpecIds = new TreeSet<>(specs.keySet());
    runSpecIds.addAll(byRunSpec.keySet());
    runSpecIds.removeAll(held);
    List<Action> actions = new ArrayList<>();
    long created = 0;
    for (String id : runSpecIds) {
      List<Action> planned = Planner.plan(id, Optional.ofNullable(specs.get(id)), byRunSpec.getOrDefault(id, List.of()),
          role, nowMillis, ids, maxCreates - created);
      created += planned.stream().filter(Action.Create.class::isInstance).count();
      actions.addAll(planned);
    }
    return new Plan(actions, created >= maxCreates);
  }
}
