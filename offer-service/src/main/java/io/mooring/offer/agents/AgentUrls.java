package io.mooring.offer.agents;

import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.master.Protos.Response.GetAgents;

/**
 * An agent's base URL ({@code scheme://host:port}) from what Mesos says of it. The address is the agent's pid: the ip
 * it listens on, which reaches it even where its hostname does not resolve; the hostname only when no ip is given.
 */
final class AgentUrls {
  private AgentUrls() {}

  /** From {@code Offer.url}, which master.cpp fills from the agent's pid (path {@code /slave(1)}, not needed here). */
  static Optional<String> of(URL url) {
    if (!url.hasAddress()) return Optional.empty();
    String ip = url.getAddress().getIp();
    return base(url.getScheme(), ip.isEmpty() ? url.getAddress().getHostname() : ip, url.getAddress().getPort());
  }

  /** From GET_AGENTS: the pid {@code slave(1)@<ip>:<port>}, else the AgentInfo's hostname and port. */
  static Optional<String> of(GetAgents.Agent agent) {
    String pid = agent.getPid();
    int at = pid.indexOf('@');
    int colon = pid.lastIndexOf(':');
    if (at >= 0 && colon > at + 1) {
      try {
        return base("http", pid.substring(at + 1, colon), Integer.parseInt(pid.substring(colon + 1)));
      } catch (NumberFormatException e) {
        // not a pid we can read: the AgentInfo below
      }
    }
    AgentInfo info = agent.getAgentInfo();
    return base("http", info.getHostname(), info.hasPort() ? info.getPort() : 5051);
  }

  private static Optional<String> base(String scheme, String host, int port) {
    if (host.isEmpty() || port <= 0 || port > 65535) return Optional.empty();
    String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return Optional.of((scheme.isEmpty() ? "http" : scheme) + "://" + authority + ":" + port);
  }
}
