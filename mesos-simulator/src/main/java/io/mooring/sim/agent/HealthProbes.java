package io.mooring.sim.agent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.NetworkInfo;

/**
 * One attempt of each kind of health check, as Mesos' checker runs them (src/checks/checker_process.cpp), on
 * threads shared by every check of the JVM:
 *
 * <ul>
 *   <li>HTTP: {@code GET <scheme>://127.0.0.1:<port><path>} (IPv6: {@code [::1]}), following redirects and
 *       trusting any certificate, as {@code curl -s -S -L -k} does; the status code is judged by the caller. Through
 *       one shared non-blocking {@link HttpClient}.
 *   <li>TCP: a connection to {@code 127.0.0.1:<port>} is opened and closed at once, as {@code mesos-tcp-connect}
 *       does. Non-blocking, on one shared channel-group thread.
 *   <li>COMMAND: the command (shell or argv, as the task's own) runs in the task's sandbox with the task's
 *       environment plus the check command's own variables, stdin from /dev/null and its output appended to the
 *       sandbox's stderr (where the executor's stderr goes in Mesos). Its exit is awaited by the JDK's process
 *       reaper, not by a thread of ours.
 * </ul>
 *
 * <p>No attempt blocks a thread while it waits; each can be abandoned (timeout, task ended), which closes its
 * connection or SIGKILLs the command's process tree. Threads, however many tasks are checked: two timer threads, the
 * HTTP client's selector thread, one TCP channel-group thread, and the JDK's reaper thread per running check command.
 */
final class HealthProbes {
  private HealthProbes() {}

  /** What an attempt found: healthy or not, and why not (Mesos' log wording). */
  record Outcome(boolean healthy, String detail) {
    static final Outcome HEALTHY = new Outcome(true, null);

    static Outcome failed(String detail) {
      return new Outcome(false, detail);
    }
  }

  /** A started attempt. {@code outcome} always completes normally; {@code abort} gives up on it. */
  record Attempt(CompletableFuture<Outcome> outcome, Runnable abort) {
    static Attempt done(Outcome outcome) {
      return new Attempt(CompletableFuture.completedFuture(outcome), () -> {});
    }
  }

  /** The timers of every check (delay, interval, timeout): two threads, created with the first check. */
  static final class Shared {
    private Shared() {}

    static final ScheduledThreadPoolExecutor TIMERS = timers();

    private static ScheduledThreadPoolExecutor timers() {
      ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, new DaemonThreads("sim-health"));
      timers.setRemoveOnCancelPolicy(true); // thousands of checks cancel timers; keep the queue small
      return timers;
    }
  }

  /** One HTTP client for every HTTP check: its selector thread, and the timers as its executor. */
  private static final class Http {
    private Http() {}

    static final HttpClient CLIENT = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // curl speaks HTTP/1.1 to a plain http:// URL; no h2c upgrade
        .followRedirects(HttpClient.Redirect.ALWAYS) // curl -L
        .sslContext(trustingEveryone()) // curl -k
        .executor(Shared.TIMERS)
        .build();
  }

  /** One channel-group thread completes every TCP check's connection. */
  private static final class Tcp {
    private Tcp() {}

    static final AsynchronousChannelGroup GROUP = group();

    private static AsynchronousChannelGroup group() {
      try {
        return AsynchronousChannelGroup.withFixedThreadPool(1, new DaemonThreads("sim-health-tcp"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Attempt http(HealthCheck.HTTPCheckInfo http, long timeoutNanos) {
    String scheme = http.hasScheme() ? http.getScheme() : "http";
    String url = scheme + "://" + host(http.getProtocol(), true) + ":" + http.getPort() + http.getPath();
    HttpRequest request;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
      if (timeoutNanos > 0) builder.timeout(Duration.ofNanos(timeoutNanos));
      request = builder.build();
    } catch (IllegalArgumentException e) {
      return Attempt.done(Outcome.failed("Invalid URL " + url + ": " + e.getMessage()));
    }
    CompletableFuture<HttpResponse<Void>> response;
    try {
      response = Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    } catch (RuntimeException e) {
      return Attempt.done(Outcome.failed("Failed to send " + url + ": " + e));
    }
    CompletableFuture<Outcome> outcome = response.handle((r, error) -> error == null
        ? judge(r.statusCode())
        : Outcome.failed("GET " + url + " failed: " + rootCause(error)));
    return new Attempt(outcome, () -> response.cancel(true));
  }

  /**
   * What Mesos' default executors accept (health_checker.cpp): any status in [200, 399]. The {@code statuses} field
   * is ignored, as its documentation says it is by the default executors.
   */
  static Outcome judge(int statusCode) {
    return statusCode >= 200 && statusCode < 400 ? Outcome.HEALTHY
        : Outcome.failed("Unexpected HTTP response code: " + statusCode);
  }

  static Attempt tcp(HealthCheck.TCPCheckInfo tcp) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open(Tcp.GROUP);
    } catch (IOException e) {
      return Attempt.done(Outcome.failed("TCP connection failed: " + e));
    }
    InetSocketAddress address = new InetSocketAddress(host(tcp.getProtocol(), false), tcp.getPort());
    try {
      channel.connect(address, null, new CompletionHandler<Void, Void>() {
        @Override
        public void completed(Void result, Void attachment) {
          close(channel);
          outcome.complete(Outcome.HEALTHY);
        }

        @Override
        public void failed(Throwable error, Void attachment) {
          close(channel);
          outcome.complete(Outcome.failed("TCP connection to " + address + " failed: " + error));
        }
      });
    } catch (RuntimeException e) {
      close(channel);
      return Attempt.done(Outcome.failed("TCP connection to " + address + " failed: " + e));
    }
    return new Attempt(outcome, () -> close(channel));
  }

  /**
   * @param taskEnvironment what the task's own process got from the agent
   * @param sandbox the task's sandbox: the working directory, and where stderr is
   */
  static Attempt command(CommandInfo command, Map<String, String> taskEnvironment, Path sandbox) {
    List<String> argv = ProcessTask.command(command);
    Process process;
    try {
      Directories.mkdirs(sandbox);
      File stderr = sandbox.resolve("stderr").toFile();
      ProcessBuilder builder = new ProcessBuilder(argv)
          .directory(sandbox.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(stderr))
          .redirectError(ProcessBuilder.Redirect.appendTo(stderr));
      Map<String, String> environment = new java.util.LinkedHashMap<>(taskEnvironment);
      environment.putAll(TaskEnvironment.commandVariables(command.getEnvironment()));
      ProcessTask.setEnvironment(builder, environment);
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      return Attempt.done(Outcome.failed("Failed to launch the health check command: " + e.getMessage()));
    }
    CompletableFuture<Outcome> outcome = process.onExit().handle((p, error) -> {
      if (error != null) return Outcome.failed("Failed to reap the command process: " + error);
      int status = p.exitValue();
      return status == 0 ? Outcome.HEALTHY : Outcome.failed(ProcessTask.describeExit(status));
    });
    return new Attempt(outcome, () -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    });
  }

  private static String host(NetworkInfo.Protocol protocol, boolean url) {
    if (protocol != NetworkInfo.Protocol.IPv6) return "127.0.0.1";
    return url ? "[::1]" : "::1";
  }

  private static void close(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do with it
    }
  }

  private static String rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
    return cause.toString();
  }

  /** curl -k: any certificate, any host name (an X509ExtendedTrustManager, so the JDK adds no host check). */
  private static SSLContext trustingEveryone() {
    X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No TLS context for HTTPS health checks", e);
    }
  }
}
