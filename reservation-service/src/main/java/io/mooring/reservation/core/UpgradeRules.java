package io.mooring.reservation.core;

import io.mooring.model.HealthChecks;
import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.InstanceEvent.GoalChange;
import io.mooring.reservation.core.InstanceEvent.NewVersion;
import java.util.List;
import java.util.function.Predicate;

/**
 * The planner's rules for a new version. A scale-only version is taken by every instance at once. A new
 * configuration is taken at once by instances without a task; running old tasks are stopped a few at a time
 * (Marathon's restart strategy, never over capacity), and their instances come back with the new version through
 * the scale-up rule once the task has ended: kill before launch, on the same reservation.
 */
final class UpgradeRules {
  private UpgradeRules() {}

  static void takeNewVersions(Projection view, RunSpec spec, long nowMillis) {
    String version = RunSpecs.version(spec);
    String configVersion = RunSpecs.configVersion(spec);
    NewVersion newVersion = new NewVersion(version, configVersion, nowMillis);
    for (Instance instance : view.matching(i -> i.getGoal() == Goal.RUNNING)) {
      boolean sameConfig = instance.getConfigVersion().equals(configVersion);
      if ((sameConfig && !instance.getRunSpecVersion().equals(version))
          || (!sameConfig && InstanceStates.isIdle(instance))) {
        view.apply(instance, newVersion);
      }
    }
  }

  /**
   * Stops old tasks: those not running yet at once (they count for nothing toward health, and launching the old
   * configuration only to kill it is waste), running ones as far as the restart strategy allows now. Unreachable
   * ones are left alone: nothing can stop them, and giving up their data is the operator's call.
   */
  static void restartOldTasks(Projection view, RunSpec spec, long nowMillis) {
    String configVersion = RunSpecs.configVersion(spec);
    List<Instance> old = view.matching(i -> i.getGoal() == Goal.RUNNING && InstanceStates.isActive(i)
        && !i.getConfigVersion().equals(configVersion));
    old.stream().filter(i -> i.getState() != InstanceState.RUNNING_STATE)
        .forEach(victim -> view.apply(victim, new GoalChange(Goal.STOPPED, nowMillis)));
    Up up = Up.of(spec);
    int healthy = (int) view.count(up::test);
    int current = (int) view.count(ScalingRules::counted);
    int allowed = RestartStrategy.forResident(RunSpecs.instances(spec), RunSpecs.minimumHealthCapacity(spec),
        healthy, current).killImmediately();
    old.stream().filter(i -> i.getState() == InstanceState.RUNNING_STATE)
        .sorted(InstanceOrder.victims(configVersion, false)).limit(allowed)
        .forEach(victim -> view.apply(victim, new GoalChange(Goal.STOPPED, nowMillis)));
  }

  /**
   * When an instance counts as up for a run spec: running, wanted, and not about to be killed (a kill without wipe
   * already takes it down); each of its tasks that reports health (an app's with a check, a pod's whose container has
   * one) also healthy (a task still in its grace period counts for nothing yet); when the run spec has a readiness
   * check and the instance runs its configuration, also ready (one still on an older configuration was ready before,
   * as Marathon counts it).
   *
   * @param reportsHealth by task id, whether the task reports health
   */
  record Up(Predicate<String> reportsHealth, boolean readiness, String configVersion) {
    static Up of(RunSpec spec) {
      return new Up(HealthChecks.reportedBy(spec), HealthChecks.readiness(spec).isPresent(),
          RunSpecs.configVersion(spec));
    }

    boolean test(Instance instance) {
      boolean ready = !readiness || !instance.getConfigVersion().equals(configVersion)
          || instance.getTasksList().stream().allMatch(task -> task.hasReady() && task.getReady());
      boolean healthy = instance.getTasksList().stream().filter(task -> reportsHealth.test(task.getTaskId()))
          .allMatch(task -> task.hasHealthy() && task.getHealthy());
      return instance.getGoal() == Goal.RUNNING && instance.getState() == InstanceState.RUNNING_STATE
          && instance.getKillTaskId().isEmpty() && ready && healthy;
    }
  }
}
