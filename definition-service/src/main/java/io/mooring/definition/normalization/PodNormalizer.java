package io.mooring.definition.normalization;

import io.mooring.definition.validation.PodRules;
import io.mooring.definition.validation.RunSpecIds;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodScheduling;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.VolumeMount;

/**
 * Pod defaults (Marathon's PodNormalization): scaling, scheduling, executor resources, networks; legacySharedCgroups
 * only when true. Total.
 */
public final class PodNormalizer {
  private PodNormalizer() {}

  public static Pod normalize(Pod raw, String defaultRole) {
    Pod.Builder pod = raw.toBuilder().setId(RunSpecIds.canonical(raw.getId()));
    if (!pod.hasRole()) pod.setRole(defaultRole);
    var scaling = pod.getScalingBuilder();
    if (!scaling.hasKind()) scaling.setKind("fixed");
    if (!scaling.hasInstances()) scaling.setInstances(1);
    pod.setExecutorResources(Defaults.executor(pod.getExecutorResources()));
    if (pod.hasLegacySharedCgroups() && !pod.getLegacySharedCgroups()) {
      pod.clearLegacySharedCgroups();  // Marathon keeps and shows it only when true
    }
    if (pod.getNetworksCount() == 0) {
      pod.addNetworks(Network.newBuilder().setMode("host"));
    }
    for (PodVolume.Builder volume : pod.getVolumesBuilderList()) {
      if (volume.hasPersistent()) {
        volume.setPersistent(Defaults.persistent(volume.getPersistent()));
      }
    }
    for (PodContainer.Builder container : pod.getContainersBuilderList()) {
      container(container);
    }
    pod.setScheduling(scheduling(pod.getScheduling(), PodRules.isResident(pod.build())));
    return pod.build();
  }

  private static void container(PodContainer.Builder container) {
    var resources = container.getResourcesBuilder();
    if (!resources.hasCpus()) resources.setCpus(1);
    if (!resources.hasMem()) resources.setMem(128);
    if (!resources.hasDisk()) resources.setDisk(0);
    if (!resources.hasGpus()) resources.setGpus(0);
    if (container.hasResourceLimits()) container.setResourceLimits(Defaults.limits(container.getResourceLimits()));
    for (VolumeMount.Builder mount : container.getVolumeMountsBuilderList()) {
      if (!mount.hasReadOnly()) mount.setReadOnly(false);
    }
    for (Endpoint.Builder endpoint : container.getEndpointsBuilderList()) {
      if (endpoint.getProtocolCount() == 0) endpoint.addProtocol("tcp");
    }
  }

  private static PodScheduling scheduling(PodScheduling given, boolean resident) {
    PodScheduling.Builder scheduling = given.toBuilder();
    var backoff = scheduling.getBackoffBuilder();
    if (!backoff.hasBackoff()) backoff.setBackoff(1);
    if (!backoff.hasBackoffFactor()) backoff.setBackoffFactor(1.15);
    if (!backoff.hasMaxLaunchDelay()) backoff.setMaxLaunchDelay(300);
    scheduling.setUpgrade(Defaults.upgrade(scheduling.hasUpgrade(), scheduling.getUpgrade(), resident));
    if (!scheduling.hasUnreachableStrategy()) scheduling.setUnreachableStrategy(Defaults.unreachable(resident));
    if (!scheduling.hasKillSelection()) scheduling.setKillSelection("YOUNGEST_FIRST");
    scheduling.getPlacementBuilder();
    return scheduling.build();
  }
}
