package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.PathIds;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Pure: Marathon's group tree (GroupInfo) from the run specs and the recorded groups. A group exists when it is
 * recorded or holds a run spec; the root always exists.
 */
final class GroupViews {
  private GroupViews() {}

  /** What a group shows: its apps, pods and subgroups, each only when embedded. */
  record Embeds(boolean apps, boolean pods, boolean groups) {}

  /** The tree, by group id: its recorded settings (if any), run specs and subgroups. */
  static final class Tree {
    private final Map<String, Group> recorded = new HashMap<>();
    private final Map<String, List<RunSpec>> specs = new TreeMap<>();
    private final Map<String, TreeSet<String>> children = new HashMap<>();

    Tree(List<RunSpec> runSpecs, List<Group> groups) {
      add(PathIds.ROOT);
      for (Group group : groups) {
        recorded.put(group.getId(), group);
        add(group.getId());
      }
      for (RunSpec spec : runSpecs) {
        String parent = PathIds.parent(RunSpecs.id(spec));
        add(parent);
        specs.computeIfAbsent(parent, p -> new ArrayList<>()).add(spec);
      }
    }

    private void add(String id) {
      children.computeIfAbsent(id, i -> new TreeSet<>());
      if (!id.equals(PathIds.ROOT)) {
        String parent = PathIds.parent(id);
        add(parent);
        children.get(parent).add(id);
      }
    }

    boolean exists(String id) {
      return children.containsKey(id);
    }

    /** The newest version of the group's settings and of everything in it. */
    private String version(String id) {
      String version = Optional.ofNullable(recorded.get(id)).map(Group::getVersion).orElse("");
      for (RunSpec spec : specs.getOrDefault(id, List.of())) {
        version = max(version, RunSpecs.version(spec));
      }
      for (String child : children.get(id)) {
        version = max(version, version(child));
      }
      return version;
    }
  }

  static ObjectNode group(Tree tree, String id, Embeds embeds, Function<App, ObjectNode> app,
      Function<Pod, ObjectNode> pod) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode().put("id", id);
    List<RunSpec> specs = tree.specs.getOrDefault(id, List.of());
    if (embeds.apps()) {
      ArrayNode apps = json.putArray("apps");
      specs.stream().filter(RunSpec::hasApp).forEach(spec -> apps.add(app.apply(spec.getApp())));
    }
    if (embeds.pods()) {
      ArrayNode pods = json.putArray("pods");
      specs.stream().filter(RunSpec::hasPod).forEach(spec -> pods.add(pod.apply(spec.getPod())));
    }
    if (embeds.groups()) {
      ArrayNode groups = json.putArray("groups");
      tree.children.get(id).forEach(child -> groups.add(group(tree, child, embeds, app, pod)));
    }
    Group recorded = tree.recorded.getOrDefault(id, Group.getDefaultInstance());
    ArrayNode dependencies = json.putArray("dependencies");
    recorded.getDependenciesList().forEach(dependencies::add);
    String version = tree.version(id);
    if (!version.isEmpty()) {
      json.put("version", version);
    }
    json.put("enforceRole", recorded.getEnforceRole());
    return json;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
