package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.TaskFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/apps} filters ({@code cmd}, {@code label}) and the embeds of the list and of one app, over HTTP. */
class AppQueriesHttpTest extends LiveGatewayTest {
  private static final String DB = "/queries/db";
  private static final String CACHE = "/queries/cache";
  private static final String WEB = "/queries/web";
  private static final Set<String> COUNTS = Set.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy");

  @BeforeAll
  static void apps() {
    create(DB, "exec /usr/sbin/MYSQLD --datadir=/data", "tier", "backend");
    create(CACHE, "redis-server --dir /data", "tier", "cache");
    create(WEB, null, "tier", "frontend");
  }

  private static void create(String id, String cmd, String label, String value) {
    ObjectNode app = (ObjectNode) parse(seed("mysql.json", id));
    if (cmd != null) {
      app.put("cmd", cmd);
    }
    app.putObject("labels").put(label, value).put("team", "queries");
    Reply reply = gateway.post("/v2/apps", app.toString());
    assertEquals(201, reply.status(), reply.raw().body());
  }

  private static List<String> ids(String query) {
    Reply reply = gateway.get("/v2/apps?" + query);
    assertEquals(200, reply.status(), reply.raw().body());
    List<String> ids = new ArrayList<>();
    reply.json().get("apps").forEach(app -> ids.add(app.get("id").asText()));
    ids.removeIf(id -> !id.startsWith("/queries/"));  // other tests' apps share the store
    return ids;
  }

  private static String label(String selector) {
    return "label=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
  }

  @Test
  void cmdMatchesAPartIgnoringCaseAndNeverAnAppWithoutOne() {
    assertEquals(List.of(DB), ids("cmd=mysqld"));
    assertEquals(List.of(CACHE, DB), sorted(ids("cmd=%2Fdata")));
    assertEquals(List.of(), ids("cmd=nginx"));
    assertFalse(ids("cmd=").contains(WEB), "an app without cmd has nothing to match");
  }

  @Test
  void labelSelectorsInMarathonsSyntax() {
    assertEquals(List.of(DB), ids(label("tier==backend")));
    assertEquals(List.of(CACHE, WEB), sorted(ids(label("tier != backend"))));
    assertEquals(List.of(CACHE, DB), sorted(ids(label("tier in (backend, cache)"))));
    assertEquals(List.of(WEB), ids(label("tier notin (backend,cache), team")));
    assertEquals(List.of(CACHE, DB, WEB), sorted(ids(label("team"))));
    assertEquals(List.of(), ids(label("owner")));
    assertEquals(List.of(CACHE), ids(label("tier==cache") + "&cmd=REDIS&id=queries"));
    assertEquals(List.of(), ids(label("tier==cache") + "&cmd=mysqld"));
  }

  /** Marathon answers a selector it cannot parse with 422 and its parser's complaint. */
  @Test
  void aSelectorThatDoesNotParseIs422() {
    Reply reply = gateway.get("/v2/apps?" + label("tier in backend"));
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals(parse("""
        {"message":"Can not parse label selector tier in backend. Reason: '(' expected but 'b' found"}"""),
        reply.json());
  }

  /** The list always embeds counts and deployments; embed adds the rest under Marathon's keys. */
  @Test
  void theListEmbedsWhatIsAskedFor() {
    neighbours.instances = List.of(placed(DB, "1", "h1", "TASK_RUNNING")
        .setLastFailure(failure(DB, "2026-01-02T03:00:00.000Z")).build());
    JsonNode plain = app(gateway.get("/v2/apps?id=/queries/db").json().get("apps"), DB);
    assertEquals(with(COUNTS, "deployments"), added(plain));

    JsonNode full = app(gateway.get("/v2/apps?id=/queries/db&embed=apps.tasks&embed=apps.lastTaskFailure"
        + "&embed=apps.taskStats&embed=apps.readiness").json().get("apps"), DB);
    assertEquals(with(COUNTS, "deployments", "tasks", "lastTaskFailure", "tasksStats", "readinessCheckResults"),
        added(full));
    assertEquals(1, full.get("tasks").size());
    assertContains(parse("""
        {"tasksRunning":1,"readinessCheckResults":[],
         "lastTaskFailure":{"appId":"/queries/db","host":"h1","state":"TASK_FAILED","message":"exit 1",
                            "slaveId":"agent-h1","timestamp":"2026-01-02T03:00:00.000Z"},
         "tasksStats":{"totalSummary":{"stats":{"counts":{"staged":0,"running":1,"healthy":0,"unhealthy":0}}}}}
        """), full);
    assertTrue(full.at("/tasksStats/totalSummary/stats/lifeTime/medianSeconds").isNumber(), full.toString());

    JsonNode failures = app(gateway.get("/v2/apps?id=/queries/db&embed=apps.failures").json().get("apps"), DB);
    assertEquals(with(COUNTS, "deployments", "tasks", "lastTaskFailure"), added(failures));
  }

  /** One app embeds counts, deployments, tasks and its last task failure by default, as Marathon does. */
  @Test
  void oneAppEmbedsTasksAndItsLastFailureByDefault() {
    Reply plain = gateway.get("/v2/apps" + CACHE);
    assertEquals(200, plain.status(), plain.raw().body());
    assertEquals(with(COUNTS, "deployments", "tasks"), added(plain.json().get("app")),
        "no failure: no lastTaskFailure");

    neighbours.instances = List.of(
        placed(CACHE, "1", "h1", "TASK_RUNNING").setLastFailure(failure(CACHE, "2026-01-02T03:00:00.000Z")).build(),
        placed(CACHE, "2", "h2", "TASK_FAILED").setLastFailure(failure(CACHE, "2026-01-02T04:00:00.000Z")
            .toBuilder().setHost("h2").setAgentId("agent-h2")).build());
    JsonNode app = gateway.get("/v2/apps" + CACHE + "?embed=app.taskStats").json().get("app");
    assertEquals(with(COUNTS, "deployments", "tasks", "lastTaskFailure", "tasksStats"), added(app));
    assertEquals("h2", app.at("/lastTaskFailure/host").asText(), "the newest of the instances' failures");
  }

  private static TaskFailure failure(String appId, String timestamp) {
    return TaskFailure.newBuilder().setTaskId(Instances.taskId(appId, "1")).setState("TASK_FAILED")
        .setMessage("exit 1").setHost("h1").setAgentId("agent-h1").setRunSpecVersion(Instances.VERSION)
        .setTimestamp(timestamp).build();
  }

  private static JsonNode app(JsonNode apps, String id) {
    for (JsonNode app : apps) {
      if (app.get("id").asText().equals(id)) {
        return app;
      }
    }
    throw new AssertionError(id + " not in " + apps);
  }

  /** The embedded keys the app has (the spec has none of them). */
  private static Set<String> added(JsonNode app) {
    Set<String> added = new HashSet<>();
    app.fieldNames().forEachRemaining(added::add);
    added.retainAll(with(COUNTS, "deployments", "tasks", "lastTaskFailure", "tasksStats", "readinessCheckResults"));
    return added;
  }

  private static Set<String> with(Set<String> some, String... more) {
    Set<String> all = new HashSet<>(some);
    all.addAll(List.of(more));
    return all;
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }
}
