package io.mooring.definition;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import io.micronaut.context.annotation.Value;
import io.mooring.definition.Changes.Draft;
import io.mooring.definition.Changes.Item;
import io.mooring.definition.Changes.Request;
import io.mooring.definition.deployment.DeploymentPlanner.Change;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.definition.validation.RunSpecIds;
import io.mooring.definition.validation.Violations;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The changes of single run specs (and of several at once, as bulk app updates make): normalise, validate, draft
 * the change for {@link Changes} to commit. Nothing is written unless every rule holds.
 */
@Singleton
public class Definitions {
  private final DefinitionStore store;
  private final Changes changes;
  private final ServicePorts servicePorts;
  private final String defaultRole;

  public Definitions(DefinitionStore store, Changes changes, ServicePorts servicePorts,
      @Value("${mooring.mesos.role:mooring}") String defaultRole) {
    this.store = store;
    this.changes = changes;
    this.servicePorts = servicePorts;
    this.defaultRole = defaultRole;
  }

  /** An app and a pod cannot share an id; a run spec whose stop still runs is locked by it. */
  public ChangeResult create(RunSpec raw, boolean force, ChangeOrigin origin) {
    RunSpec spec = accepted(raw);
    String id = RunSpecs.id(spec);
    // The first round leaves to the transaction what it checks anyway (the id and the chosen service ports free);
    // later rounds read first.
    return changes.commit(round -> {
      if (round > 0 && store.current(id).isPresent()) {
        throw alreadyExists(id);
      }
      return Optional.of(Draft.of(Item.of(id, Change.CREATE, Optional.empty(),
          servicePorts.assign(spec, Optional.empty(), new HashSet<>(), round > 0), raw)));
    }, new Request(force, false, origin, "create " + describe(spec) + " " + id));
  }


  /**
   * PUT/PATCH: the named top-level fields of {@code raw} over what the user asked for last, or all of it without a
   * mask; then normalised afresh, so defaults follow the fields that changed.
   */
  public ChangeResult update(RunSpec raw, FieldMask mask, boolean createIfAbsent, boolean force,
      ChangeOrigin origin) {
    String id = RunSpecIds.canonical(RunSpecs.id(raw));
    return changes.commit(() -> Optional.of(Draft.of(updateItem(raw, mask, createIfAbsent, new HashSet<>()))),
        new Request(force, false, origin, "update " + describe(raw) + " " + id));
  }

  /** PUT/PATCH /v2/apps with an array: every update in one change and one deployment. */
  public ChangeResult updateMany(List<UpdateRequest> updates, boolean force, ChangeOrigin origin) {
    if (updates.isEmpty()) {
      throw Errors.badRequest("No apps to update");
    }
    return changes.commit(() -> {
      List<Item> items = new ArrayList<>();
      Set<Integer> taken = new HashSet<>();
      Violations violations = new Violations();
      for (int i = 0; i < updates.size(); i++) {
        UpdateRequest update = updates.get(i);
        try {
          items.add(updateItem(update.getSpec(), update.getUpdateMask(), update.getCreateIfAbsent(), taken));
        } catch (DomainException e) {
          String prefix = Violations.indexed("/", i);
          e.info().getDetailsList().forEach(v -> v.getErrorsList().forEach(error ->
              violations.add(prefix + v.getPath(), error)));
          if (e.info().getDetailsCount() == 0) {
            violations.add(prefix, e.info().getMessage());
          }
        }
      }
      if (!violations.isEmpty()) {
        throw Errors.invalid(violations.toList());
      }
      if (items.stream().map(Item::id).distinct().count() < items.size()) {
        throw Errors.badRequest("An app may be named only once in one update");
      }
      return Optional.of(new Draft(items, List.of(), List.of(), Map.of(), Optional.empty()));
    }, new Request(force, false, origin, "update " + updates.size() + " apps"));
  }

  /** {@code taken}: the service ports others of the same change took. */
  private Item updateItem(RunSpec raw, FieldMask mask, boolean createIfAbsent, Set<Integer> taken) {
    RunSpecKind kind = RunSpecs.kind(raw);
    String id = RunSpecIds.canonical(RunSpecs.id(raw));
    Optional<Versioned<StoredRunSpec>> current = store.current(id).filter(c -> kindOf(c) == kind);
    if (current.isEmpty()) {
      if (!createIfAbsent) {
        throw Errors.notFound(AppOrPod.notFound(kind, id));
      }
      RunSpec requested = merge(RunSpec.getDefaultInstance(), raw, mask);
      // Losing a race to create the same id: the next attempt updates what the winner stored.
      return Item.of(id, Change.CREATE, Optional.empty(),
          servicePorts.assign(accepted(requested), Optional.empty(), taken), requested);
    }
    StoredRunSpec old = current.get().value();
    RunSpec requested = merge(old.getRequested(), raw, mask);
    ServicePorts.Assigned assigned = servicePorts.assign(accepted(requested), Optional.of(old.getSpec()), taken);
    Violations violations = AppOrPod.validateUpdate(old.getSpec(), assigned.spec());
    if (!violations.isEmpty()) {
      throw Errors.invalid(violations.toList());
    }
    return Item.of(id, Change.UPDATE, current, assigned, requested);
  }

  public ChangeResult restart(RunSpecKind kind, String rawId, boolean force, ChangeOrigin origin) {
    String id = RunSpecIds.canonical(rawId);
    return changes.commit(() -> {
      Versioned<StoredRunSpec> current = existing(kind, id);
      StoredRunSpec stored = current.value();
      return Optional.of(Draft.of(new Item(id, Change.RESTART, Optional.of(current), Optional.of(stored.getSpec()),
          stored.getRequested())));
    }, new Request(force, false, origin, "restart " + AppOrPod.describe(kind).toLowerCase() + " " + id));
  }

  public ChangeResult delete(RunSpecKind kind, String rawId, boolean force, ChangeOrigin origin) {
    String id = RunSpecIds.canonical(rawId);
    return changes.commit(() -> {
      Versioned<StoredRunSpec> current = existing(kind, id);
      return Optional.of(Draft.of(new Item(id, Change.DELETE, Optional.of(current), Optional.empty(),
          current.value().getRequested())));
    }, new Request(force, false, origin, "delete " + AppOrPod.describe(kind).toLowerCase() + " " + id));
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

  private static String describe(RunSpec spec) {
    return AppOrPod.describe(RunSpecs.kind(spec)).toLowerCase();
  }

  /** Normalised and valid, or an INVALID error naming every offending path. */
  RunSpec accepted(RunSpec raw) {
    String top = Groups.topLevel(RunSpecIds.canonical(RunSpecs.id(raw)));
    Optional<String> enforced = top == null ? Optional.empty()
        : store.group(top).filter(g -> g.value().getEnforceRole()).map(g -> top.substring(1));
    return accepted(raw, enforced);
  }

  /** As {@link #accepted(RunSpec)}, with the role of a group that enforces its role as the default role. */
  RunSpec accepted(RunSpec raw, Optional<String> groupRole) {
    if (RunSpecs.kind(raw) == RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED) {
      throw Errors.badRequest("A run spec must be an app or a pod");
    }
    RunSpec spec = AppOrPod.normalize(raw, groupRole.orElse(defaultRole));
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

}
