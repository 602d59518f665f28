package io.mooring.sim.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The simulator's configuration; {@link SimConfigParser} reads it from flags and an optional JSON file.
 *
 * @param home where agent work dirs and disks live ({@code <mooring home>/sim})
 * @param credentials principal → secret; when non-empty every scheduler call needs HTTP basic auth
 * @param agentUnreachableTimeout a disconnected agent is marked unreachable after this (Mesos: 15 s × 5 pings)
 */
public record SimConfig(
    String host, int port, Path home, Duration allocationInterval, Duration heartbeatInterval,
    Duration agentUnreachableTimeout, List<AgentSpec> agents, Map<String, String> credentials) {

  public static SimConfig defaults(Path home) {
    return new SimConfig("127.0.0.1", 5050, home, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(75),
        standardAgents(3, "process"), Map.of());
  }

  public static List<AgentSpec> standardAgents(int count, String runner) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> AgentSpec.standard(i, runner)).toList();
  }

  public SimConfig withPort(int newPort) {
    return new SimConfig(host, newPort, home, allocationInterval, heartbeatInterval, agentUnreachableTimeout, agents,
        credentials);
  }

  public SimConfig withAgents(List<AgentSpec> newAgents) {
    return new SimConfig(host, port, home, allocationInterval, heartbeatInterval, agentUnreachableTimeout, newAgents,
        credentials);
  }

  public SimConfig withTimings(Duration allocation, Duration heartbeat, Duration unreachable) {
    return new SimConfig(host, port, home, allocation, heartbeat, unreachable, agents, credentials);
  }

  public SimConfig withCredentials(Map<String, String> newCredentials) {
    return new SimConfig(host, port, home, allocationInterval, heartbeatInterval, agentUnreachableTimeout, agents,
        newCredentials);
  }
}
