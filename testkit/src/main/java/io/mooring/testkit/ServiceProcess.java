package io.mooring.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Mooring service running as a real process from its fat jar, for end-to-end tests that kill things:
 * {@link #kill9()} sends SIGKILL, {@link #restart()} starts the same command again.
 */
public final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final Path jar;
  private final Map<String, String> environment;
  private final List<String> args;
  private final int port;
  private final Path log;
  private final boolean ownsLog;
  private Process process;

  private ServiceProcess(String name, Path jar, Map<String, String> environment, List<String> args, int port,
      Path log, boolean ownsLog) {
    this.name = name;
    this.jar = jar;
    this.environment = environment;
    this.args = args;
    this.port = port;
    this.log = log;
    this.ownsLog = ownsLog;
  }

  /** Starts {@code <root>/<name>/target/<name>.jar} and waits until {@code port} accepts connections. */
  public static ServiceProcess start(Path root, String name, int port, Map<String, String> environment)
      throws IOException {
    return start(root, name, port, environment, List.of());
  }

  /** The same, with command-line arguments after the jar. */
  public static ServiceProcess start(Path root, String name, int port, Map<String, String> environment,
      List<String> args) throws IOException {
    return start(root, name, port, environment, args, null);
  }

  /** The same, appending to {@code log}, which outlives the process (null: a temporary file, deleted on close). */
  public static ServiceProcess start(Path root, String name, int port, Map<String, String> environment,
      List<String> args, Path log) throws IOException {
    Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("missing " + jar + ": build with mvn package first");
    }
    boolean temporary = log == null;
    Path file = temporary ? Files.createTempFile("mooring-" + name + "-", ".log") : log;
    ServiceProcess service = new ServiceProcess(name, jar, environment, args, port, file, temporary);
    service.launch();
    return service;
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    awaitPort(Duration.ofSeconds(60));
  }

  private void awaitPort(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException(name + " did not listen on " + port + ":\n" + Files.readString(log));
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  public void restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    if (ownsLog) {
      Files.deleteIfExists(log);
    }
  }
}
