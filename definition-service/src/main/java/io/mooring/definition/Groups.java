package io.mooring.definition;

import io.mooring.definition.Changes.Draft;
import io.mooring.definition.Changes.Item;
import io.mooring.definition.Changes.Request;
import io.mooring.definition.deployment.DependencyOrder;
import io.mooring.definition.deployment.DeploymentPlanner.Change;
import io.mooring.definition.deployment.DeploymentPlanner;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.definition.validation.RunSpecIds;
import io.mooring.definition.validation.Violations;
import io.mooring.model.PathIds;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.GroupRef;
import io.mooring.proto.v1.GroupUpdate;
import io.mooring.proto.v1.GroupUpdateRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Marathon's groups over the run specs: a group is every run spec under its id, plus the settings recorded when
 * the groups API changed it. A group change is one change of every run spec it touches, in one deployment ordered
 * by dependencies.
 */
@Singleton
public class Groups {
  /** What a part of a big group's deletion may take of etcd's 128 operations, the deployment's own aside. */
  private static final int MAX_DELETE_OPERATIONS = 100;
  private final DefinitionStore store;
  private final Changes changes;
  private final Definitions definitions;
  private final ServicePorts servicePorts;

  public Groups(DefinitionStore store, Changes changes, Definitions definitions, ServicePorts servicePorts) {
    this.store = store;
    this.changes = changes;
    this.definitions = definitions;
    this.servicePorts = servicePorts;
  }

  public List<Group> list() {
    return store.groups();
  }

  public List<String> versions(String rawId) {
    String id = canonical(rawId);
    if (!state().exists(id)) {
      throw notFound(id);
    }
    return store.groupVersions(id);
  }

  public ChangeResult update(GroupUpdateRequest request) {
    GroupUpdate update = request.getUpdate();
    String id = canonical(update.getId());
    Request how = new Request(request.getForce(), request.getDryRun(), request.getOrigin(), "change group " + id);
    return changes.commit(() -> Optional.of(draft(id, update, request.getMode())), how);
  }

  /**
   * Deletes the group and everything in it. One change may touch at most {@link Changes#MAX_RUN_SPECS} run specs, so
   * a larger group goes in several changes, each a deployment of its own (the answer is the last): each leaves a
   * consistent state, and should one fail, deleting the group again deletes what is left.
   */
  public ChangeResult delete(GroupRef ref) {
    String id = canonical(ref.getId());
    Request request = new Request(ref.getForce(), false, ref.getOrigin(), "delete group " + id);
    while (true) {
      boolean[] last = {false};
      ChangeResult result = changes.commit(() -> {
        State state = state();
        if (!state.exists(id)) {
          throw notFound(id);
        }
        Target target = new Target(state);
        last[0] = target.deleteGroup(id, Changes.MAX_RUN_SPECS);
        return Optional.of(target.draft());
      }, request);
      if (last[0]) {
        return result;
      }
    }
  }

  private Draft draft(String id, GroupUpdate update, GroupUpdateRequest.Mode mode) {
    State state = state();
    Target target = new Target(state);
    if (mode == GroupUpdateRequest.Mode.CREATE && state.exists(id)) {
      throw Errors.conflict("Group " + id + " is already created. Use PUT to change this group.");
    }
    if (mode == GroupUpdateRequest.Mode.PATCH) {
      if (id.equals("/") || !PathIds.parent(id).equals("/")) {
        throw invalid("/id", "Only top-level groups can be patched");
      }
      if (!state.exists(id)) {
        throw notFound(id);
      }
      Group.Builder group = state.groups.getOrDefault(id, Group.newBuilder().setId(id).build()).toBuilder();
      if (update.hasEnforceRole()) {
        group.setEnforceRole(update.getEnforceRole());
      }
      target.recordGroup(group.build());
      return target.draft();
    }
    if (update.hasVersion()) {
      throw invalid("/version", "Mooring cannot roll a group back to a version; PUT the group as it was instead");
    }
    if (update.hasScaleBy()) {
      target.scale(id, update.getScaleBy());
    } else {
      Violations violations = new Violations();
      target.apply(id, update, "", violations);
      if (!violations.isEmpty()) {
        throw Errors.invalid(violations.toList());
      }
    }
    return target.draft();
  }

  /** What is stored now: the run specs and the recorded groups. */
  private record State(Map<String, Versioned<StoredRunSpec>> specs, Map<String, Group> groups) {
    boolean exists(String id) {
      return id.equals("/") || groups.containsKey(id)
          || specs.keySet().stream().anyMatch(spec -> spec.startsWith(id + "/"));
    }
  }

  private State state() {
    Map<String, Versioned<StoredRunSpec>> specs = new TreeMap<>();
    store.all().values().forEach(v -> specs.put(RunSpecs.id(v.value().getSpec()), v));
    Map<String, Group> groups = new TreeMap<>();
    store.groups().forEach(g -> groups.put(g.getId(), g));
    return new State(specs, groups);
  }

  /** The state a group change leads to, and the items that lead there. */
  private final class Target {
    private final State state;
    private final Map<String, RunSpec> specs = new TreeMap<>();
    private final Map<String, Group> groups;
    private final Map<String, Item> items = new TreeMap<>();
    private final List<Group> recorded = new ArrayList<>();
    private final Set<String> deletedGroups = new LinkedHashSet<>();
    private final Set<Integer> takenPorts = new HashSet<>();

    Target(State state) {
      this.state = state;
      state.specs.forEach((id, stored) -> specs.put(id, stored.value().getSpec()));
      this.groups = new HashMap<>(state.groups);
    }

    void recordGroup(Group group) {
      groups.put(group.getId(), group);
      recorded.add(group);
    }

    /** Every app under {@code id} scaled by {@code factor}, rounded up as Marathon rounds. */
    void scale(String id, double factor) {
      for (Versioned<StoredRunSpec> stored : state.specs.values()) {
        RunSpec spec = stored.value().getSpec();
        if (spec.hasApp() && under(spec.getApp().getId(), id)) {
          int instances = (int) Math.ceil(spec.getApp().getInstances() * factor);
          RunSpec requested = RunSpec.newBuilder().setApp(stored.value().getRequested().getApp().toBuilder()
              .setInstances(instances)).build();
          change(spec.getApp().getId(), servicePorts.assign(definitions.accepted(requested), Optional.of(spec),
              takenPorts), requested);
        }
      }
    }

    /** Applies {@code update} to group {@code id}; {@code path} prefixes the JSON paths of violations. */
    void apply(String id, GroupUpdate update, String path, Violations violations) {
      if (!id.equals("/")) {
        RunSpecIds.validate(id, path + "/id", violations);
        Group.Builder group = groups.getOrDefault(id, Group.newBuilder().setId(id).build()).toBuilder();
        if (update.getHasDependencies()) {
          group.clearDependencies().addAllDependencies(update.getDependenciesList());
        }
        if (update.hasEnforceRole()) {
          group.setEnforceRole(update.getEnforceRole());
        }
        recordGroup(group.build());
      }
      if (update.getHasApps()) {
        Set<String> listed = new LinkedHashSet<>();
        for (int i = 0; i < update.getAppsCount(); i++) {
          String appPath = path + Violations.indexed("/apps", i);
          App app = update.getApps(i);
          String appId = PathIds.absolute(app.getId(), id);
          if (!PathIds.parent(appId).equals(id)) {
            violations.add(appPath + "/id", "identifier " + appId + " is not child of " + id
                + ". Hint: use relative paths.");
            continue;
          }
          listed.add(appId);
          putApp(appId, app.toBuilder().setId(appId).build(), appPath, violations);
        }
        for (String existing : state.specs.keySet()) {
          boolean app = state.specs.get(existing).value().getSpec().hasApp();
          if (app && PathIds.parent(existing).equals(id) && !listed.contains(existing)) {
            delete(existing);
          }
        }
      }
      if (update.getHasGroups()) {
        Set<String> listed = new LinkedHashSet<>();
        for (int j = 0; j < update.getGroupsCount(); j++) {
          GroupUpdate child = update.getGroups(j);
          String childId = PathIds.absolute(child.getId(), id);
          String childPath = path + Violations.indexed("/groups", j);
          if (!PathIds.parent(childId).equals(id)) {
            violations.add(childPath + "/id", "identifier " + childId + " is not child of " + id
                + ". Hint: use relative paths.");
            continue;
          }
          listed.add(childId);
          apply(childId, child, childPath, violations);
        }
        for (String subgroup : subgroups(id)) {
          if (!listed.contains(subgroup)) {
            deleteGroup(subgroup);
          }
        }
      }
    }

    private void putApp(String id, App app, String path, Violations violations) {
      Versioned<StoredRunSpec> current = state.specs.get(id);
      if (current != null && !current.value().getSpec().hasApp()) {
        violations.add(path + "/id", "A pod with id [" + id + "] already exists.");
        return;
      }
      if (groups.containsKey(id) || specs.keySet().stream().anyMatch(other -> other.startsWith(id + "/"))) {
        violations.add(path + "/id", "Groups and Applications may not have the same identifier: " + id);
        return;
      }
      RunSpec raw = RunSpec.newBuilder().setApp(app).build();
      try {
        Optional<RunSpec> old = Optional.ofNullable(current).map(c -> c.value().getSpec());
        ServicePorts.Assigned spec = servicePorts.assign(definitions.accepted(raw, roleOf(id)), old, takenPorts);
        if (current != null) {
          Violations update = AppOrPod.validateUpdate(current.value().getSpec(), spec.spec());
          if (!update.isEmpty()) {
            throw Errors.invalid(update.toList());
          }
        }
        change(id, spec, raw);
      } catch (DomainException e) {
        e.info().getDetailsList().forEach(v -> v.getErrorsList().forEach(error -> violations.add(
            path + (v.getPath().equals("/") ? "" : v.getPath()), error)));
      }
    }

    /** A new or changed run spec; one that would not change is left alone, as Marathon leaves it. */
    private void change(String id, ServicePorts.Assigned assigned, RunSpec requested) {
      Versioned<StoredRunSpec> current = state.specs.get(id);
      if (current != null && DeploymentPlanner.unchanged(current.value().getSpec(), assigned.spec())) {
        return;
      }
      specs.put(id, assigned.spec());
      items.put(id, Item.of(id, current == null ? Change.CREATE : Change.UPDATE, Optional.ofNullable(current),
          assigned, requested));
    }

    private void delete(String id) {
      specs.remove(id);
      Versioned<StoredRunSpec> current = state.specs.get(id);
      items.put(id, new Item(id, Change.DELETE, Optional.of(current), Optional.empty(),
          current.value().getRequested()));
    }

    void deleteGroup(String id) {
      deleteGroup(id, Integer.MAX_VALUE);
    }

    /**
     * Deletes as many run specs under {@code id} as one change may touch, and the group's records once that is all
     * of them; answers whether it was.
     */
    boolean deleteGroup(String id, int limit) {
      List<String> inside = state.specs.keySet().stream().filter(spec -> under(spec, id)).toList();
      int operations = 0;
      int deleted = 0;
      for (String spec : inside) {
        operations += 3 + servicePorts.held(state.specs.get(spec).value().getSpec()).size();
        if (deleted == limit || operations > MAX_DELETE_OPERATIONS) {
          return false;
        }
        delete(spec);
        deleted++;
      }
      if (id.equals("/")) {
        groups.keySet().stream().filter(g -> PathIds.parent(g).equals("/")).forEach(deletedGroups::add);
      } else {
        deletedGroups.add(id);
      }
      groups.keySet().removeIf(g -> under(g, id) || g.equals(id));
      return true;
    }

    /** The groups directly in {@code id}: recorded ones, and those that exist as the parents of run specs. */
    private Set<String> subgroups(String id) {
      Set<String> subgroups = new LinkedHashSet<>();
      List<String> paths = new ArrayList<>(state.specs.keySet());
      paths.addAll(groups.keySet());
      String prefix = id.equals("/") ? "/" : id + "/";
      for (String path : paths) {
        if (path.startsWith(prefix)) {
          int end = path.indexOf('/', prefix.length());
          String child = end < 0 ? path : path.substring(0, end);
          if (groups.containsKey(child) || end >= 0) {
            subgroups.add(child);
          }
        }
      }
      return subgroups;
    }

    /** The role a new app under a top-level group that enforces its role gets unless it names one. */
    private Optional<String> roleOf(String id) {
      String top = topLevel(id);
      Group group = top == null ? null : groups.get(top);
      return group != null && group.getEnforceRole() ? Optional.of(top.substring(1)) : Optional.empty();
    }

    Draft draft() {
      Map<String, Integer> layers = DependencyOrder.layers(specs, groups).orElseThrow(() ->
          invalid("/", "Dependency graph has cyclic dependencies."));
      return new Draft(new ArrayList<>(items.values()), recorded, new ArrayList<>(deletedGroups), layers,
          Optional.empty());
    }
  }

  /** The top-level group of a run spec id, or null for a run spec at the root. */
  static String topLevel(String id) {
    int second = id.indexOf('/', 1);
    return second < 0 ? null : id.substring(0, second);
  }

  private static boolean under(String id, String group) {
    return group.equals("/") || id.startsWith(group + "/");
  }

  private static String canonical(String id) {
    String canonical = RunSpecIds.canonical(id);
    return canonical.isEmpty() ? "/" : canonical;
  }

  private static DomainException notFound(String id) {
    return Errors.notFound("Group '" + id + "' does not exist");
  }

  private static DomainException invalid(String path, String error) {
    return Errors.invalid(new Violations().add(path, error).toList());
  }
}
