package io.mooring.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.testkit.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's promise: ./mooring up --detach runs the whole stack with its defaults; ./mooring down leaves nothing. */
class MooringScriptTest {
  @TempDir Path home;

  @Test
  void upServesTheMarathonApiAndDownLeavesNoProcess() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("MOORING_HOME", home.toString()));
    for (String port : List.of("MOORING_HTTP_PORT", "MOORING_ETCD_PORT", "MOORING_ETCD_PEER_PORT",
        "MOORING_DEFINITION_PORT", "MOORING_RESERVATION_PORT", "MOORING_OFFER_PORT", "MOORING_GC_PORT",
        "MOORING_MESOS_PORT")) {
      env.put(port, String.valueOf(Ports.free()));
    }
    try {
      assertEquals(0, mooring(env, "up", "--detach"), "./mooring up --detach failed");
      List<Long> pids = pids();
      assertEquals(7, pids.size(), "etcd, the Mesos simulator and five services");

      HttpClient http = HttpClient.newHttpClient();
      String body = Files.readString(Stack.ROOT.resolve("deploy/examples/mysql.json"));
      String base = "http://127.0.0.1:" + env.get("MOORING_HTTP_PORT");
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/apps"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(201, created.statusCode(), created.body());
      HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/apps/mysql")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, got.statusCode(), got.body());
      HttpResponse<String> mesos = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + env.get("MOORING_MESOS_PORT") + "/master/state")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, mesos.statusCode());
      assertEquals(3, com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(mesos.body())
          .get("slaves").size(), "the simulator's three default agents");

      assertEquals(0, mooring(env, "down"));
      for (long pid : pids) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " survived");
      }
      assertTrue(Files.isDirectory(home.resolve("etcd")), "etcd data lives under MOORING_HOME");
      assertTrue(Files.isDirectory(home.resolve("sim/agents/agent-0/work")), "agent work dirs live under MOORING_HOME");
      assertTrue(Files.isDirectory(home.resolve("sim/agents/agent-0/disks/mnt/ssd-1")), "disks are real directories");
    } finally {
      mooring(env, "down");
    }
  }

  private List<Long> pids() throws IOException {
    try (Stream<Path> files = Files.list(home.resolve("run"))) {
      return files.map(f -> {
        try {
          return Long.parseLong(Files.readString(f).trim());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
    }
  }

  private int mooring(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", Stack.ROOT.resolve("mooring").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.resolve("mooring-" + args[0] + ".out").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("./mooring " + String.join(" ", args) + " did not finish");
    }
    if (process.exitValue() != 0) {
      System.err.println(Files.readString(home.resolve("mooring-" + args[0] + ".out")));
    }
    return process.exitValue();
  }
}
