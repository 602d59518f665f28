package io.mooring.definition.validation;

import com.google.protobuf.ListValue;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.Volume;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/** Every rule a normalised app must satisfy on creation and after every update. Pure. */
public final class AppRules {
  private static final Set<String> CONSTRAINT_OPERATORS =
      Set.of("UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER", "IS");
  private static final Set<String> NETWORK_MODES = Set.of("host", "container", "container/bridge");
  private static final Set<String> CONTAINER_TYPES = Set.of("MESOS", "DOCKER");

  private AppRules() {}

  public static boolean isResident(App app) {
    return app.getContainer().getVolumesList().stream().anyMatch(Volume::hasPersistent);
  }

  public static Violations validate(App app) {
    Violations violations = new Violations();
    RunSpecIds.validate(app.getId(), violations);
    validateResources(app, violations);
    DeprecatedRules.validate(app, violations);
    validateFetch(app, violations);
    validateCommand(app, violations);
    validateContainer(app, violations);
    validatePortDefinitions(app, violations);
    validateConstraints(app.getConstraintsList(), violations);
    app.getNetworksList().forEach(n -> {
      if (!NETWORK_MODES.contains(n.getMode())) {
        violations.add("/networks", "network mode must be one of host, container, container/bridge");
      }
    });
    boolean resident = isResident(app);
    ResidentRules.validateUpgrade(app.getUpgradeStrategy(), "/upgradeStrategy", resident, violations);
    ResidentRules.validateUnreachableShape(app.getUnreachableStrategy(), "/unreachableStrategy", violations);
    if (resident) {
      if (!ResidentRules.isDisabled(app.getUnreachableStrategy())) {
        violations.add("/unreachableStrategy", "unreachableStrategy must be disabled for resident tasks");
      }
      ResidentRules.validateAcceptedRoles(app.getAcceptedResourceRolesList(), "/acceptedResourceRoles", "app",
          violations);
      ResidentRules.validateRole(app.getRole(), "app", violations);
      String lost = app.getResidency().getTaskLostBehavior();
      if (!lost.equals("WAIT_FOREVER")) {
        violations.add("/residency/taskLostBehavior", "must be WAIT_FOREVER for apps with persistent volumes");
      }
    }
    return violations;
  }

  private static void validateResources(App app, Violations violations) {
    nonNegative(app.getCpus(), "/cpus", violations);
    nonNegative(app.getMem(), "/mem", violations);
    nonNegative(app.getDisk(), "/disk", violations);
    nonNegative(app.getGpus(), "/gpus", violations);
    nonNegative(app.getInstances(), "/instances", violations);
    nonNegative(app.getBackoffSeconds(), "/backoffSeconds", violations);
    nonNegative(app.getMaxLaunchDelaySeconds(), "/maxLaunchDelaySeconds", violations);
    atLeastOne(app.getBackoffFactor(), "/backoffFactor", violations);
    if (app.hasResourceLimits()) {
      ResourceRules.limits(app.getResourceLimits(), app.getCpus(), app.getMem(), "/resourceLimits", violations);
    }
    if (app.hasExecutorResources()) {
      ResourceRules.executor(app.getExecutorResources(), "/executorResources", violations);
    }
  }

  /** Marathon's uriIsValid, and the length its RAML allows. */
  private static void validateFetch(App app, Violations violations) {
    for (int i = 0; i < app.getFetchCount(); i++) {
      String uri = app.getFetch(i).getUri();
      String path = Violations.indexed("/fetch", i) + "/uri";
      if (uri.isEmpty() || uri.length() > 1024) {
        violations.add(path, "length must be between 1 and 1024");
      } else if (!isUri(uri)) {
        violations.add(path, "URI has invalid syntax.");
      }
    }
  }

  private static boolean isUri(String uri) {
    try {
      new URI(uri);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static void atLeastOne(double value, String path, Violations violations) {
    if (!(value >= 1.0) || Double.isInfinite(value)) {
      violations.add(path, Violations.atLeast(value, 1.0));
    }
  }

  /** NaN and the infinities parse from JSON ("NaN", "Infinity") and must not reach a reservation. */
  static void nonNegative(double value, String path, Violations violations) {
    if (!Double.isFinite(value)) {
      violations.add(path, "got " + value + ", expected a finite number");
    } else if (value < 0) {
      violations.add(path, Violations.atLeast(value, 0.0));
    }
  }

  static void nonNegative(int value, String path, Violations violations) {
    if (value < 0) {
      violations.add(path, Violations.atLeast(value, 0));
    }
  }

  private static void validateCommand(App app, Violations violations) {
    boolean hasCmd = app.hasCmd() && !app.getCmd().isBlank();
    boolean hasArgs = app.getArgsCount() > 0;
    boolean hasImage = app.getContainer().getDocker().hasImage();
    if ((hasCmd && hasArgs) || (!hasCmd && !hasArgs && !hasImage)) {
      violations.add("/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
    }
  }

  private static void validateContainer(App app, Violations violations) {
    if (!app.hasContainer()) {
      return;
    }
    var container = app.getContainer();
    if (!CONTAINER_TYPES.contains(container.getType())) {
      violations.add("/container/type", "must be one of MESOS, DOCKER");
    }
    if (container.getType().equals("DOCKER") && container.getDocker().getImage().isBlank()) {
      violations.add("/container/docker/image", "must not be empty");
    }
    List<Volume> volumes = container.getVolumesList();
    for (int i = 0; i < volumes.size(); i++) {
      AppVolumeRules.validate(volumes.get(i), Violations.indexed("/container/volumes", i), violations);
    }
    List<PortMapping> mappings = container.getPortMappingsList();
    for (int i = 0; i < mappings.size(); i++) {
      String path = Violations.indexed("/container/portMappings", i);
      port(mappings.get(i).getContainerPort(), path + "/containerPort", violations);
      port(mappings.get(i).getHostPort(), path + "/hostPort", violations);
      port(mappings.get(i).getServicePort(), path + "/servicePort", violations);
    }
  }

  private static void validatePortDefinitions(App app, Violations violations) {
    boolean hostNetworking = app.getNetworksList().stream().allMatch(n -> n.getMode().equals("host"));
    if (!hostNetworking && app.getPortDefinitionsCount() > 0) {
      violations.add("/portDefinitions", "portDefinitions are only allowed with host networking; use portMappings");
    }
    for (int i = 0; i < app.getPortDefinitionsCount(); i++) {
      port(app.getPortDefinitions(i).getPort(), Violations.indexed("/portDefinitions", i) + "/port", violations);
    }
  }

  private static void port(int port, String path, Violations violations) {
    if (port < 0 || port > 65535) {
      violations.add(path, "got " + port + ", expected between 0 and 65535");
    }
  }

  private static void validateConstraints(List<ListValue> constraints, Violations violations) {
    for (int i = 0; i < constraints.size(); i++) {
      var parts = constraints.get(i).getValuesList();
      String path = Violations.indexed("/constraints", i);
      if (parts.size() < 2 || parts.size() > 3 || parts.stream().anyMatch(p -> !p.hasStringValue())) {
        violations.add(path, "Each constraint must have either 2 or 3 fields");
      } else if (!CONSTRAINT_OPERATORS.contains(parts.get(1).getStringValue())) {
        violations.add(path, "Constraint operator must be one of " + String.join(", ", CONSTRAINT_OPERATORS.stream()
            .sorted().toList()));
      }
    }
  }
}
