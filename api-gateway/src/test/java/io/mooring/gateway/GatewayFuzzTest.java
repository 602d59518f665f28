package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.mooring.gateway.fuzz.RawHttp;
import io.mooring.gateway.fuzz.RawHttp.Header;
import io.mooring.gateway.fuzz.RawHttp.NoResponse;
import io.mooring.gateway.fuzz.RawHttp.Request;
import io.mooring.gateway.fuzz.RawHttp.Response;
import io.mooring.gateway.fuzz.RequestGenerator;
import io.mooring.gateway.fuzz.RequestGenerator.Fuzzed;
import io.mooring.gateway.fuzz.Shrinker;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.DefinitionServiceGrpc.DefinitionServiceBlockingStub;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.ListRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the gateway's HTTP API, over real HTTP against the real definition-service and etcd (the
 * other services are {@link FakeNeighbours}, so no 503 is expected). Requests come from {@link RequestGenerator}
 * (mutated seed examples, odd paths, query parameters, methods, headers and bodies) and from one seeded
 * {@link Random}. Properties:
 *
 * <ol>
 *   <li>No answer is a 5xx, and no request goes without an answer (connection closed or reset, or 30 s of silence).
 *   <li>A refused request (4xx) stores nothing: the apps and pods (ids and versions) and the deployments that
 *       definition-service holds are the same after it as before. Checked after every 4xx, straight against
 *       definition-service; every 100 requests, {@code GET /v2/apps} and {@code GET /v2/pods} must also list exactly
 *       what it holds.
 *   <li>What is created (201 with a Location) can be read back: {@code GET <Location>} is a 200.
 * </ol>
 *
 * <p>Failures do not stop the run: they are grouped into distinct ones (property, method, route, status, message),
 * the first of each is shrunk to a smaller request that fails the same way, and all are printed with the seed (also
 * to {@code target/fuzz-reports/}). Run and replay:
 *
 * <pre>
 * mvn -o -q -pl api-gateway -am test -Dtest=GatewayFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dmooring.fuzz.requests=1000] [-Dmooring.fuzz.seed=N]
 * </pre>
 *
 * The default, 1,000 requests (CI), takes well under a minute on two cores. The suite's longer profile runs 10,000:
 * {@code mvn verify -Dmooring.fuzz.requests=10000}. Without {@code mooring.fuzz.seed} every run draws a new seed.
 */
class GatewayFuzzTest extends LiveGatewayTest {
  private static final int REQUESTS = Integer.getInteger("mooring.fuzz.requests", 1000);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int SHRINK_BUDGET = 150;
  private static final int SHRINK_GROUPS = 15;
  private static final int PREVIEW = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    channel = NettyChannelBuilder.forTarget(definitionService.address()).usePlaintext()
        .maxInboundMessageSize(1 << 30).build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** An exchange: the response, or why there was none. */
  record Outcome(Response response, String noResponse, long millis) {
    boolean broken() {
      return response == null || response.status() >= 500;
    }

    int status() {
      return response == null ? -1 : response.status();
    }

    String summary() {
      return response == null ? "no response: " + noResponse : response.status() + " " + preview(response.body());
    }
  }

  /** What definition-service holds: apps and pods by id with their versions, deployments by id. */
  record State(Map<String, String> apps, Map<String, String> pods, Map<String, String> deployments) {
    String diff(State after) {
      List<String> lines = new ArrayList<>();
      diff("app", apps, after.apps, lines);
      diff("pod", pods, after.pods, lines);
      diff("deployment", deployments, after.deployments, lines);
      return String.join("; ", lines);
    }

    private static void diff(String what, Map<String, String> before, Map<String, String> after, List<String> lines) {
      TreeSet<String> ids = new TreeSet<>(before.keySet());
      ids.addAll(after.keySet());
      for (String id : ids) {
        String was = before.get(id);
        String is = after.get(id);
        if (!Objects.equals(was, is)) {
          lines.add(what + " " + RequestGenerator.abbreviate(id) + ": "
              + (was == null ? "added " + is : is == null ? "removed (was " + was + ")" : was + " → " + is));
        }
      }
    }
  }

  /** One failure of a property. */
  record Failure(String property, int index, Fuzzed fuzzed, Outcome outcome, String detail) {}

  private final Map<String, List<Failure>> failures = new LinkedHashMap<>();
  private final Map<String, Request> shrunk = new LinkedHashMap<>();
  private final Map<String, Outcome> shrunkOutcome = new LinkedHashMap<>();
  private final TreeMap<Integer, Integer> statuses = new TreeMap<>();

  @Test
  void badInputNeverGetsA5xxAndARefusedRequestStoresNothing() throws IOException {
    long seed = Long.getLong("mooring.fuzz.seed", new SecureRandom().nextLong());
    System.out.printf("GatewayFuzzTest: %d requests, seed %d (replay with -Dmooring.fuzz.seed=%d)%n", REQUESTS, seed,
        seed);
    seedStore();
    RequestGenerator generator = new RequestGenerator(new Random(seed),
        Seeds.APPS.stream().map(Seeds::read).toList(), Seeds.read(Seeds.POD));

    long start = System.nanoTime();
    long slowest = 0;
    State before = state();
    for (int i = 1; i <= REQUESTS; i++) {
      Fuzzed fuzzed = generator.next();
      Outcome outcome = exchange(fuzzed.request());
      slowest = Math.max(slowest, outcome.millis());
      statuses.merge(outcome.status(), 1, Integer::sum);
      State after = state();
      if (outcome.broken()) {
        record(new Failure("P1 no 5xx, always an answer", i, fuzzed, outcome, null));
      } else if (outcome.status() >= 400 && outcome.status() < 500 && !after.equals(before)) {
        record(new Failure("P2 a refused request stores nothing", i, fuzzed, outcome, before.diff(after)));
      } else if (outcome.status() == 201) {
        readBack(i, fuzzed, outcome);
      }
      before = after;
      if (i % 100 == 0) {
        listsMatch(i, before);
        before = state();
      }
      if (i % 1000 == 0) {
        System.out.printf("GatewayFuzzTest: %d requests, %d s, %d distinct failures%n", i,
            (System.nanoTime() - start) / 1_000_000_000, failures.size());
      }
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    shrinkFailures();

    String report = report(seed, seconds, slowest);
    System.out.println(report);
    Path reports = Path.of("target", "fuzz-reports");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("GatewayFuzzTest-" + seed + ".txt"), report);
    if (!failures.isEmpty()) {
      fail(failures.size() + " distinct failures in " + REQUESTS + " requests, seed " + seed
          + " (replay with -Dmooring.fuzz.seed=" + seed + "); each with its request and answer above and in "
          + reports.resolve("GatewayFuzzTest-" + seed + ".txt").toAbsolutePath() + ":\n  "
          + String.join("\n  ", failures.keySet()));
    }
  }

  /** The seed examples under the usual ids, so fuzzed requests meet existing apps and pods; instances for kills. */
  private void seedStore() {
    List<String> apps = RequestGenerator.APP_IDS;
    for (int i = 0; i < apps.size(); i++) {
      String body = seed(Seeds.APPS.get(i % Seeds.APPS.size()), apps.get(i));
      assertEquals(201, exchange(json("POST", "/v2/apps", body)).status(), "seeding " + apps.get(i));
    }
    for (String pod : List.of("/fuzz-pod/p1", "/persistent-volume-pod")) {
      assertEquals(201, exchange(json("POST", "/v2/pods", seed(Seeds.POD, pod))).status(), "seeding " + pod);
    }
    neighbours.instances = List.of(
        Instances.placed("/fuzz/a", RequestGenerator.APP_UUID, "agent-1", "TASK_RUNNING").build(),
        Instances.placed("/fuzz/b", RequestGenerator.APP_UUID, "agent-2", "TASK_STAGING").build(),
        Instances.podPlaced("/fuzz-pod/p1", RequestGenerator.POD_UUID, "agent-1", "TASK_RUNNING", "container1",
            "container2").build());
  }

  private static Request json(String method, String path, String body) {
    return new Request(method, path, List.of(new Header("Content-Type", "application/json")),
        body.getBytes(StandardCharsets.UTF_8), false);
  }

  private Outcome exchange(Request request) {
    long start = System.nanoTime();
    try {
      Response response = RawHttp.send(gateway.port(), request, TIMEOUT);
      return new Outcome(response, null, (System.nanoTime() - start) / 1_000_000);
    } catch (NoResponse e) {
      return new Outcome(null, e.getMessage(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static State state() {
    DefinitionServiceBlockingStub stub = DefinitionServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
    Map<String, String> apps = new TreeMap<>();
    Map<String, String> pods = new TreeMap<>();
    for (RunSpec spec : stub.list(ListRequest.newBuilder().setKind(RunSpecKind.APP).build()).getSpecsList()) {
      apps.put(spec.getApp().getId(), spec.getApp().getVersion());
    }
    for (RunSpec spec : stub.list(ListRequest.newBuilder().setKind(RunSpecKind.POD).build()).getSpecsList()) {
      pods.put(spec.getPod().getId(), spec.getPod().getVersion());
    }
    Map<String, String> deployments = new TreeMap<>();
    for (Deployment deployment : stub.listDeployments(ListDeploymentsRequest.getDefaultInstance())
        .getDeploymentsList()) {
      deployments.put(deployment.getId(), deployment.getVersion() + " " + deployment.getState());
    }
    return new State(apps, pods, deployments);
  }

  /** Property 3: a 201's Location reads back. */
  private void readBack(int index, Fuzzed fuzzed, Outcome created) {
    String location = created.response().header("Location").orElse(null);
    if (location == null) {
      return;
    }
    Request get = new Request("GET", location, List.of(new Header("Accept", "application/json")), null, false);
    Outcome read = exchange(get);
    if (read.status() != 200) {
      Failure failure = new Failure("P3 what is created reads back", index, fuzzed, created,
          "GET " + RequestGenerator.abbreviate(location) + " → " + read.summary());
      failures.computeIfAbsent("P3 " + fuzzed.request().method() + " " + route(fuzzed.request().target())
          + " → 201, then GET → " + outcomeKey(read), key -> new ArrayList<>()).add(failure);
    }
  }

  /** Every 100 requests: the gateway's lists answer, and list exactly what definition-service holds. */
  private void listsMatch(int index, State state) {
    for (String path : List.of("/v2/apps", "/v2/pods")) {
      Request get = new Request("GET", path, List.of(new Header("Accept", "application/json")), null, false);
      Fuzzed fuzzed = new Fuzzed(get, "periodic list check");
      Outcome outcome = exchange(get);
      if (outcome.broken() || outcome.status() != 200) {
        record(new Failure("P1 no 5xx, always an answer", index, fuzzed, outcome, "periodic list check"));
        continue;
      }
      Map<String, String> listed = new TreeMap<>();
      try {
        JsonNode json = JSON.readTree(outcome.response().body());
        for (JsonNode spec : path.equals("/v2/apps") ? json.path("apps") : json) {
          listed.put(spec.path("id").asText(), spec.path("version").asText());
        }
      } catch (IOException e) {
        record(new Failure("P2 lists match the store", index, fuzzed, outcome, "not JSON: " + e.getMessage()));
        continue;
      }
      Map<String, String> held = path.equals("/v2/apps") ? state.apps() : state.pods();
      if (!listed.equals(held)) {
        State stored = path.equals("/v2/apps") ? new State(held, Map.of(), Map.of())
            : new State(Map.of(), held, Map.of());
        State shown = path.equals("/v2/apps") ? new State(listed, Map.of(), Map.of())
            : new State(Map.of(), listed, Map.of());
        record(new Failure("P2 lists match the store", index, fuzzed, outcome,
            "stored → listed: " + stored.diff(shown)));
      }
    }
  }

  private void record(Failure failure) {
    failures.computeIfAbsent(signature(failure.property(), failure.fuzzed().request(), failure.outcome()),
        key -> new ArrayList<>()).add(failure);
  }

  /** Failures are the same when property, method, route, status and message (less ids and numbers) are. */
  private static String signature(String property, Request request, Outcome outcome) {
    return property.substring(0, 2) + " " + request.method() + " " + route(request.target()) + " → "
        + outcomeKey(outcome);
  }

  private static String outcomeKey(Outcome outcome) {
    if (outcome.response() == null) {
      return "no response: " + outcome.noResponse().replaceAll("\\d+", "#");
    }
    String message = outcome.response().bodyText();
    try {
      JsonNode json = JSON.readTree(message);
      if (json != null && json.has("message")) {
        message = json.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: the body itself
    }
    message = message.replaceAll("(.)\\1{9,}", "$1…").replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "#");
    return outcome.status() + " " + (message.length() > 120 ? message.substring(0, 120) : message);
  }

  private static final Pattern APP_ROUTE = Pattern.compile(
      "/v2/apps/.+?(/restart|/versions(/[^/]+)?|/tasks(/[^/]+)?)?");
  private static final Pattern POD_ROUTE = Pattern.compile(
      "/v2/pods/.*?(::status|::versions(/[^/]+)?|::instances(/[^/]+)?)?");

  private static String route(String target) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    Matcher app = APP_ROUTE.matcher(path);
    if (app.matches()) {
      return "/v2/apps/{id}" + (app.group(1) == null ? "" : app.group(1).replaceAll("/(versions|tasks)/.*",
          "/$1/{x}"));
    }
    Matcher pod = POD_ROUTE.matcher(path);
    if (pod.matches()) {
      return "/v2/pods/{id}" + (pod.group(1) == null ? "" : pod.group(1).replaceAll("::(versions|instances)/.*",
          "::$1/{x}"));
    }
    String[] segments = path.split("/", -1);
    return segments.length <= 3 ? RequestGenerator.abbreviate(path)
        : String.join("/", segments[0], segments[1], segments[2]) + "/…";
  }

  /** Shrinks the first failure of each distinct 5xx / no-answer failure to a smaller request failing alike. */
  private void shrinkFailures() {
    int shrinking = 0;
    for (Map.Entry<String, List<Failure>> group : failures.entrySet()) {
      Failure first = group.getValue().get(0);
      if (!first.property().startsWith("P1") || first.detail() != null || shrinking++ >= SHRINK_GROUPS) {
        continue;
      }
      String key = outcomeKey(first.outcome());
      Request smallest = new Shrinker(candidate -> {
        Outcome outcome = exchange(candidate);
        return outcome.broken() && outcomeKey(outcome).equals(key);
      }, SHRINK_BUDGET).shrink(first.fuzzed().request());
      if (smallest != first.fuzzed().request()) {
        shrunk.put(group.getKey(), smallest);
        shrunkOutcome.put(group.getKey(), exchange(smallest));
      }
    }
  }

  private String report(long seed, long seconds, long slowest) {
    StringBuilder report = new StringBuilder();
    report.append("GatewayFuzzTest: ").append(REQUESTS).append(" requests in ").append(seconds)
        .append(" s (slowest answer ").append(slowest).append(" ms), seed ").append(seed)
        .append(" (replay with -Dmooring.fuzz.seed=").append(seed).append(")\n");
    report.append("statuses (-1: no answer): ").append(statuses).append('\n');
    report.append(failures.size()).append(" distinct failures\n");
    int n = 0;
    for (Map.Entry<String, List<Failure>> group : failures.entrySet()) {
      List<Failure> all = group.getValue();
      Failure first = all.get(0);
      report.append("\n=== ").append(++n).append(". ").append(group.getKey()).append('\n');
      report.append("    ").append(first.property()).append(": ").append(all.size()).append(" times, first at request #")
          .append(first.index()).append(" (seed ").append(seed).append(")\n");
      report.append("    made by: ").append(first.fuzzed().what()).append('\n');
      if (first.detail() != null) {
        report.append("    ").append(first.detail()).append('\n');
      }
      report.append(describe(first.fuzzed().request(), first.outcome()));
      Request smallest = shrunk.get(group.getKey());
      if (smallest != null) {
        report.append("    shrunk to:\n").append(describe(smallest, shrunkOutcome.get(group.getKey())));
      }
    }
    return report.toString();
  }

  private static String describe(Request request, Outcome outcome) {
    StringBuilder text = new StringBuilder();
    text.append("      > ").append(request.method()).append(' ').append(RequestGenerator.abbreviate(request.target()))
        .append(request.chunked() ? "  (chunked)" : "").append('\n');
    for (Header header : request.headers()) {
      text.append("      > ").append(header.name()).append(": ")
          .append(RequestGenerator.abbreviate(header.value())).append('\n');
    }
    if (request.body() != null) {
      text.append("      > body (").append(request.body().length).append(" bytes): ").append(preview(request.body()))
          .append('\n');
    }
    if (outcome.response() == null) {
      text.append("      < no response: ").append(outcome.noResponse()).append('\n');
    } else {
      text.append("      < ").append(outcome.response().status()).append(' ')
          .append(outcome.response().header("Content-Type").orElse("(no Content-Type)")).append('\n');
      text.append("      < body: ").append(preview(outcome.response().body())).append('\n');
    }
    return text.toString();
  }

  private static String preview(byte[] body) {
    String text = RequestGenerator.runs(new String(body, StandardCharsets.UTF_8));
    String shown = text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…(" + text.length() + " chars)";
    return shown.replace("\r", "\\r").replace("\n", "\\n");
  }
}
