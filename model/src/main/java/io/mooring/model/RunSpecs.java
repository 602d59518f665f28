package io.mooring.model;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Volume;
import java.util.List;

/** What an app or a pod says, for every service that reads one. Absent fields read as Marathon's defaults. */
public final class RunSpecs {
  /** Residents default to {0.5, 0} (as in Marathon 1.11); normalisation usually sets it explicitly. */
  static final double RESIDENT_MINIMUM_HEALTH_CAPACITY = 0.5;

  private RunSpecs() {}

  /** Unspecified when the spec is neither: a request that names no app or pod at all. */
  public static RunSpecKind kind(RunSpec spec) {
    return spec.hasApp() ? RunSpecKind.APP : spec.hasPod() ? RunSpecKind.POD : RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED;
  }

  public static String id(RunSpec spec) {
    return spec.hasPod() ? spec.getPod().getId() : spec.getApp().getId();
  }

  public static String version(RunSpec spec) {
    return spec.hasPod() ? spec.getPod().getVersion() : spec.getApp().getVersion();
  }

  /** The version of the last change that needs a restart: a scale-only change keeps it (apps only track this). */
  public static String configVersion(RunSpec spec) {
    return spec.hasPod() ? spec.getPod().getVersion() : configVersion(spec.getApp());
  }

  public static String configVersion(App app) {
    String lastConfigChange = app.getVersionInfo().getLastConfigChangeAt();
    return lastConfigChange.isEmpty() ? app.getVersion() : lastConfigChange;
  }

  public static int instances(RunSpec spec) {
    if (spec.hasPod()) {
      Pod pod = spec.getPod();
      return pod.getScaling().hasInstances() ? pod.getScaling().getInstances() : 1;
    }
    return spec.getApp().hasInstances() ? spec.getApp().getInstances() : 1;
  }

  public static double minimumHealthCapacity(RunSpec spec) {
    if (spec.hasPod()) {
      var upgrade = spec.getPod().getScheduling().getUpgrade();
      return upgrade.hasMinimumHealthCapacity() ? upgrade.getMinimumHealthCapacity() : RESIDENT_MINIMUM_HEALTH_CAPACITY;
    }
    var upgrade = spec.getApp().getUpgradeStrategy();
    return upgrade.hasMinimumHealthCapacity() ? upgrade.getMinimumHealthCapacity() : RESIDENT_MINIMUM_HEALTH_CAPACITY;
  }

  /** 0 when the spec names none: the kill then carries no kill policy and Mesos uses its own default. */
  public static int killGracePeriodSeconds(RunSpec spec) {
    if (spec.hasPod()) {
      // One kill stops the whole task group, so the longest container grace period applies.
      double longest = spec.getPod().getContainersList().stream()
          .mapToDouble(c -> c.getLifecycle().getKillGracePeriodSeconds()).max().orElse(0);
      return (int) Math.ceil(longest);
    }
    App app = spec.getApp();
    return app.hasTaskKillGracePeriodSeconds() ? app.getTaskKillGracePeriodSeconds() : 0;
  }

  /** No networks, or only host ones: then every endpoint of a pod gets a host port. */
  public static boolean hostNetwork(Pod pod) {
    return pod.getNetworksList().stream().map(Network::getMode).allMatch(m -> m.isEmpty() || m.equals("host"));
  }

  /** The container paths (apps) or volume names (pods) of the persistent volumes, in declaration order. */
  public static List<String> persistentVolumePaths(RunSpec spec) {
    if (spec.hasPod()) {
      return spec.getPod().getVolumesList().stream().filter(PodVolume::hasPersistent).map(PodVolume::getName).toList();
    }
    return spec.getApp().getContainer().getVolumesList().stream()
        .filter(Volume::hasPersistent).map(Volume::getContainerPath).toList();
  }
}
