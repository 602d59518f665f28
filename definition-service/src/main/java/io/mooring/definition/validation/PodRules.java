package io.mooring.definition.validation;

import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every rule a normalised pod must satisfy. Pure. */
public final class PodRules {
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private PodRules() {}

  public static boolean isResident(Pod pod) {
    return pod.getVolumesList().stream().anyMatch(PodVolume::hasPersistent);
  }

  public static Violations validate(Pod pod) {
    Violations violations = new Violations();
    RunSpecIds.validate(pod.getId(), violations);
    AppRules.nonNegative(pod.getScaling().getInstances(), "/scaling/instances", violations);
    // Marathon also wants its minimums here (0.1 cpus, 32 MiB, 10 MiB; AppRules checks them). Mooring never did for
    // pods, and a resident pod stored with less could then not even be scaled: its executor's share may not change.
    var executor = pod.getExecutorResources();
    AppRules.nonNegative(executor.getCpus(), "/executorResources/cpus", violations);
    AppRules.nonNegative(executor.getMem(), "/executorResources/mem", violations);
    AppRules.nonNegative(executor.getDisk(), "/executorResources/disk", violations);
    var backoff = pod.getScheduling().getBackoff();
    AppRules.nonNegative(backoff.getBackoff(), "/scheduling/backoff/backoff", violations);
    AppRules.nonNegative(backoff.getMaxLaunchDelay(), "/scheduling/backoff/maxLaunchDelay", violations);
    AppRules.atLeastOne(backoff.getBackoffFactor(), "/scheduling/backoff/backoffFactor", violations);
    validateContainers(pod, violations);
    Map<String, PodVolume> volumes = validateVolumes(pod, violations);
    validateMounts(pod, volumes, violations);
    boolean resident = isResident(pod);
    var scheduling = pod.getScheduling();
    ResidentRules.validateUpgrade(scheduling.getUpgrade(), "/scheduling/upgrade", resident, violations);
    ResidentRules.validateUnreachableShape(scheduling.getUnreachableStrategy(), "/scheduling/unreachableStrategy",
        violations);
    if (resident) {
      if (!ResidentRules.isDisabled(scheduling.getUnreachableStrategy())) {
        violations.add("/scheduling/unreachableStrategy",
            "unreachableStrategy must be disabled for pods with persistent volumes");
      }
      ResidentRules.validateAcceptedRoles(scheduling.getPlacement().getAcceptedResourceRolesList(),
          "/scheduling/placement/acceptedResourceRoles", "pod", violations);
      ResidentRules.validateRole(pod.getRole(), "pod", violations);
    }
    return violations;
  }

  private static void validateContainers(Pod pod, Violations violations) {
    List<PodContainer> containers = pod.getContainersList();
    if (containers.isEmpty()) {
      violations.add("/containers", "must not be empty");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      PodContainer container = containers.get(i);
      String path = Violations.indexed("/containers", i);
      if (!NAME.matcher(container.getName()).matches()) {
        violations.add(path + "/name", "must fully match regular expression '" + NAME.pattern() + "'");
      } else if (!names.add(container.getName())) {
        violations.add("/containers", "container names are not unique");
      }
      var resources = container.getResources();
      AppRules.nonNegative(resources.getCpus(), path + "/resources/cpus", violations);
      AppRules.nonNegative(resources.getMem(), path + "/resources/mem", violations);
      AppRules.nonNegative(resources.getDisk(), path + "/resources/disk", violations);
      AppRules.nonNegative(resources.getGpus(), path + "/resources/gpus", violations);
      if (container.hasResourceLimits()) {
        ResourceRules.limits(container.getResourceLimits(), resources.getCpus(), resources.getMem(),
            path + "/resourceLimits", violations);
        if (pod.getLegacySharedCgroups()) {
          // Mesos sets limits only on tasks with cgroups of their own.
          violations.add(path + "/resourceLimits",
              "resourceLimits cannot be defined if legacySharedCgroups is enabled");
        }
      }
    }
  }

  /** Returns the volumes by name (the first of each name). */
  private static Map<String, PodVolume> validateVolumes(Pod pod, Violations violations) {
    List<PodVolume> volumes = pod.getVolumesList();
    Set<String> mounted = pod.getContainersList().stream()
        .flatMap(c -> c.getVolumeMountsList().stream()).map(VolumeMount::getName).collect(Collectors.toSet());
    for (int i = 0; i < volumes.size(); i++) {
      PodVolume volume = volumes.get(i);
      String path = Violations.indexed("/volumes", i);
      validateName(volume.getName(), path + "/name", violations);
      if (!mounted.contains(volume.getName())) {
        violations.add(path, "volume must be referenced by at least one container");
      }
      if (volume.hasPersistent()) {
        PersistentVolumeRules.validate(volume.getPersistent(), path + "/persistent", violations);
      } else if (!volume.hasHost() && !volume.hasSecret()) {
        violations.add(path, "must be a persistent, host or secret volume");
      }
    }
    Map<String, PodVolume> byName = volumes.stream()
        .collect(Collectors.toMap(PodVolume::getName, Function.identity(), (first, second) -> first));
    if (byName.size() < volumes.size()) {
      violations.add("/volumes", "volume names must be unique");
    }
    return byName;
  }

  /** Volume and mount names: DNS labels of at most 63 characters. */
  private static void validateName(String name, String path, Violations violations) {
    if (name.isEmpty() || name.length() > 63) {
      violations.add(path, "length must be between 1 and 63");
    } else if (!NAME.matcher(name).matches()) {
      violations.add(path, "must fully match regular expression '" + NAME.pattern() + "'");
    }
  }

  private static void validateMounts(Pod pod, Map<String, PodVolume> volumes, Violations violations) {
    for (int i = 0; i < pod.getContainersCount(); i++) {
      List<VolumeMount> mounts = pod.getContainers(i).getVolumeMountsList();
      for (int j = 0; j < mounts.size(); j++) {
        VolumeMount mount = mounts.get(j);
        String path = Violations.indexed(Violations.indexed("/containers", i) + "/volumeMounts", j);
        validateName(mount.getName(), path + "/name", violations);
        PodVolume volume = volumes.get(mount.getName());
        if (volume == null) {
          violations.add(path + "/name", "Referenced Volume in VolumeMount should exist");
        } else if (volume.hasPersistent() && mount.getReadOnly()) {
          violations.add(path + "/readOnly", "must be false");
        }
        int length = mount.getMountPath().length();
        if (length < 1 || length > 1024) {
          violations.add(path + "/mountPath", "length must be between 1 and 1024");
        }
      }
    }
  }
}
