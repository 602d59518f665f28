package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.accept;
import static io.mooring.sim.e2e.Mesos.create;
import static io.mooring.sim.e2e.Mesos.framework;
import static io.mooring.sim.e2e.Mesos.launch;
import static io.mooring.sim.e2e.Mesos.reserve;
import static io.mooring.sim.e2e.Mesos.reserved;
import static io.mooring.sim.e2e.Mesos.scalar;
import static io.mooring.sim.e2e.Mesos.task;
import static io.mooring.sim.e2e.Mesos.volume;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.SimFixture.taskState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.mesos.MediaTypes;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's files API over real HTTP, on sandboxes of real processes: one task with a persistent volume that prints
 * to stdout and stderr and plants a link out of its sandbox, one plain task beside it. Port 5051 of the agent's address
 * is held by this test (or by someone else), so the agent must serve on another port and report that one.
 */
class AgentFilesApiTest {
  @TempDir static Path home;
  private static ServerSocket held;
  private static SimFixture sim;
  private static SchedulerClient scheduler;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static String agentUrl;
  private static String sandbox;
  private static String plainSandbox;
  private static Path workDir;
  private static String agentId;
  private static String frameworkId;

  @BeforeAll
  static void start() throws Exception {
    try {
      held = new ServerSocket();
      held.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5051));
    } catch (BindException e) {
      held.close(); // taken already: the agent must fall back all the same
    }
    sim = new SimFixture(home, 1, "process");
    scheduler = sim.client(MediaTypes.Encoding.PROTOBUF);
    assertEquals(200, scheduler.subscribe(framework("files")));
    frameworkId = scheduler.frameworkId.getValue();
    Offer offer = offer(scheduler, o -> true);
    agentId = offer.getAgentId().getValue();
    assertEquals("http", offer.getUrl().getScheme());
    assertEquals("/slave(1)", offer.getUrl().getPath());
    assertEquals("127.0.0.1", offer.getUrl().getAddress().getIp());
    agentUrl = "http://" + offer.getUrl().getAddress().getIp() + ":" + offer.getUrl().getAddress().getPort();

    Resource cpus = reserved(scalar("cpus", 0.2), "files-1");
    Resource mem = reserved(scalar("mem", 64), "files-1");
    Resource disk = reserved(scalar("disk", 10), "files-1");
    Resource volume = volume(disk, "files#data#1", "data");
    String command = "printf 'out-line\\n'; echo err-line >&2; echo kept > data/file; ln -s /etc escape; mkdir sub;"
        + " exec sleep 3600";
    scheduler.send(scheduler.call(Call.Type.ACCEPT).setAccept(accept(offer,
        reserve(null, List.of(cpus, mem, disk)), create(null, List.of(volume)),
        launch(task("files.1", offer.getAgentId(), command, List.of(cpus, mem, volume)),
            task("plain.1", offer.getAgentId(), "exec sleep 3600", List.of(scalar("cpus", 0.1), scalar("mem", 32))))))
        .build());
    taskState(scheduler, "files.1", TaskState.TASK_RUNNING);
    workDir = home.resolve("agents/agent-0/work").toAbsolutePath();
    sandbox = "/frameworks/" + frameworkId + "/executors/files.1/runs/latest";
    plainSandbox = "/frameworks/" + frameworkId + "/executors/plain.1/runs/latest";
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!Files.isDirectory(workDir.resolve("slaves/" + agentId + "/frameworks/" + frameworkId
        + "/executors/files.1/runs/latest/sub")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    scheduler.close();
    sim.close();
    if (!held.isClosed()) held.close();
  }

  @Test
  void theAgentReportsThePortItServesOnWhen5051IsTaken() throws Exception {
    JsonObject slave = sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
    int port = slave.get("port").getAsInt();
    assertNotEquals(5051, port);
    assertEquals(agentUrl, "http://127.0.0.1:" + port);
    assertEquals("slave(1)@127.0.0.1:" + port, slave.get("pid").getAsString());
  }

  @Test
  void readsAtAnOffsetOrAsksTheSizeWithMinusOneOrNone() throws Exception {
    assertEquals(reply(200, "{\"data\":\"out-line\\n\",\"offset\":0}"), read(sandbox + "/stdout", "&offset=0"));
    assertEquals(reply(200, "{\"data\":\"\",\"offset\":9}"), read(sandbox + "/stdout", "&offset=-1"));
    assertEquals(reply(200, "{\"data\":\"\",\"offset\":9}"), read(sandbox + "/stdout", ""));
    assertEquals(reply(200, "{\"data\":\"line\\n\",\"offset\":4}"), read(sandbox + "/stdout", "&offset=4&length=5"));
    assertEquals(reply(200, "{\"data\":\"li\",\"offset\":4}"), read(sandbox + "/stdout", "&offset=0x4&length=2"));
    assertEquals(reply(200, "{\"data\":\"\",\"offset\":100}"), read(sandbox + "/stdout", "&offset=100"));
    assertEquals(reply(200, "{\"data\":\"\",\"offset\":0}"), read(sandbox + "/stdout", "&offset=0&length=0"));
    assertEquals(reply(200, "{\"data\":\"out-line\\n\",\"offset\":0}"), read(sandbox + "/stdout",
        "&offset=0&length=-1"));
    assertTrue(read(sandbox + "/stderr", "&offset=0").body().contains("err-line\\n"));
  }

  @Test
  void theRealPathsOfTheSandboxAreAttachedToo() throws Exception {
    String runs = workDir + "/slaves/" + agentId + "/frameworks/" + frameworkId + "/executors/files.1/runs/";
    String container;
    try (Stream<Path> dirs = Files.list(Path.of(runs))) {
      container = dirs.map(p -> p.getFileName().toString()).filter(n -> !n.equals("latest")).findFirst().orElseThrow();
    }
    String expected = "{\"data\":\"out-line\\n\",\"offset\":0}";
    assertEquals(reply(200, expected), read(runs + "latest/stdout", "&offset=0"));
    assertEquals(reply(200, expected), read(runs + container + "/stdout", "&offset=0"));
    assertEquals(reply(404, ""), read(workDir + "/slaves/another-agent/frameworks/" + frameworkId
        + "/executors/files.1/runs/latest/stdout", "&offset=0"));
  }

  @Test
  void aReadLongerThan16PagesIsCut() throws Exception {
    Path big = workDir.resolve("slaves/" + agentId + "/frameworks/" + frameworkId + "/executors/files.1/runs/latest/big");
    Files.write(big, new byte[100_000]);
    JsonObject json = JsonParser.parseString(read(sandbox + "/big", "&offset=10").body()).getAsJsonObject();
    assertEquals(65_536, json.get("data").getAsString().length());
    assertEquals(10, json.get("offset").getAsInt());
  }

  @Test
  void browsesTheSandboxWithVirtualPathsAndStatFollowingLinks() throws Exception {
    HttpResponse<String> listing = get("/files/browse?path=" + encode(sandbox));
    assertEquals(200, listing.statusCode());
    assertEquals("application/json", listing.headers().firstValue("Content-Type").orElse(""));
    assertTrue(listing.body().contains("\"mtime\":"), listing.body());
    JsonArray entries = JsonParser.parseString(listing.body()).getAsJsonArray();
    JsonObject stdout = entry(entries, sandbox + "/stdout");
    assertEquals(9, stdout.get("size").getAsInt());
    assertEquals(1, stdout.get("nlink").getAsInt());
    assertTrue(stdout.get("mode").getAsString().matches("-rw-[-r][-w]-[-r][-w]-"), stdout.toString());
    assertEquals(System.getProperty("user.name"), stdout.get("uid").getAsString());
    assertTrue(stdout.get("mtime").getAsDouble() > 1.7e9);
    assertTrue(entry(entries, sandbox + "/data").get("mode").getAsString().startsWith("d"), "the volume link");
    assertTrue(entry(entries, sandbox + "/sub").get("mode").getAsString().startsWith("d"));
    List<String> paths = entries.asList().stream().map(e -> e.getAsJsonObject().get("path").getAsString()).toList();
    assertEquals(paths.stream().sorted().toList(), paths, "sorted by name");

    assertEquals(reply(200, "[]"), browse(sandbox + "/stdout"));
    assertEquals(200, browse(sandbox + "/").status());
  }

  @Test
  void theTasksOwnVolumeIsReadThroughItsLink() throws Exception {
    assertEquals(reply(200, "{\"data\":\"kept\\n\",\"offset\":0}"), read(sandbox + "/data/file", "&offset=0"));
    assertEquals(200, browse(sandbox + "/data").status());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a missing file | /stdout.1",
      "an unknown executor | /../../../nope/runs/latest/stdout",
  })
  void missingIs404WithAnEmptyBody(String what, String suffix) throws Exception {
    assertEquals(reply(404, ""), read(sandbox + suffix, "&offset=0"), what);
  }

  @Test
  void pathsNotAttachedAre404() throws Exception {
    assertEquals(reply(404, ""), read("/frameworks/" + frameworkId + "/executors/nope/runs/latest/stdout", ""));
    assertEquals(reply(404, ""), browse("/frameworks"));
    assertEquals(reply(404, ""), browse("/frameworks/" + frameworkId + "/executors/files.1/runs"));
    assertEquals(reply(404, ""), browse(workDir.toString()));
    assertEquals(reply(404, ""), browse("/etc"));
    assertEquals(404, get("/files/nothing?path=x").statusCode());
  }

  @Test
  void badParametersAre400WithMesosBodies() throws Exception {
    assertEquals(reply(400, "Expecting 'path=value' in query.\n"), reply(get("/files/read?offset=0")));
    assertEquals(reply(400, "Expecting 'path=value' in query.\n"), reply(get("/files/browse?path=")));
    assertEquals(reply(400, "Failed to parse offset: Failed to convert 'abc' to number.\n"),
        read(sandbox + "/stdout", "&offset=abc"));
    assertEquals(reply(400, "Negative offset provided: -2.\n"), read(sandbox + "/stdout", "&offset=-2"));
    assertEquals(reply(400, "Failed to parse length: Failed to convert '1.5' to number.\n"),
        read(sandbox + "/stdout", "&length=1.5"));
    assertEquals(reply(400, "Negative length provided: -5.\n"), read(sandbox + "/stdout", "&offset=0&length=-5"));
    assertEquals(reply(400, "Cannot read a directory.\n"), read(sandbox + "/sub", "&offset=0"));
    assertEquals(reply(400, "Cannot read a directory.\n"), read(sandbox, "&offset=0"));
  }

  @Test
  void nothingOutsideTheSandboxIsReached() throws Exception {
    String up = "/..".repeat(30);
    assertInaccessible(read(sandbox + up + "/etc/passwd", "&offset=0"));
    assertInaccessible(read(sandbox + "/escape/passwd", "&offset=0"));
    assertInaccessible(browse(sandbox + "/escape"));
    assertInaccessible(browse(sandbox + "/.."));
    // another sandbox's volume, reached by climbing out of a sandbox that links no volume
    assertInaccessible(read(plainSandbox + "/../../../files.1/runs/latest/data/file", "&offset=0"));
  }

  private static void assertInaccessible(Reply reply) {
    assertEquals(400, reply.status(), reply.body());
    assertTrue(reply.body().endsWith("' is inaccessible.\n"), reply.body());
  }

  private static JsonObject entry(JsonArray entries, String path) {
    for (JsonElement e : entries) {
      if (e.getAsJsonObject().get("path").getAsString().equals(path)) return e.getAsJsonObject();
    }
    throw new AssertionError(path + " not in " + entries);
  }

  private record Reply(int status, String body) {}

  private static Reply reply(int status, String body) {
    return new Reply(status, body);
  }

  private static Reply reply(HttpResponse<String> response) {
    return new Reply(response.statusCode(), response.body());
  }

  private static Reply read(String path, String more) throws Exception {
    return reply(get("/files/read?path=" + encode(path) + more));
  }

  private static Reply browse(String path) throws Exception {
    return reply(get("/files/browse?path=" + encode(path)));
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(agentUrl + pathAndQuery)).timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String path) {
    return URLEncoder.encode(path, StandardCharsets.UTF_8);
  }
}
