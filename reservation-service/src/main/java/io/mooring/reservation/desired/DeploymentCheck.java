package io.mooring.reservation.desired;

import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.Convergence;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    return stepsDone(deployment, specs, instancesByRunSpec, running) == deployment.getStepsCount();
  }

  /**
   * Pure: how many of the deployment's steps, from the first, are done: each run spec they act on has converged.
   * The next step may then begin.
   */
  public static int stepsDone(Deployment deployment, Function<String, Optional<RunSpec>> specs,
      Map<String, List<Instance>> instancesByRunSpec, List<Deployment> running) {
    int done = 0;
    for (DeploymentStep step : deployment.getStepsList()) {
      for (DeploymentAction action : step.getActionsList()) {
        String id = action.hasApp() ? action.getApp() : action.getPod();
        Optional<RunSpec> spec = specs.apply(id);
        boolean stop = action.getAction().startsWith("Stop");
        boolean seen = stop || deletedSince(deployment, id, running) ? spec.isEmpty()
            : spec.isPresent() && RunSpecs.version(spec.get()).compareTo(deployment.getVersion()) >= 0;
        if (!seen || !Convergence.converged(spec, instancesByRunSpec.getOrDefault(id, List.of()))) {
          return done;
        }
      }
      done++;
    }
    return done;
  }

  /**
   * Pure: the run specs that wait for an earlier step of their running deployment (the run specs they depend on)
   * before they change: acted on only in steps after the current one.
   */
  public static Set<String> waiting(Collection<Deployment> running) {
    Set<String> waiting = new HashSet<>();
    for (Deployment deployment : running) {
      Set<String> begun = new HashSet<>();
      List<DeploymentStep> steps = deployment.getStepsList();
      int current = Math.max(1, deployment.getCurrentStep());  // a running deployment is at its first step or later
      for (int i = 0; i < steps.size(); i++) {
        for (DeploymentAction action : steps.get(i).getActionsList()) {
          String id = action.hasApp() ? action.getApp() : action.getPod();
          if (i < current) {
            begun.add(id);
          } else if (!begun.contains(id)) {
            waiting.add(id);
          }
        }
      }
    }
    return waiting;
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
