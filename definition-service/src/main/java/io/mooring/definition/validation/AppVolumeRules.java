package io.mooring.definition.validation;

import io.mooring.proto.v1.Volume;
import java.util.Set;

/** App volumes: persistent ones live in the sandbox under a single-level containerPath (the seeds). */
final class AppVolumeRules {
  private static final Set<String> DOT_PATHS = Set.of(".", "..");

  private AppVolumeRules() {}

  /** {@code path} is the JSON path of the volume, e.g. {@code /container/volumes(0)}. */
  static void validate(Volume volume, String path, Violations violations) {
    if (volume.hasPersistent()) {
      validatePersistent(volume, path, violations);
    } else if (volume.hasHostPath()) {
      requireNonEmpty(volume.getContainerPath(), path + "/containerPath", violations);
      requireNonEmpty(volume.getHostPath(), path + "/hostPath", violations);
      if (!Set.of("RW", "RO").contains(volume.getMode())) {
        violations.add(path + "/mode", "must be one of RW, RO");
      }
    } else if (!volume.hasExternal() && !volume.hasSecret()) {
      violations.add(path, "must be a persistent, host (hostPath), external or secret volume");
    }
  }

  private static void validatePersistent(Volume volume, String path, Violations violations) {
    String containerPath = volume.getContainerPath();
    String containerPathPath = path + "/containerPath";
    if (containerPath.isEmpty()) {
      violations.add(containerPathPath, "must not be empty");
    } else if (DOT_PATHS.contains(containerPath)) {
      violations.add(containerPathPath, "can not be one of (.,..)");
    } else if (containerPath.contains("/")) {
      violations.add(containerPathPath, "value must not contain \"/\"");
    }
    if (!volume.getMode().equals("RW")) {
      violations.add(path + "/mode", "does not equal RW");
    }
    PersistentVolumeRules.validate(volume.getPersistent(), path + "/persistent", violations);
  }

  static void requireNonEmpty(String value, String path, Violations violations) {
    if (value.isEmpty()) {
      violations.add(path, "must not be empty");
    }
  }
}
