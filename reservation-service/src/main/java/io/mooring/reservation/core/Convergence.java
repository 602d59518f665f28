package io.mooring.reservation.core;

import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import java.util.List;
import java.util.Optional;

/** Whether a deployment of one run spec is done, judged from its instances alone. */
public final class Convergence {
  private Convergence() {}

  /**
   * Spec present: exactly {@code instances} instances with goal Running, all running the spec's config version and
   * up ({@link UpgradeRules.Up}: healthy and ready when checked), and no other instance with an active task. Spec absent: no instance
   * left, that is every reservation and volume of the run spec destroyed and every instance expunged by
   * volume-gc-service.
   * An unreachable task counts as ended here, as Marathon's kill watcher counts it: it cannot be killed anyway.
   */
  public static boolean converged(Optional<RunSpec> spec, List<Instance> instances) {
    if (spec.isEmpty()) {
      return instances.isEmpty();
    }
    String configVersion = RunSpecs.configVersion(spec.get());
    UpgradeRules.Up up = UpgradeRules.Up.of(spec.get());
    List<Instance> running = instances.stream().filter(i -> i.getGoal() == Goal.RUNNING).toList();
    boolean allUpToDate = running.stream().allMatch(i -> up.test(i)
        && i.getConfigVersion().equals(configVersion));
    boolean othersQuiet = instances.stream()
        .filter(i -> i.getGoal() != Goal.RUNNING).noneMatch(InstanceStates::isActive);
    return running.size() == RunSpecs.instances(spec.get()) && allUpToDate && othersQuiet;
  }
}
