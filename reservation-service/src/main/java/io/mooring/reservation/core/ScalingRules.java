package io.mooring.reservation.core;

import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.InstanceEvent.GoalChange;
import io.mooring.reservation.core.InstanceEvent.NewVersion;
import io.mooring.reservation.core.InstanceEvent.NewVolumes;
import java.util.List;

/** The planner's rules for the number of instances: scale down, scale up (reusing stopped ones), agents gone. */
final class ScalingRules {
  private ScalingRules() {}

  static boolean counted(Instance instance) {
    return instance.getGoal() == Goal.RUNNING;
  }

  /** A task that no longer counts but still occupies a slot until its kill lands. */
  static boolean killPending(Instance instance) {
    return instance.getGoal() != Goal.RUNNING && InstanceStates.isActive(instance);
  }

  /** Too many instances want to run: stop the surplus (reservation and volumes are kept). */
  static void scaleDown(Projection view, RunSpec spec, long nowMillis) {
    long surplus = view.count(ScalingRules::counted) - RunSpecs.instances(spec);
    if (surplus <= 0) {
      return;
    }
    boolean oldestFirst = spec.hasApp() && "OLDEST_FIRST".equals(spec.getApp().getKillSelection());
    view.matching(ScalingRules::counted).stream()
        .sorted(InstanceOrder.victims(RunSpecs.configVersion(spec), oldestFirst))
        .limit(surplus)
        .forEach(victim -> view.apply(victim, new GoalChange(Goal.STOPPED, nowMillis)));
  }

  /**
   * Too few: first reuse stopped instances whose task has ended (same agent, same data), then create new ones, no
   * more than {@code maxCreates} in all. A stopped task still being killed will free its slot soon: wait for it
   * rather than launch past {@code instances}.
   */
  static void scaleUp(Projection view, RunSpec spec, String runSpecId, String role, long nowMillis, IdSource ids,
      long maxCreates) {
    long missing = RunSpecs.instances(spec) - view.count(ScalingRules::counted) - view.count(ScalingRules::killPending);
    if (missing <= 0) {
      return;
    }
    List<Instance> reusable = view.matching(ScalingRules::reusable).stream()
        .sorted(InstanceOrder.reuse()).limit(missing).toList();
    for (Instance instance : reusable) {
      view.apply(instance, new GoalChange(Goal.RUNNING, nowMillis));
      view.apply(instance, new NewVersion(RunSpecs.version(spec), RunSpecs.configVersion(spec), nowMillis));
    }
    long creates = Math.min(missing - reusable.size(), maxCreates - view.created());
    for (long i = 0; i < creates; i++) {
      view.create(NewInstances.create(runSpecId, spec, role, nowMillis, ids));
    }
  }

  /**
   * The operator marked the agent gone, or a claim was abandoned: the instance starts over elsewhere, with fresh
   * volumes.
   */
  static void relocateGone(Projection view, RunSpec spec, long nowMillis, IdSource ids) {
    boolean persistent = !RunSpecs.persistentVolumePaths(spec).isEmpty();
    view.matching(i -> i.getGoal() != Goal.DECOMMISSIONED && (i.getState() == InstanceState.GONE
            || (i.getState() == InstanceState.SCHEDULED && i.getVolumesCount() == 0 && persistent)))
        .forEach(instance -> view.apply(instance, new NewVolumes(NewInstances.freshVolumes(instance, spec, ids), nowMillis)));
  }

  private static boolean reusable(Instance instance) {
    return instance.getGoal() == Goal.STOPPED
        && (instance.getState() == InstanceState.SUSPENDED || instance.getState() == InstanceState.SCHEDULED);
  }
}
