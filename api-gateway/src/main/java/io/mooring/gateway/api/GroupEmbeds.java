package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code embed} options of {@code GET /v2/groups}: which parts of the tree show ({@code group.groups},
 * {@code group.apps}, {@code group.pods}), and what each app embeds ({@code group.apps.tasks}, ...). Without any,
 * the groups, apps and pods show (as Marathon keeps them for old clients); naming any drops that default.
 */
record GroupEmbeds(GroupViews.Embeds group, Set<AppEmbed> apps) {
  static GroupEmbeds parse(List<String> embed) {
    if (embed == null || embed.isEmpty()) {
      return new GroupEmbeds(new GroupViews.Embeds(true, true, true), EnumSet.noneOf(AppEmbed.class));
    }
    List<String> forApps = embed.stream().filter(name -> name.startsWith("group.apps.")).toList();
    boolean apps = embed.contains("group.apps") || !forApps.isEmpty();
    return new GroupEmbeds(new GroupViews.Embeds(apps, embed.contains("group.pods"), embed.contains("group.groups")),
        AppEmbed.parse(forApps, EnumSet.noneOf(AppEmbed.class)));
  }

  boolean needInstances() {
    return group.pods() || apps.stream().anyMatch(e -> e != AppEmbed.DEPLOYMENTS && e != AppEmbed.READINESS);
  }

  boolean needDeployments() {
    return apps.contains(AppEmbed.DEPLOYMENTS);
  }

  /** An app as embedded: its definition with what was asked for. */
  Function<App, ObjectNode> appView(Map<String, List<Instance>> instances, Map<String, List<String>> deployments) {
    return app -> AppViews.view(app, deployments.getOrDefault(app.getId(), List.of()),
        instances.getOrDefault(app.getId(), List.of()), apps);
  }
}
