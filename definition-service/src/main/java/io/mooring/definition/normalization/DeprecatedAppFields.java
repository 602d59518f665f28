package io.mooring.definition.normalization;

import io.mooring.definition.validation.DeprecatedRules;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Artifact;
import io.mooring.proto.v1.IpAddress;
import io.mooring.proto.v1.IpDiscoveryPort;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.PortMapping;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Marathon's deprecated app fields moved into the ones that replaced them, as Marathon 1.11's AppNormalization does:
 * {@code uris} into {@code fetch}, {@code ipAddress} into {@code networks} and {@code container.portMappings}. Neither
 * is stored or shown afterwards. What clashes with fields given beside it is left for validation to refuse.
 */
final class DeprecatedAppFields {
  /** Marathon's --mesos_bridge_name default: an ipAddress naming it asks for the bridge. */
  static final String MESOS_BRIDGE = "mesos-bridge";
  /** What the Mesos fetcher extracts (Marathon FetchUri.supportedFileTypes). */
  private static final List<String> ARCHIVES =
      List.of(".tar", ".tar.gz", ".tar.bz2", ".tar.xz", ".gz", ".tgz", ".tbz2", ".txz", ".zip");

  private DeprecatedAppFields() {}

  /**
   * uris become fetch entries as Marathon's FetchUri makes them: extracted when they name an archive, neither
   * executable nor cached. Both given is left for validation.
   */
  static void uris(App.Builder app) {
    if (app.getUrisCount() == 0 || app.getFetchCount() > 0) {
      return;
    }
    app.getUrisList().forEach(uri -> app.addFetch(Artifact.newBuilder().setUri(uri).setExtract(isArchive(uri))
        .setExecutable(false).setCache(false)));
    app.clearUris();
  }

  /** Marathon's FetchUri.isExtract: the URI parses and its path ends in an archive's extension. */
  static boolean isArchive(String uri) {
    try {
      String path = new URI(uri).getPath();
      return path != null && ARCHIVES.stream().anyMatch(path::endsWith);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * ipAddress becomes the network it asks for (its name and labels; container/bridge for the Mesos bridge or a
   * BRIDGE docker network) and its discovery ports become port mappings of a Mesos container, created if need be.
   * Returns false, leaving it as given, when {@link DeprecatedRules#ipAddressConflicts} finds a clash.
   */
  static boolean ipAddress(App.Builder app) {
    if (!app.hasIpAddress()) {
      return true;
    }
    if (!DeprecatedRules.ipAddressConflicts(app).isEmpty()) {
      return false;
    }
    IpAddress ip = app.getIpAddress();
    app.addNetworks(network(ip, app.getContainer().getDocker().getNetwork()));
    if (!app.hasContainer()) {
      app.getContainerBuilder().setType("MESOS");
    }
    for (IpDiscoveryPort port : ip.getDiscovery().getPortsList()) {
      // The IP-per-task API had no host ports: in bridge mode the normaliser makes them dynamic.
      PortMapping.Builder mapping = app.getContainerBuilder().addPortMappingsBuilder()
          .setContainerPort(port.getNumber()).putAllLabels(port.getLabelsMap());
      if (port.hasName()) mapping.setName(port.getName());
      if (port.hasProtocol()) mapping.setProtocol(port.getProtocol());
    }
    app.clearIpAddress();
    return true;
  }

  private static Network network(IpAddress ip, String dockerNetwork) {
    Network.Builder network = Network.newBuilder();
    boolean bridge = dockerNetwork.equals("BRIDGE") || (dockerNetwork.isEmpty()
        && ip.getNetworkName().equals(MESOS_BRIDGE));
    if (dockerNetwork.equals("HOST")) {
      return network.setMode("host").build();
    } else if (bridge) {
      network.setMode("container/bridge");
    } else {
      network.setMode("container");
      if (ip.hasNetworkName()) network.setName(ip.getNetworkName());
    }
    return network.putAllLabels(ip.getLabelsMap()).build();
  }
}
