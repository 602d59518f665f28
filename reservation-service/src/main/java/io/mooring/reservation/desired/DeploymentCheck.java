package io.mooring.reservation.desired;

import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.Convergence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * When a running deployment has reached its goal: every run spec it affects has converged (at the deployment's
 * version or a later one; or, for a stop, is gone with every instance expunged once volume-gc-service cleaned it).
 */
public final class DeploymentCheck {
  private DeploymentCheck() {}

  /**
   * Pure: whether {@code deployment} is done, given the desired state, the instances per run spec and every running
   * deployment. A deployment of a run spec deleted since (a later running stop of it) is done with the deletion.
   */
  public static boolean done(Deployment deployment, Function<String, Optional<RunSpec>> specs,
      Map<String, List<Instance>> instancesByRunSpec, List<Deployment> running) {
    boolean stop = isStop(deployment);
    for (String id : affected(deployment)) {
      Optional<RunSpec> spec = specs.apply(id);
      boolean seen = stop || deletedSince(deployment, id, running) ? spec.isEmpty()
          : spec.isPresent() && RunSpecs.version(spec.get()).compareTo(deployment.getVersion()) >= 0;
      if (!seen || !Convergence.converged(spec, instancesByRunSpec.getOrDefault(id, List.of()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isStop(Deployment deployment) {
    return deployment.getStepsList().stream().map(DeploymentStep::getActionsList).flatMap(List::stream)
        .map(DeploymentAction::getAction).anyMatch(a -> a.startsWith("Stop"));
  }

  private static boolean deletedSince(Deployment deployment, String runSpecId, List<Deployment> running) {
    return running.stream().anyMatch(later -> isStop(later) && affected(later).contains(runSpecId)
        && later.getVersion().compareTo(deployment.getVersion()) > 0);
  }

  public static List<String> affected(Deployment deployment) {
    return Stream.concat(deployment.getAffectedAppsList().stream(),
        deployment.getAffectedPodsList().stream()).toList();
  }
}
