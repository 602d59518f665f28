package io.mooring.sim.http;

import com.sun.net.httpserver.HttpServer;
import io.mooring.sim.master.Master;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The master's HTTP endpoints on the JDK server: /api/v1/scheduler, /api/v1, /master/state (and /state),
 * /master/redirect, /health and the /sim control API. Each subscription holds a thread while its stream is open.
 */
public final class SimHttpServer implements AutoCloseable {
  static {
    // The JDK server writes a response's headers and its body apart; under Nagle's algorithm the body then waits for
    // the client's delayed ACK (40 ms on Linux) on many calls. Read when the JVM's first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService threads;

  public SimHttpServer(Master master, String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 128);
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mesos-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/api/v1/scheduler", new SchedulerEndpoint(master, new BasicAuth(master.config().credentials())));
    server.createContext("/api/v1", new OperatorEndpoint(master));
    StateEndpoint state = new StateEndpoint(master);
    server.createContext("/master/state", state);
    server.createContext("/state", state);
    server.createContext("/master/redirect", exchange -> {
      String leader = master.redirectTo();
      exchange.getResponseHeaders().set("Location", "//" + (leader != null ? leader : host + ":" + port()));
      Exchanges.text(exchange, 307, "");
    });
    server.createContext("/health", exchange -> Exchanges.text(exchange, 200, ""));
    server.createContext("/sim", new ControlEndpoint(master.faults()));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
