package io.mooring.definition.deployment;

import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Pure: which deployment a change of desired state makes (Marathon's DeploymentPlan steps). */
public final class DeploymentPlanner {
  public enum Change { CREATE, UPDATE, RESTART, DELETE }

  /** One run spec's change: {@code before} is null for CREATE; {@code after} is the last version for DELETE. */
  public record Planned(Change change, RunSpec before, RunSpec after) {
    String id() {
      return RunSpecs.id(after);
    }
  }

  private DeploymentPlanner() {}

  public static Deployment plan(Change change, RunSpec before, RunSpec after, String version, String now) {
    return plan(List.of(new Planned(change, before, after)), Map.of(), version, now);
  }

  /**
   * One change alone: its actions one per step (a new app starts, then scales). Several: as Marathon orders them,
   * the stops first, then one step per dependency layer ({@code layers}: 0 for what depends on nothing in the
   * change), each starting, scaling or restarting the run specs of its layer.
   */
  public static Deployment plan(List<Planned> changes, Map<String, Integer> layers, String version, String now) {
    List<List<DeploymentAction>> steps = new ArrayList<>();
    if (changes.size() == 1) {
      actions(changes.get(0)).forEach(action -> steps.add(List.of(action)));
    } else {
      List<DeploymentAction> stops = new ArrayList<>();
      TreeMap<Integer, List<DeploymentAction>> byLayer = new TreeMap<>();
      for (Planned planned : changes) {
        List<DeploymentAction> actions = actions(planned);
        if (planned.change() == Change.DELETE) {
          stops.addAll(actions);
        } else if (!actions.isEmpty()) {
          byLayer.computeIfAbsent(layers.getOrDefault(planned.id(), 0), l -> new ArrayList<>()).addAll(actions);
        }
      }
      if (!stops.isEmpty()) {
        steps.add(stops);
      }
      steps.addAll(byLayer.values());
    }
    Deployment.Builder deployment = Deployment.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setVersion(version)
        // A change that alters nothing needs no action: complete at once, as Marathon completes an empty plan.
        .setState(steps.isEmpty() ? Deployment.State.SUCCEEDED : Deployment.State.RUNNING)
        .setCreatedAt(now)
        .setFinishedAt(steps.isEmpty() ? now : "")
        .setTotalSteps(steps.size())
        .setCurrentStep(steps.isEmpty() ? 0 : 1);
    for (Planned planned : changes) {
      if (changes.size() == 1 || !actions(planned).isEmpty()) {
        if (planned.after().hasApp()) {
          deployment.addAffectedApps(planned.id());
        } else {
          deployment.addAffectedPods(planned.id());
        }
      }
    }
    steps.forEach(step -> deployment.addSteps(DeploymentStep.newBuilder().addAllActions(step)));
    if (!steps.isEmpty()) {
      deployment.addAllCurrentActions(steps.get(0));
    }
    return deployment.build();
  }

  private static List<DeploymentAction> actions(Planned planned) {
    RunSpec after = planned.after();
    String suffix = after.hasApp() ? "Application" : "Pod";
    List<String> names = switch (planned.change()) {
      case CREATE -> List.of("Start" + suffix, "Scale" + suffix);
      case RESTART -> List.of("Restart" + suffix);
      case DELETE -> List.of("Stop" + suffix);
      case UPDATE -> updateActions(planned.before(), after, suffix);
    };
    List<DeploymentAction> actions = new ArrayList<>();
    for (String name : names) {
      DeploymentAction.Builder action = DeploymentAction.newBuilder().setAction(name);
      if (after.hasApp()) {
        action.setApp(RunSpecs.id(after));
      } else {
        action.setPod(RunSpecs.id(after));
      }
      actions.add(action.build());
    }
    return actions;
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

  /** Whether nothing but the version stamp differs. */
  public static boolean unchanged(RunSpec before, RunSpec after) {
    return onlyScaled(before, after) && RunSpecs.instances(before) == RunSpecs.instances(after);
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
