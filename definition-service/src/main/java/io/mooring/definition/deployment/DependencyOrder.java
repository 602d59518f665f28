package io.mooring.definition.deployment;

import io.mooring.model.PathIds;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure: Marathon's dependency order. A run spec depends on the apps its {@code dependencies} name and on what the
 * {@code dependencies} of each group around it name; a dependency on a group is one on everything in it. Each run
 * spec gets a layer, one more than the highest layer it depends on, so that a deployment starts layer by layer.
 */
public final class DependencyOrder {
  private DependencyOrder() {}

  /** The layer of every run spec of {@code specs}, or empty when the dependencies form a cycle. */
  public static Optional<Map<String, Integer>> layers(Map<String, RunSpec> specs, Map<String, Group> groups) {
    Map<String, Set<String>> dependsOn = new HashMap<>();
    specs.forEach((id, spec) -> dependsOn.put(id, dependencies(id, spec, specs.keySet(), groups)));
    Map<String, Integer> layers = new HashMap<>();
    for (String id : specs.keySet()) {
      if (layer(id, dependsOn, layers, new LinkedHashSet<>()) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(layers);
  }

  /** -1 on a cycle. Depth is bounded by the number of run specs, each visited once. */
  private static int layer(String id, Map<String, Set<String>> dependsOn, Map<String, Integer> layers,
      Set<String> path) {
    Integer known = layers.get(id);
    if (known != null) {
      return known;
    }
    if (!path.add(id)) {
      return -1;
    }
    int layer = 0;
    for (String dependency : dependsOn.getOrDefault(id, Set.of())) {
      int below = layer(dependency, dependsOn, layers, path);
      if (below < 0) {
        return -1;
      }
      layer = Math.max(layer, below + 1);
    }
    path.remove(id);
    layers.put(id, layer);
    return layer;
  }

  private static Set<String> dependencies(String id, RunSpec spec, Set<String> ids, Map<String, Group> groups) {
    List<String> named = new ArrayList<>();
    if (spec.hasApp()) {
      spec.getApp().getDependenciesList().forEach(d -> named.add(PathIds.absolute(d, PathIds.parent(id))));
    }
    for (String group = PathIds.parent(id); group != null;
        group = group.equals(PathIds.ROOT) ? null : PathIds.parent(group)) {
      Group settings = groups.get(group);
      if (settings != null) {
        String base = group;
        settings.getDependenciesList().forEach(d -> named.add(PathIds.absolute(d, base)));
      }
    }
    Set<String> resolved = new LinkedHashSet<>();
    for (String dependency : named) {
      for (String other : ids) {
        if (!other.equals(id) && (other.equals(dependency) || other.startsWith(dependency + "/"))) {
          resolved.add(other);
        }
      }
    }
    return resolved;
  }
}
