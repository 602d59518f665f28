package io.mooring.definition;

import io.mooring.definition.Changes.Draft;
import io.mooring.definition.Changes.Item;
import io.mooring.definition.Changes.Request;
import io.mooring.definition.deployment.DeploymentPlanner.Change;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.CancelDeploymentRequest;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentProgress;
import io.mooring.proto.v1.RollbackImage;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Running deployments, the progress their executor (reservation-service) reports, and their cancellation or
 * rollback; finished ones are forgotten.
 */
@Singleton
public class Deployments {
  private final DefinitionStore store;
  private final VersionClock clock;
  private final Changes changes;

  public Deployments(DefinitionStore store, VersionClock clock, Changes changes) {
    this.store = store;
    this.clock = clock;
    this.changes = changes;
  }

  /**
   * With {@code force}: the deployment is canceled and its run specs stay as they now are. Without: it is canceled
   * and a new deployment brings each of its run specs back to what it was before it (a new one deleted, a deleted
   * one restored).
   */
  public ChangeResult cancel(CancelDeploymentRequest request) {
    String id = request.getId();
    return changes.commit(() -> {
      Versioned<Deployment> deployment = store.deployment(id).orElseThrow(() -> notFound(id));
      if (request.getForce()) {
        return Optional.of(new Draft(List.of(), List.of(), List.of(), Map.of(), Optional.of(deployment)));
      }
      RollbackImage before = store.before(id).orElse(RollbackImage.getDefaultInstance());
      List<Item> items = new ArrayList<>();
      for (StoredRunSpec old : before.getSpecsList()) {
        String runSpecId = RunSpecs.id(old.getSpec());
        Optional<Versioned<StoredRunSpec>> current = store.current(runSpecId);
        items.add(new Item(runSpecId, current.isPresent() ? Change.UPDATE : Change.CREATE, current,
            Optional.of(old.getSpec()), old.getRequested()));
      }
      for (String absent : before.getAbsentIdsList()) {
        store.current(absent).ifPresent(current -> items.add(new Item(absent, Change.DELETE, Optional.of(current),
            Optional.empty(), current.value().getRequested())));
      }
      return Optional.of(new Draft(items, List.of(), List.of(), Map.of(), Optional.of(deployment)));
    }, new Request(true, false, request.getOrigin(), (request.getForce() ? "cancel" : "roll back")
        + " deployment " + id));
  }

  private static DomainException notFound(String id) {
    return Errors.notFound("DeploymentPlan " + id + " does not exist");
  }

  /** The running deployments, oldest first. */
  public List<Deployment> list() {
    return store.deployments().stream().map(Versioned::value)
        .sorted(Comparator.comparing(Deployment::getCreatedAt).thenComparing(Deployment::getId))
        .toList();
  }

  public Deployment progress(DeploymentProgress progress) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Versioned<Deployment> current = store.deployment(progress.getDeploymentId())
          .orElseThrow(() -> notFound(progress.getDeploymentId()));
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
