package io.mooring.definition.deployment;

import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import java.util.List;
import java.util.UUID;

/** Pure: which deployment a change of desired state makes (Marathon's DeploymentPlan steps). */
public final class DeploymentPlanner {
  public enum Change { CREATE, UPDATE, RESTART, DELETE }

  private DeploymentPlanner() {}

  /** {@code before} is absent for CREATE; {@code after} is the last version for DELETE. */
  public static Deployment plan(Change change, RunSpec before, RunSpec after, String version, String now) {
    boolean app = after.hasApp();
    String id = RunSpecs.id(after);
    String suffix = app ? "Application" : "Pod";
    List<String> actions = switch (change) {
      case CREATE -> List.of("Start" + suffix, "Scale" + suffix);
      case RESTART -> List.of("Restart" + suffix);
      case DELETE -> List.of("Stop" + suffix);
      case UPDATE -> updateActions(before, after, suffix);
    };
    Deployment.Builder deployment = Deployment.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setVersion(version)
        // An update that alters nothing needs no action: complete at once, as Marathon completes an empty plan.
        .setState(actions.isEmpty() ? Deployment.State.SUCCEEDED : Deployment.State.RUNNING)
        .setCreatedAt(now)
        .setFinishedAt(actions.isEmpty() ? now : "")
        .setTotalSteps(actions.size())
        .setCurrentStep(actions.isEmpty() ? 0 : 1);
    if (app) {
      deployment.addAffectedApps(id);
    } else {
      deployment.addAffectedPods(id);
    }
    for (String action : actions) {
      DeploymentAction.Builder step = DeploymentAction.newBuilder().setAction(action);
      if (app) {
        step.setApp(id);
      } else {
        step.setPod(id);
      }
      deployment.addSteps(DeploymentStep.newBuilder().addActions(step));
    }
    if (!actions.isEmpty()) {
      deployment.addAllCurrentActions(deployment.getSteps(0).getActionsList());
    }
    return deployment.build();
  }

  /** Only the instance count changed: scale; anything else changed: restart; nothing: no steps. */
  private static List<String> updateActions(RunSpec before, RunSpec after, String suffix) {
    if (!onlyScaled(before, after)) {
      return List.of("Restart" + suffix);
    }
    return RunSpecs.instances(before) == RunSpecs.instances(after) ? List.of() : List.of("Scale" + suffix);
  }

  /** Whether nothing but the instance count (and the version stamp) differs. */
  public static boolean onlyScaled(RunSpec before, RunSpec after) {
    return withoutScaleAndVersion(before).equals(withoutScaleAndVersion(after));
  }

  private static RunSpec withoutScaleAndVersion(RunSpec spec) {
    if (spec.hasApp()) {
      App app = spec.getApp().toBuilder().clearInstances().clearVersion().clearVersionInfo().build();
      return RunSpec.newBuilder().setApp(app).build();
    }
    Pod pod = spec.getPod().toBuilder().clearVersion()
        .setScaling(spec.getPod().getScaling().toBuilder().clearInstances()).build();
    return RunSpec.newBuilder().setPod(pod).build();
  }
}
