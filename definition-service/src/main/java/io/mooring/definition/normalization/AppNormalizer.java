package io.mooring.definition.normalization;

import io.mooring.definition.validation.AppRules;
import io.mooring.definition.validation.RunSpecIds;
import io.mooring.model.PathIds;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Container;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.Residency;
import io.mooring.proto.v1.Volume;
import java.util.List;

/**
 * Fills every default explicitly, migrates deprecated fields, canonicalises the id. Total: never fails, even on
 * specs that will not validate, so validation always sees the shape the user will get back.
 */
public final class AppNormalizer {
  private AppNormalizer() {}

  public static App normalize(App raw, String defaultRole) {
    App.Builder app = raw.toBuilder().setId(RunSpecIds.canonical(raw.getId()));
    if (!app.hasInstances()) app.setInstances(1);
    if (!app.hasCpus()) app.setCpus(1);
    if (!app.hasMem()) app.setMem(128);
    if (!app.hasDisk()) app.setDisk(0);
    if (!app.hasGpus()) app.setGpus(0);
    if (!app.hasBackoffSeconds()) app.setBackoffSeconds(1);
    if (!app.hasBackoffFactor()) app.setBackoffFactor(1.15);
    if (!app.hasMaxLaunchDelaySeconds()) app.setMaxLaunchDelaySeconds(300);
    if (!app.hasRequirePorts()) app.setRequirePorts(false);
    if (!app.hasKillSelection()) app.setKillSelection("YOUNGEST_FIRST");
    if (!app.hasRole()) app.setRole(defaultRole);
    // Dependencies are stored absolute, as Marathon shows them: "db" and "../db" are relative to the app's group.
    List<String> dependencies = app.getDependenciesList().stream()
        .map(d -> PathIds.absolute(d, PathIds.parent(app.getId()))).toList();
    app.clearDependencies().addAllDependencies(dependencies);
    DeprecatedAppFields.uris(app);
    if (app.hasResourceLimits()) app.setResourceLimits(Defaults.limits(app.getResourceLimits()));
    if (app.hasExecutorResources()) app.setExecutorResources(Defaults.executor(app.getExecutorResources()));
    // An ipAddress that clashes with the networking given beside it stays, and so does that networking, as given:
    // validation refuses the clash it finds there.
    boolean networking = DeprecatedAppFields.ipAddress(app);
    if (app.hasContainer()) {
      app.setContainer(container(app, networking));
    }
    if (networking) {
      if (app.getNetworksCount() == 0) {
        app.addNetworks(Network.newBuilder().setMode("host"));
      }
      portDefinitions(app);
    }
    boolean resident = AppRules.isResident(app.build());
    app.setUpgradeStrategy(Defaults.upgrade(app.hasUpgradeStrategy(), app.getUpgradeStrategy(), resident));
    if (!app.hasUnreachableStrategy()) {
      app.setUnreachableStrategy(Defaults.unreachable(resident));
    }
    if (resident || app.hasResidency()) {
      app.setResidency(residency(app.getResidency()));
    }
    return app.build();
  }

  /**
   * Moves the pre-1.5 docker.network / docker.portMappings into networks / container.portMappings (docker.network
   * only with {@code networking}: see normalize).
   */
  private static Container container(App.Builder app, boolean networking) {
    Container.Builder container = app.getContainer().toBuilder();
    var docker = container.getDockerBuilder();
    if (docker.hasNetwork() && networking) {
      if (app.getNetworksCount() == 0) {
        app.addNetworks(Network.newBuilder().setMode(switch (docker.getNetwork()) {
          case "BRIDGE" -> "container/bridge";
          case "USER" -> "container";
          default -> "host";
        }));
      }
      docker.clearNetwork();
    }
    if (docker.getPortMappingsCount() > 0) {
      if (container.getPortMappingsCount() == 0) {
        container.addAllPortMappings(docker.getPortMappingsList());
      }
      docker.clearPortMappings();
    }
    if (!container.hasDocker() || container.getDocker().equals(io.mooring.proto.v1.Docker.getDefaultInstance())) {
      container.clearDocker();
    }
    if (!container.hasType()) {
      container.setType(container.hasDocker() ? "DOCKER" : "MESOS");
    }
    boolean bridged = app.getNetworksList().stream().anyMatch(n -> "container/bridge".equals(n.getMode()));
    for (PortMapping.Builder mapping : container.getPortMappingsBuilderList()) {
      if (!mapping.hasContainerPort()) mapping.setContainerPort(0);
      if (!mapping.hasHostPort() && bridged) mapping.setHostPort(0);
      if (!mapping.hasServicePort()) mapping.setServicePort(0);
      if (!mapping.hasProtocol()) mapping.setProtocol("tcp");
    }
    for (Volume.Builder volume : container.getVolumesBuilderList()) {
      if (volume.hasPersistent()) {
        if (!volume.hasMode()) volume.setMode("RW");
        volume.setPersistent(Defaults.persistent(volume.getPersistent()));
      }
    }
    return container.build();
  }

  /** Host networking: deprecated `ports` become portDefinitions; none at all means one dynamic port. */
  private static void portDefinitions(App.Builder app) {
    boolean hostNetworking = app.getNetworksList().stream().allMatch(n -> "host".equals(n.getMode()));
    if (app.getPortsCount() > 0 && app.getPortDefinitionsCount() == 0) {
      app.getPortsList().forEach(port -> app.addPortDefinitions(PortDefinition.newBuilder().setPort(port)));
    }
    app.clearPorts();
    if (hostNetworking && app.getPortDefinitionsCount() == 0) {
      app.addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("default"));
    }
    for (PortDefinition.Builder definition : app.getPortDefinitionsBuilderList()) {
      if (!definition.hasProtocol()) definition.setProtocol("tcp");
    }
  }

  private static Residency residency(Residency given) {
    Residency.Builder residency = given.toBuilder();
    if (!residency.hasRelaunchEscalationTimeoutSeconds()) residency.setRelaunchEscalationTimeoutSeconds(3600);
    if (!residency.hasTaskLostBehavior()) residency.setTaskLostBehavior("WAIT_FOREVER");
    return residency.build();
  }
}
