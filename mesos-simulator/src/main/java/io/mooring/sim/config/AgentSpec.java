package io.mooring.sim.config;

import java.util.List;
import java.util.Map;

/**
 * One agent's configuration.
 *
 * @param ports inclusive ranges, e.g. [[31000, 32000]]
 * @param runner "process" (commands really run) or "virtual" (scripted states, no process)
 */
public record AgentSpec(
    String name, String hostname, double cpus, double memMb, List<long[]> ports, double rootDiskMb,
    List<DiskSpec> disks, String runner, Map<String, String> attributes) {

  /**
   * Each standard agent offers its own 50 host ports (agent 0: 31000-31049, agent 1: 31050-31099, ...; they repeat
   * after 600 agents): the simulated agents share this machine, so two processes on different agents must never be
   * given the same port.
   */
  public static AgentSpec standard(int index, String runner) {
    long first = 31000 + 50L * (index % 600);
    return new AgentSpec("agent-" + index, loopbackHost(index), 4, 8192, List.<long[]>of(new long[] {first, first + 49}),
        20480,
        List.of(
            new DiskSpec(DiskSpec.Type.PATH, "/mnt/path-0", 10240, null),
            new DiskSpec(DiskSpec.Type.MOUNT, "/mnt/ssd-0", 4096, null),
            new DiskSpec(DiskSpec.Type.MOUNT, "/mnt/ssd-1", 8192, "fast")),
        runner, Map.of());
  }

  /** Distinct loopback addresses (127.0.0.1, 127.0.0.2, ...) so agents are distinct hosts that still reach this machine. */
  static String loopbackHost(int index) {
    return "127.0." + (index / 254) + "." + (index % 254 + 1);
  }
}
