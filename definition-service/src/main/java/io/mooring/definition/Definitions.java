package io.mooring.definition;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import io.micronaut.context.annotation.Value;
import io.mooring.definition.deployment.DeploymentPlanner;
import io.mooring.definition.deployment.DeploymentPlanner.Change;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.definition.validation.RunSpecIds;
import io.mooring.definition.validation.Violations;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.proto.v1.VersionInfo;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired-state transactions: normalise, validate, plan the deployment, then write spec, version and deployment
 * atomically, retrying when another writer changed the same run spec in between. Nothing is written unless every
 * rule holds.
 */
@Singleton
public class Definitions {
  private static final Logger LOG = LoggerFactory.getLogger(Definitions.class);
  private static final int ATTEMPTS = 5;

  private final DefinitionStore store;
  private final VersionClock clock;
  private final String defaultRole;

  public Definitions(DefinitionStore store, VersionClock clock,
      @Value("${mooring.mesos.role:mooring}") String defaultRole) {
    this.store = store;
    this.clock = clock;
    this.defaultRole = defaultRole;
  }

  /** The create-if-absent transaction is the existence check: one etcd round trip on the common path. */
  public ChangeResult create(RunSpec raw, ChangeOrigin origin) {
    RunSpec spec = accepted(raw);
    return tryCommit(Change.CREATE, null, 0, spec, raw, origin).orElseThrow(() -> alreadyExists(RunSpecs.id(spec)));
  }

  /**
   * PUT/PATCH: the named top-level fields of {@code raw} over what the user asked for last, or all of it without a
   * mask; then normalised afresh, so defaults follow the fields that changed.
   */
  public ChangeResult update(RunSpec raw, FieldMask mask, boolean createIfAbsent, ChangeOrigin origin) {
    RunSpecKind kind = RunSpecs.kind(raw);
    String id = RunSpecIds.canonical(RunSpecs.id(raw));
    return retryingConcurrentChanges(id, () -> {
      Optional<Versioned<StoredRunSpec>> current = store.current(id).filter(c -> kindOf(c) == kind);
      if (current.isEmpty()) {
        if (!createIfAbsent) {
          throw Errors.notFound(AppOrPod.notFound(kind, id));
        }
        RunSpec requested = merge(RunSpec.getDefaultInstance(), raw, mask);
        // Losing a race to create the same id: the next attempt updates what the winner stored.
        return tryCommit(Change.CREATE, null, 0, accepted(requested), requested, origin);
      }
      StoredRunSpec old = current.get().value();
      RunSpec requested = merge(old.getRequested(), raw, mask);
      RunSpec spec = accepted(requested);
      Violations violations = AppOrPod.validateUpdate(old.getSpec(), spec);
      if (!violations.isEmpty()) {
        throw Errors.invalid(violations.toList());
      }
      return tryCommit(Change.UPDATE, old.getSpec(), current.get().modRevision(), spec, requested, origin);
    });
  }

  public ChangeResult restart(RunSpecKind kind, String rawId, ChangeOrigin origin) {
    String id = RunSpecIds.canonical(rawId);
    return retryingConcurrentChanges(id, () -> {
      Versioned<StoredRunSpec> current = existing(kind, id);
      StoredRunSpec stored = current.value();
      return tryCommit(Change.RESTART, stored.getSpec(), current.modRevision(), stored.getSpec(),
          stored.getRequested(), origin);
    });
  }

  public ChangeResult delete(RunSpecKind kind, String rawId, ChangeOrigin origin) {
    String id = RunSpecIds.canonical(rawId);
    return retryingConcurrentChanges(id, () -> {
      Versioned<StoredRunSpec> current = existing(kind, id);
      RunSpec last = current.value().getSpec();
      String version = clock.next(RunSpecs.version(last));
      Deployment deployment = DeploymentPlanner.plan(Change.DELETE, last, last, version, clock.now()).toBuilder()
          .setOrigin(origin).build();
      if (!store.delete(id, current.modRevision(), deployment)) {
        return Optional.empty();
      }
      LOG.info("deleted {} {} deployment {}", AppOrPod.describe(kind).toLowerCase(), id, deployment.getId());
      return Optional.of(ChangeResult.newBuilder().setSpec(last).setDeployment(deployment).build());
    });
  }

  /** Runs a read-modify-write until its compare-and-swap wins (empty result: another writer came in between). */
  private static ChangeResult retryingConcurrentChanges(String id, Supplier<Optional<ChangeResult>> attempt) {
    for (int i = 0; i < ATTEMPTS; i++) {
      Optional<ChangeResult> result = attempt.get();
      if (result.isPresent()) {
        return result.get();
      }
    }
    throw concurrentChange(id);
  }

  public RunSpec get(RunSpecKind kind, String rawId, Optional<String> version) {
    String id = RunSpecIds.canonical(rawId);
    RunSpec current = existing(kind, id).value().getSpec();
    if (version.isEmpty()) {
      return current;
    }
    return store.version(id, version.get()).orElseThrow(() ->
        Errors.notFound(AppOrPod.notFound(kind, id) + " in version " + version.get()));
  }

  public List<RunSpec> list(RunSpecKind kind) {
    return store.all().values().stream()
        .filter(stored -> kind == RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED || kindOf(stored) == kind)
        .map(stored -> stored.value().getSpec())
        .toList();
  }

  public List<String> versions(RunSpecKind kind, String rawId) {
    String id = RunSpecIds.canonical(rawId);
    existing(kind, id);
    return store.versions(id);
  }

  private Versioned<StoredRunSpec> existing(RunSpecKind kind, String id) {
    return store.current(id).filter(c -> kindOf(c) == kind)
        .orElseThrow(() -> Errors.notFound(AppOrPod.notFound(kind, id)));
  }

  private static RunSpecKind kindOf(Versioned<StoredRunSpec> stored) {
    return RunSpecs.kind(stored.value().getSpec());
  }

  /** Normalised and valid, or an INVALID error naming every offending path. */
  private RunSpec accepted(RunSpec raw) {
    if (RunSpecs.kind(raw) == RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED) {
      throw Errors.badRequest("A run spec must be an app or a pod");
    }
    RunSpec spec = AppOrPod.normalize(raw, defaultRole);
    Violations violations = AppOrPod.validate(spec);
    if (!violations.isEmpty()) {
      throw Errors.invalid(violations.toList());
    }
    return spec;
  }

  /** Names what holds the id: an app and a pod cannot share one. */
  private RuntimeException alreadyExists(String id) {
    RunSpecKind kind = store.current(id).map(Definitions::kindOf).orElse(RunSpecKind.APP);
    return Errors.conflict(AppOrPod.exists(kind, id));
  }

  /** Stamps a new version of {@code spec} and stores it with its deployment, unless {@code revision} is stale. */
  private Optional<ChangeResult> tryCommit(Change change, RunSpec old, long revision, RunSpec spec,
      RunSpec requested, ChangeOrigin origin) {
    String version = clock.next(old == null ? "" : RunSpecs.version(old));
    boolean onlyScaled = change == Change.UPDATE && DeploymentPlanner.onlyScaled(old, spec);
    VersionInfo previous = old != null && old.hasApp() ? old.getApp().getVersionInfo() : VersionInfo.getDefaultInstance();
    RunSpec stamped = AppOrPod.stamp(spec, version, previous, onlyScaled);
    Deployment deployment = DeploymentPlanner.plan(change, old, stamped, version, clock.now()).toBuilder()
        .setOrigin(origin).build();
    String id = RunSpecs.id(stamped);
    StoredRunSpec stored = StoredRunSpec.newBuilder().setSpec(stamped).setRequested(requested).setOrigin(origin)
        .setDeploymentId(deployment.getState() == Deployment.State.RUNNING ? deployment.getId() : "").build();
    if (!store.save(id, revision, stored, version, deployment)) {
      return Optional.empty();
    }
    LOG.info("{} {} {} version {} deployment {}", change.name().toLowerCase(),
        AppOrPod.describe(RunSpecs.kind(stamped)).toLowerCase(), id, version, deployment.getId());
    return Optional.of(ChangeResult.newBuilder().setSpec(stamped).setDeployment(deployment)
        .setCreated(change == Change.CREATE).build());
  }

  /** Takes the masked top-level fields of {@code update} over {@code base}; without a mask, {@code update} whole. */
  static RunSpec merge(RunSpec base, RunSpec update, FieldMask mask) {
    if (mask.getPathsCount() == 0) {
      return update;
    }
    FieldMaskUtil.MergeOptions replace = new FieldMaskUtil.MergeOptions()
        .setReplaceMessageFields(true).setReplaceRepeatedFields(true).setReplacePrimitiveFields(true);
    if (update.hasApp()) {
      App.Builder app = base.getApp().toBuilder();
      FieldMaskUtil.merge(checked(mask, App.class), update.getApp(), app, replace);
      return RunSpec.newBuilder().setApp(app.setId(update.getApp().getId())).build();
    }
    Pod.Builder pod = base.getPod().toBuilder();
    FieldMaskUtil.merge(checked(mask, Pod.class), update.getPod(), pod, replace);
    return RunSpec.newBuilder().setPod(pod.setId(update.getPod().getId())).build();
  }

  private static FieldMask checked(FieldMask mask, Class<? extends Message> type) {
    if (!FieldMaskUtil.isValid(type, mask)) {
      throw Errors.badRequest("Unknown fields in update: " + mask.getPathsList());
    }
    return mask;
  }

  private static RuntimeException concurrentChange(String id) {
    return Errors.conflict("'" + id + "' was changed concurrently; retry the request");
  }
}
