package io.mooring.chaos;

import io.mooring.testkit.EtcdBinary;
import io.mooring.testkit.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** One etcd member on loopback with its data in {@code dir}: killed with -9 and started again on the same data. */
final class EtcdProcess implements AutoCloseable {
  private final Path binary;
  private final Path dir;
  private final int clientPort = Ports.free();
  private final int peerPort = Ports.free();
  private Process process;

  EtcdProcess(Path dir) throws IOException {
    Path found = EtcdBinary.find();
    if (found == null) {
      throw new IllegalStateException("etcd is required: put it on the PATH or set ETCD_BIN");
    }
    this.binary = found;
    this.dir = Files.createDirectories(dir);
    start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  void start() throws IOException {
    String client = endpoint();
    String peer = "http://127.0.0.1:" + peerPort;
    // fsync stays on: a kill -9 must not lose what etcd acknowledged, or the services could not be judged.
    process = new ProcessBuilder(binary.toString(), "--name", "chaos", "--data-dir", dir.resolve("data").toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "chaos=" + peer,
        "--auto-compaction-mode", "periodic", "--auto-compaction-retention", "10m", "--log-level", "warn")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
        .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited: " + Files.readString(dir.resolve("etcd.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", clientPort), 200);
        return;
      } catch (IOException notYet) {
        Pause.millis(100);
      }
    }
    throw new IllegalStateException("etcd did not listen on " + clientPort);
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    kill9();
  }
}
