package io.mooring.reservation.core;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.InstanceEvent.GoalChange;
import java.util.List;
import java.util.Optional;

/** Decides what to do now so that one run spec's instances converge toward its desired state. */
public final class Planner {
  /** The rules settle in two or three passes; the bound only guards against a rule that would never settle. */
  private static final int MAX_PASSES = 10;

  private Planner() {}

  /**
   * The actions that move {@code instances} (all stored instances of {@code runSpecId}) toward {@code spec} (empty:
   * deleted), creating at most {@code maxCreates} new instances. Idempotent: the rules run on a projection of their
   * own actions until they settle, so once the actions are applied, planning again with the same inputs yields none
   * but the creations the bound held back. Decommissioned instances are left to volume-gc.
   */
  public static List<Action> plan(String runSpecId, Optional<RunSpec> spec, List<Instance> instances, String role,
      long nowMillis, IdSource ids, long maxCreates) {
    Projection view = new Projection(instances.stream().filter(i -> i.getRunSpecId().equals(runSpecId)).toList());
    if (spec.isEmpty()) {
      view.matching(i -> i.getGoal() != Goal.DECOMMISSIONED)
          .forEach(instance -> view.apply(instance, new GoalChange(Goal.DECOMMISSIONED, nowMillis)));
      return view.actions();
    }
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      int before = view.size();
      ScalingRules.relocateGone(view, spec.get(), nowMillis, ids);
      ScalingRules.scaleDown(view, spec.get(), nowMillis);
      UpgradeRules.takeNewVersions(view, spec.get(), nowMillis);
      UpgradeRules.restartOldTasks(view, spec.get(), nowMillis);
      ScalingRules.scaleUp(view, spec.get(), runSpecId, role, nowMillis, ids, maxCreates);
      if (view.size() == before) {
        break;
      }
    }
    return view.actions();
  }
}
