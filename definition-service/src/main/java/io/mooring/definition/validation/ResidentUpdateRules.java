package io.mooring.definition.validation;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.Volume;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a resident service may not change once created: everything that was reserved (resources, persistent
 * volumes, host ports). Applies when the old or the new version is resident, so adding or removing persistent
 * volumes is refused too (as in Marathon 1.11). Resource limits are not reserved (a task bursts into what the agent
 * has spare), nor is an app's executorResources (Mooring runs no custom executor): both may change, and the tasks
 * relaunch on their reservations with the new ones.
 */
public final class ResidentUpdateRules {
  static final String RESOURCES_CHANGED = "Services with persistent volumes configured may not change resource "
      + "requirements. If you need to make this change, please create a new service.";
  static final String HOST_PORTS_CHANGED = "Services with persistent volumes configured may not change host ports. "
      + "If you need to make this change, please create a new service.";

  private ResidentUpdateRules() {}

  public static Violations validate(App old, App updated) {
    Violations violations = new Violations();
    if (!AppRules.isResident(old) && !AppRules.isResident(updated)) {
      return violations;
    }
    if (!persistentVolumes(old).equals(persistentVolumes(updated))) {
      violations.add("/", "Persistent volumes can not be changed!");
    }
    changed(old.getCpus(), updated.getCpus(), "/cpus", RESOURCES_CHANGED, violations);
    changed(old.getMem(), updated.getMem(), "/mem", RESOURCES_CHANGED, violations);
    changed(old.getDisk(), updated.getDisk(), "/disk", RESOURCES_CHANGED, violations);
    changed(old.getGpus(), updated.getGpus(), "/gpus", RESOURCES_CHANGED, violations);
    changed(old.getRequirePorts(), updated.getRequirePorts(), "/requirePorts", RESOURCES_CHANGED, violations);
    changed(hostPorts(old), hostPorts(updated), "/", HOST_PORTS_CHANGED, violations);
    return violations;
  }

  public static Violations validate(Pod old, Pod updated) {
    Violations violations = new Violations();
    if (!PodRules.isResident(old) && !PodRules.isResident(updated)) {
      return violations;
    }
    if (!persistentVolumes(old).equals(persistentVolumes(updated))) {
      violations.add("/", "persistent volumes cannot be updated");
    }
    PodTotals before = PodTotals.of(old);
    PodTotals after = PodTotals.of(updated);
    changed(before.cpus(), after.cpus(), "/", "cpus cannot be updated if a pod has persistent volumes", violations);
    changed(before.mem(), after.mem(), "/", "mem cannot be updated if a pod has persistent volumes", violations);
    changed(before.disk(), after.disk(), "/", "disk cannot be updated if a pod has persistent volumes", violations);
    changed(before.gpus(), after.gpus(), "/", "gpus cannot be updated if a pod has persistent volumes", violations);
    changed(hostPorts(old), hostPorts(updated), "/", "host ports cannot be updated if a pod has persistent volumes",
        violations);
    return violations;
  }

  private static void changed(Object before, Object after, String path, String message, Violations violations) {
    if (!Objects.equals(before, after)) {
      violations.add(path, message);
    }
  }

  private static List<Volume> persistentVolumes(App app) {
    return app.getContainer().getVolumesList().stream().filter(Volume::hasPersistent).sorted(
        Comparator.comparing(Volume::getContainerPath)).toList();
  }

  /** A pod's persistent volumes, and where each container mounts them: what a relaunch must find unchanged. */
  record PodPersistence(List<PodVolume> volumes, Set<String> mounts) {}

  private static PodPersistence persistentVolumes(Pod pod) {
    List<PodVolume> volumes = pod.getVolumesList().stream().filter(PodVolume::hasPersistent)
        .sorted(Comparator.comparing(PodVolume::getName)).toList();
    Set<String> names = volumes.stream().map(PodVolume::getName).collect(Collectors.toSet());
    Set<String> mounts = pod.getContainersList().stream()
        .flatMap(c -> c.getVolumeMountsList().stream().filter(m -> names.contains(m.getName()))
            .map(m -> c.getName() + ":" + m.getName() + ":" + m.getMountPath()))
        .collect(Collectors.toSet());
    return new PodPersistence(volumes, mounts);
  }

  /** Every reserved host port, dynamic ones as 0, in a stable order. */
  static List<Integer> hostPorts(App app) {
    boolean hostNetworking = app.getNetworksList().stream().allMatch(n -> n.getMode().equals("host"));
    Stream<Integer> mapped = app.getContainer().getPortMappingsList().stream()
        .filter(PortMapping::hasHostPort).map(PortMapping::getHostPort);
    Stream<Integer> defined = hostNetworking
        ? app.getPortDefinitionsList().stream().map(PortDefinition::getPort) : Stream.empty();
    return Stream.concat(mapped, defined).sorted().toList();
  }

  static List<Integer> hostPorts(Pod pod) {
    return pod.getContainersList().stream().flatMap(c -> c.getEndpointsList().stream())
        .filter(Endpoint::hasHostPort).map(Endpoint::getHostPort).sorted().toList();
  }

  /** A pod's reserved resources: its executor's plus every container's. */
  record PodTotals(double cpus, double mem, double disk, int gpus) {
    static PodTotals of(Pod pod) {
      var executor = pod.getExecutorResources();
      double cpus = executor.getCpus();
      double mem = executor.getMem();
      double disk = executor.getDisk();
      int gpus = 0;
      for (PodContainer container : pod.getContainersList()) {
        cpus += container.getResources().getCpus();
        mem += container.getResources().getMem();
        disk += container.getResources().getDisk();
        gpus += container.getResources().getGpus();
      }
      return new PodTotals(cpus, mem, disk, gpus);
    }
  }
}
