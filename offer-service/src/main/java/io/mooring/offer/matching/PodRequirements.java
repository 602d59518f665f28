package io.mooring.offer.matching;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.ExecutorResources;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodConstraint;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * What one instance of a pod needs from an offer: the default executor's share, each container's (in container
 * order) and the persistent volumes, all reserved together (Marathon PodDefinition.resources = executorResources +
 * Σ container resources). Specs arrive normalised; the defaults here are Marathon's, for fields still left out.
 *
 * @param executor cpus, mem and scratch disk of the executor: no gpus, no ports
 * @param containers per container: its cpus, mem, scratch disk, gpus and host ports; no volumes
 * @param volumes the persistent volumes by pod volume name (they go on the executor)
 */
record PodRequirements(AppRequirements executor, List<AppRequirements> containers, List<VolumeRequest> volumes,
    List<ListValue> constraints, List<String> acceptedResourceRoles) {
  static final double EXECUTOR_CPUS = 0.1;
  static final double EXECUTOR_MEM = 32;
  static final double EXECUTOR_DISK = 10;

  static PodRequirements of(Pod pod) {
    ExecutorResources e = pod.getExecutorResources();
    AppRequirements executor = new AppRequirements(e.hasCpus() ? e.getCpus() : EXECUTOR_CPUS,
        e.hasMem() ? e.getMem() : EXECUTOR_MEM, e.hasDisk() ? e.getDisk() : EXECUTOR_DISK, 0, List.of(), List.of());
    List<AppRequirements> containers = new ArrayList<>();
    for (PodContainer c : pod.getContainersList()) {
      Resources r = c.getResources();
      containers.add(new AppRequirements(r.hasCpus() ? r.getCpus() : AppRequirements.DEFAULT_CPUS,
          r.hasMem() ? r.getMem() : AppRequirements.DEFAULT_MEM, r.getDisk(), r.getGpus(), List.of(),
          ports(c, hostNetwork(pod))));
    }
    List<VolumeRequest> volumes = new ArrayList<>();
    for (PodVolume v : pod.getVolumesList()) {
      if (v.hasPersistent()) volumes.add(VolumeRequest.of(v.getName(), v.getPersistent()));
    }
    List<ListValue> constraints = pod.getScheduling().getPlacement().getConstraintsList().stream()
        .map(PodRequirements::constraint).toList();
    return new PodRequirements(executor, List.copyOf(containers), List.copyOf(volumes), constraints,
        List.copyOf(pod.getScheduling().getPlacement().getAcceptedResourceRolesList()));
  }

  /** Everything at once: what the RESERVE takes, and the order of the reasons (as Marathon matches the sum). */
  AppRequirements total() {
    double cpus = executor.cpus();
    double mem = executor.memMb();
    double disk = executor.diskMb();
    int gpus = 0;
    List<PortRequest> ports = new ArrayList<>();
    for (AppRequirements c : containers) {
      cpus += c.cpus();
      mem += c.memMb();
      disk += c.diskMb();
      gpus += c.gpus();
      ports.addAll(c.ports());
    }
    return new AppRequirements(cpus, mem, disk, gpus, volumes, List.copyOf(ports));
  }

  /** No networks, or only host ones: every endpoint then gets a host port. */
  static boolean hostNetwork(Pod pod) {
    return RunSpecs.hostNetwork(pod);
  }

  /**
   * An endpoint's host port: hostPort 0 means any, another value exactly that port; without hostPort, any port on
   * host networking and none on a container network.
   */
  static boolean wantsHostPort(Endpoint endpoint, boolean hostNetwork) {
    return endpoint.hasHostPort() || hostNetwork;
  }

  private static List<PortRequest> ports(PodContainer container, boolean hostNetwork) {
    List<PortRequest> ports = new ArrayList<>();
    for (Endpoint e : container.getEndpointsList()) {
      if (!wantsHostPort(e, hostNetwork)) continue;
      ports.add(new PortRequest(e.getHostPort(), e.getHostPort() != 0, e.getName(), e.getContainerPort()));
    }
    return List.copyOf(ports);
  }

  /** A pod constraint in the app form [field, operator, value?] that PlacementConstraints reads. */
  private static ListValue constraint(PodConstraint c) {
    ListValue.Builder list = ListValue.newBuilder()
        .addValues(Value.newBuilder().setStringValue(c.getFieldName()))
        .addValues(Value.newBuilder().setStringValue(c.getOperator()));
    if (c.hasValue()) list.addValues(Value.newBuilder().setStringValue(c.getValue()));
    return list.build();
  }
}
