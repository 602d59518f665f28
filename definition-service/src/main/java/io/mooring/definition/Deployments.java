package io.mooring.definition;

import io.mooring.definition.store.DefinitionStore;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentProgress;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/** Running deployments and the progress their executor (reservation-service) reports; finished ones are forgotten. */
@Singleton
public class Deployments {
  private final DefinitionStore store;
  private final VersionClock clock;

  public Deployments(DefinitionStore store, VersionClock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The running deployments, oldest first. */
  public List<Deployment> list() {
    return store.deployments().stream().map(Versioned::value)
        .sorted(Comparator.comparing(Deployment::getCreatedAt).thenComparing(Deployment::getId))
        .toList();
  }

  public Deployment progress(DeploymentProgress progress) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Versioned<Deployment> current = store.deployment(progress.getDeploymentId()).orElseThrow(() ->
          Errors.notFound("DeploymentPlan " + progress.getDeploymentId() + " does not exist"));
      Deployment deployment = current.value();
      Deployment.Builder updated = deployment.toBuilder().setCurrentStep(progress.getCurrentStep())
          .setState(progress.getState()).clearCurrentActions();
      int step = progress.getCurrentStep();
      if (progress.getState() == Deployment.State.RUNNING && step >= 1 && step <= deployment.getStepsCount()) {
        updated.addAllCurrentActions(deployment.getSteps(step - 1).getActionsList());
      }
      if (progress.getState() != Deployment.State.RUNNING) {
        updated.setFinishedAt(clock.now());
      }
      if (store.updateDeployment(current, updated.build())) {
        return updated.build();
      }
    }
    throw Errors.conflict("deployment " + progress.getDeploymentId() + " was changed concurrently; retry");
  }
}
