package io.mooring.sim.files;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' own HTTP servers, each on its agent's address, serving the files API over its sandboxes. Started only
 * for agents whose sandboxes are real: a virtual run of a thousand agents starts none. The servers share a few
 * handler threads (a read is at most 64 KiB of one file); each JDK server keeps one dispatcher thread of its own.
 */
public final class AgentFileServers implements AutoCloseable {
  /** The agent's port in Mesos (--port=5051). */
  public static final int MESOS_AGENT_PORT = 5051;
  private static final Logger log = LoggerFactory.getLogger(AgentFileServers.class);
  private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");
  private static final int THREADS = 4;
  private static final int QUEUE = 256;

  private final ThreadPoolExecutor threads;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  public AgentFileServers() {
    threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "agent-files");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy()); // a full queue slows that agent's dispatcher, nothing is lost
    threads.allowCoreThreadTimeOut(true);
  }

  /**
   * Serves one agent's sandboxes on {@code <its address>:<port>}, or on a free port of that address when the port is
   * taken (another simulator on this machine): the agent must then report the port answered here.
   *
   * @param hostname the agent's hostname; an IP literal is its address, any other name stands for 127.0.0.1
   * @param workDir the agent's work dir, absolute
   * @param volumeBases where its persistent volumes live (its work dir's {@code volumes}, its disks)
   * @param agentId its current agent id, null before it registered
   */
  public InetSocketAddress start(String agentName, String hostname, int port, Path workDir, List<Path> volumeBases,
      Supplier<String> agentId) throws IOException {
    InetAddress address = address(hostname);
    HttpServer server;
    boolean fallback = false;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 64);
    } catch (BindException e) {
      server = HttpServer.create(new InetSocketAddress(address, 0), 64);
      fallback = true;
    }
    server.setExecutor(threads);
    server.createContext("/files/", new FilesEndpoint(new SandboxPaths(workDir, volumeBases, () -> {
      String id = agentId.get();
      return id == null ? "" : id;
    })));
    server.start();
    servers.add(server);
    InetSocketAddress bound = server.getAddress();
    log.info("Agent {} serves its sandboxes on http://{}:{}/files{}", agentName, bound.getAddress().getHostAddress(),
        bound.getPort(), fallback ? " (port " + port + " is taken on " + address.getHostAddress() + ")" : "");
    return bound;
  }

  /** The address an agent with this hostname listens on: the hostname itself when it is an IP, else loopback. */
  public static InetAddress address(String hostname) {
    try {
      return IP_LITERAL.matcher(hostname).matches() ? InetAddress.getByName(hostname)
          : InetAddress.getLoopbackAddress();
    } catch (UnknownHostException e) {
      return InetAddress.getLoopbackAddress();
    }
  }

  @Override
  public void close() {
    servers.forEach(server -> server.stop(0));
    servers.clear();
    threads.shutdownNow();
  }
}
