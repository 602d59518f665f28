package io.mooring.offer.matching;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * What one task of an app needs from an offer (PodRequirements uses it for each part of a pod instance too). Specs
 * arrive normalised; the defaults here are Marathon's, for the fields a spec may still leave out.
 */
record AppRequirements(double cpus, double memMb, double diskMb, int gpus, List<VolumeRequest> volumes,
    List<PortRequest> ports) {
  static final double DEFAULT_CPUS = 1;
  static final double DEFAULT_MEM = 128;

  static AppRequirements of(App app) {
    List<VolumeRequest> volumes = new ArrayList<>();
    for (Volume v : app.getContainer().getVolumesList()) if (v.hasPersistent()) volumes.add(VolumeRequest.of(v));
    return new AppRequirements(app.hasCpus() ? app.getCpus() : DEFAULT_CPUS, app.hasMem() ? app.getMem() : DEFAULT_MEM,
        app.getDisk(), app.getGpus(), List.copyOf(volumes), ports(app));
  }

  /**
   * Host ports: from the container's port mappings when it has any (a mapping without hostPort needs none, 0 means
   * any), else from the port definitions (or the legacy ports list), exact only with requirePorts.
   */
  static List<PortRequest> ports(App app) {
    List<PortRequest> ports = new ArrayList<>();
    if (app.getContainer().getPortMappingsCount() > 0) {
      for (PortMapping m : app.getContainer().getPortMappingsList()) {
        if (!m.hasHostPort()) continue;
        ports.add(new PortRequest(m.getHostPort(), m.getHostPort() != 0, m.hasName() ? m.getName() : null,
            m.getContainerPort()));
      }
      return List.copyOf(ports);
    }
    boolean require = app.getRequirePorts();
    if (app.getPortDefinitionsCount() > 0) {
      for (PortDefinition d : app.getPortDefinitionsList()) {
        ports.add(new PortRequest(d.getPort(), require && d.getPort() != 0, d.hasName() ? d.getName() : null,
            d.getPort()));
      }
    } else {
      for (int port : app.getPortsList()) ports.add(new PortRequest(port, require && port != 0, null, port));
    }
    return List.copyOf(ports);
  }
}
