package io.mooring.definition.validation;

import io.mooring.proto.v1.AppOrBuilder;
import io.mooring.proto.v1.Container;
import io.mooring.proto.v1.Docker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When Marathon's deprecated app fields cannot become the fields that replaced them (Marathon 1.11's
 * validateOldAppAPI and the refusals of its AppNormalization). The normaliser moves them only when these find nothing,
 * and leaves them, with the fields they clash with, as given otherwise, so validation finds the same here.
 */
public final class DeprecatedRules {
  private static final Set<String> IP_DOCKER_NETWORKS = Set.of("HOST", "USER", "BRIDGE");

  private DeprecatedRules() {}

  /** Why {@code ipAddress} cannot become networks and port mappings; empty when it can (or is absent). */
  public static List<String> ipAddressConflicts(AppOrBuilder app) {
    List<String> conflicts = new ArrayList<>();
    if (!app.hasIpAddress()) {
      return conflicts;
    }
    if (app.getNetworksCount() > 0) {
      conflicts.add("must not specify both networks and ipAddress");
    }
    if (app.getPortsCount() > 0 || app.getPortDefinitionsCount() > 0) {
      conflicts.add("cannot specify both an IP address and port");
    }
    Container container = app.getContainer();
    if (container.getDocker().hasNetwork() && !IP_DOCKER_NETWORKS.contains(container.getDocker().getNetwork())) {
      conflicts.add("unsupported docker network type " + container.getDocker().getNetwork());
    }
    if (app.getIpAddress().getDiscovery().getPortsCount() > 0) {
      if (!engine(container).equals("MESOS")) {
        conflicts.add("ipAddress/discovery is not allowed for Docker containers");
      } else if (container.getPortMappingsCount() > 0 || container.getDocker().getPortMappingsCount() > 0) {
        conflicts.add("container.portMappings and ipAddress.discovery.ports must not both be set");
      }
    }
    return conflicts;
  }

  /**
   * The container's type as the normaliser settles it: the given one, else DOCKER when its docker part says more
   * than the deprecated network and port mappings (which move out of it), else MESOS.
   */
  static String engine(Container container) {
    if (container.hasType()) {
      return container.getType();
    }
    boolean docker = !container.getDocker().toBuilder().clearNetwork().clearPortMappings().build()
        .equals(Docker.getDefaultInstance());
    return docker ? "DOCKER" : "MESOS";
  }

  static void validate(AppOrBuilder app, Violations violations) {
    ipAddressConflicts(app).forEach(conflict -> violations.add("/ipAddress", conflict));
    if (app.getUrisCount() > 0 && app.getFetchCount() > 0) {
      violations.add("/uris", "may not be set in conjunction with fetch");
    }
  }
}
