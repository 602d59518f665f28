package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code embed} options of {@code GET /v2/groups}: which parts of the tree show, and what each app embeds.
 * Without any, the groups, apps and pods show (as Marathon keeps them for old clients); naming any drops that
 * default. Unknown names are ignored, as Marathon ignores them.
 */
record GroupEmbeds(GroupViews.Embeds group, boolean tasks, boolean counts, boolean deployments) {
  static GroupEmbeds parse(List<String> embed) {
    if (embed == null || embed.isEmpty()) {
      return new GroupEmbeds(new GroupViews.Embeds(true, true, true), false, false, false);
    }
    Set<String> names = Set.copyOf(embed);
    boolean tasks = names.contains("group.apps.tasks");
    boolean counts = names.contains("group.apps.counts") || names.contains("group.apps.count");
    boolean deployments = names.contains("group.apps.deployments");
    boolean apps = names.contains("group.apps") || names.stream().anyMatch(n -> n.startsWith("group.apps."));
    return new GroupEmbeds(new GroupViews.Embeds(apps, names.contains("group.pods"), names.contains("group.groups")),
        tasks, counts, deployments);
  }

  boolean needInstances() {
    return tasks || counts || group.pods();
  }

  boolean needDeployments() {
    return deployments;
  }

  /** An app as embedded: its definition, with counts, deployments and tasks when asked for. */
  Function<App, ObjectNode> appView(Map<String, List<Instance>> instances, Map<String, List<String>> byApp) {
    return app -> {
      List<Instance> own = instances.getOrDefault(app.getId(), List.of());
      ObjectNode json = tasks ? AppViews.detailed(app, byApp.getOrDefault(app.getId(), List.of()), own)
          : AppViews.withStatus(app, byApp.getOrDefault(app.getId(), List.of()), own);
      if (!counts) {
        json.remove(List.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy"));
      }
      if (!deployments) {
        json.remove("deployments");
      }
      return tasks || counts || deployments ? json : MarathonJson.print(app);
    };
  }
}
