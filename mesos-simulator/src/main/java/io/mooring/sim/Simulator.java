package io.mooring.sim;

import io.mooring.sim.agent.AgentHost;
import io.mooring.sim.agent.ProcessRunner;
import io.mooring.sim.agent.VirtualRunner;
import io.mooring.sim.config.AgentSpec;
import io.mooring.sim.config.SimConfig;
import io.mooring.sim.files.AgentFileServers;
import io.mooring.sim.http.SimHttpServer;
import io.mooring.sim.master.Master;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running simulator: the master with its agents behind its HTTP endpoints, and each agent whose sandboxes are real
 * serving them on its own address (the files API).
 */
public final class Simulator implements AutoCloseable {
  private final Master master;
  private final SimHttpServer http;
  private final ProcessRunner processes = new ProcessRunner();
  private final VirtualRunner virtual = new VirtualRunner();
  private final AgentFileServers agentServers = new AgentFileServers();

  private Simulator(SimConfig config) throws IOException {
    try {
      master = new Master(config, spec -> host(config.home(), spec));
    } catch (RuntimeException e) {
      agentServers.close();
      throw e;
    }
    try {
      http = new SimHttpServer(master, config.host(), config.port());
    } catch (IOException | RuntimeException e) {
      master.close();
      agentServers.close();
      throw e;
    }
  }

  public static Simulator start(SimConfig config) throws IOException {
    Simulator simulator = new Simulator(config);
    simulator.http.start();
    simulator.master.start();
    return simulator;
  }

  /** Agent work dirs and disks live under the home, per agent name, so a restarted simulator finds its checkpoints. */
  private AgentHost host(Path home, AgentSpec spec) {
    Path agentHome = home.resolve("agents").resolve(spec.name());
    boolean process = spec.runner().equals("process");
    AgentHost host = new AgentHost(agentHome.resolve("work"), agentHome.resolve("disks"), process ? processes : virtual,
        process);
    if (process) {
      // a real agent's work dir and disk mount points exist before it registers
      try {
        Files.createDirectories(host.workDir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spec.disks().forEach(disk -> host.hostPath(disk.root()));
      serveFiles(spec, host);
    }
    return host;
  }

  /** The agent's HTTP server, before it registers, so that it reports the port the server got. */
  private void serveFiles(AgentSpec spec, AgentHost host) {
    try {
      host.servedAt(agentServers.start(spec.name(), spec.hostname(), AgentFileServers.MESOS_AGENT_PORT,
          host.workDir(), host.volumeBases(), host::agentId));
    } catch (IOException e) {
      throw new UncheckedIOException("Agent " + spec.name() + " cannot serve its sandboxes on " + spec.hostname(), e);
    }
  }

  public Master master() {
    return master;
  }

  public int port() {
    return http.port();
  }

  public String url() {
    return "http://" + master.config().host() + ":" + port();
  }

  @Override
  public void close() {
    http.close();
    agentServers.close();
    master.close();
    processes.close();
  }
}
