package io.mooring.gateway;

import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.GatewayClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v2/apps} and {@code /v2/deployments} over HTTP, against the real definition-service. */
class AppsHttpTest extends LiveGatewayTest {
  /** What definition-service adds to every resident seed. */
  private static final JsonNode RESIDENT_DEFAULTS = parse("""
      {"unreachableStrategy":"disabled",
       "residency":{"relaunchEscalationTimeoutSeconds":3600,"taskLostBehavior":"WAIT_FOREVER"},
       "upgradeStrategy":{"minimumHealthCapacity":0,"maximumOverCapacity":0}}""");

  /** POSTs an app and checks Marathon's creation answer; returns the app as GET shows it. */
  private static JsonNode created(String body, String id) {
    Reply reply = gateway.post("/v2/apps", body);
    assertEquals(201, reply.status(), reply.raw().body());
    assertEquals("application/json", reply.contentType());
    assertEquals("/v2/apps" + id, reply.header("Location"));
    String deploymentId = reply.header("Marathon-Deployment-Id");
    assertNotNull(deploymentId);
    assertContains(parse("""
        {"id":"%s","tasksStaged":0,"tasksRunning":0,"tasksHealthy":0,"tasksUnhealthy":0,"deployments":[{"id":"%s"}]}
        """.formatted(id, deploymentId)), reply.json());
    Reply get = gateway.get("/v2/apps" + id);
    assertEquals(200, get.status(), get.raw().body());
    JsonNode app = get.json().get("app");
    assertContains(parse("""
        {"id":"%s","tasks":[],"tasksStaged":0,"tasksRunning":0,"tasksHealthy":0,"tasksUnhealthy":0,
         "deployments":[{"id":"%s"}]}""".formatted(id, deploymentId)), app);
    assertTrue(app.get("version").isTextual(), app.toString());
    ObjectNode withoutTasks = app.deepCopy();
    withoutTasks.remove("tasks");
    assertEquals(withoutTasks, reply.json(), "POST answers with the stored, normalised app");
    return app;
  }

  @Test
  void seedsInTodaysFormatAreStoredAsGivenPlusResidentDefaults() {
    for (String name : List.of("mysql.json", "postgres-mount-disk.json")) {
      String id = "/today/" + name.replace(".json", "");
      JsonNode app = created(seed(name, id), id);
      assertContains(parse(seed(name, id)), app);
      assertContains(RESIDENT_DEFAULTS, app);
    }
  }

  @Test
  void seedsInTheDeprecatedFormatAreMigrated() {
    JsonNode today = created(seed("mysql.json", "/migrated/today"), "/migrated/today");
    JsonNode old = created(seed("mysql-docker-network.json", "/migrated/old"), "/migrated/old");
    assertEquals(withoutIdentity(today), withoutIdentity(old), "docker.network BRIDGE and docker.portMappings");

    JsonNode postgres = created(seed("postgres-residency.json", "/migrated/pg"), "/migrated/pg");
    assertContains(RESIDENT_DEFAULTS, postgres);
    assertContains(parse("""
        {"networks":[{"mode":"container/bridge"}],
         "container":{"type":"DOCKER","docker":{"image":"postgres:latest"},
                      "portMappings":[{"containerPort":5432,"hostPort":0,"protocol":"tcp","name":"postgres"}],
                      "volumes":[{"containerPath":"pgdata","mode":"RW","persistent":{"type":"root","size":100}}]}}
        """), postgres);
    assertFalse(postgres.at("/container/docker").has("network"), postgres.toString());
    assertTrue(postgres.at("/container/docker/portMappings").isEmpty(), postgres.toString());
  }

  private static JsonNode withoutIdentity(JsonNode app) {
    ObjectNode copy = app.deepCopy();
    copy.remove(List.of("id", "version", "versionInfo", "deployments"));
    return copy;
  }

  @Test
  void aSecondPostOfTheSameIdIsAConflict() {
    created(seed("mysql.json", "/twice"), "/twice");
    Reply again = gateway.post("/v2/apps", seed("mysql.json", "/twice"));
    assertEquals(409, again.status());
    assertEquals("{\"message\":\"An app with id [/twice] already exists.\"}", again.raw().body());
  }

  @Test
  void anInvalidSpecIsA422AndNothingIsStored() {
    ObjectNode body = (ObjectNode) parse(seed("mysql.json", "/invalid"));
    ((ObjectNode) body.at("/container/volumes/0")).put("containerPath", "/data");
    Reply reply = gateway.post("/v2/apps", body.toString());
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals("application/json", reply.contentType());
    assertEquals(parse("""
        {"message":"Object is not valid",
         "details":[{"path":"/container/volumes(0)/containerPath","errors":["value must not contain \\"/\\""]}]}
        """), reply.json());
    Reply get = gateway.get("/v2/apps/invalid");
    assertEquals(404, get.status());
    assertEquals("{\"message\":\"App '/invalid' does not exist\"}", get.raw().body());
  }

  @Test
  void malformedJsonIsA400() {
    Reply reply = gateway.post("/v2/apps", "{\"id\": \"/broken\"");
    assertEquals(400, reply.status());
    assertEquals("Invalid JSON", reply.json().get("message").asText());
    assertEquals(404, gateway.get("/v2/apps/broken").status());
  }

  @Test
  void aResidentAppMayNotChangeItsCpus() {
    created(seed("mysql.json", "/resident/cpus"), "/resident/cpus");
    Reply reply = gateway.put("/v2/apps/resident/cpus", "{\"cpus\": 2}");
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals("/cpus", reply.json().at("/details/0/path").asText(), reply.raw().body());
  }

  @Test
  void aPartialPutChangesOnlyTheFieldsItNamesAndAddsAVersion() {
    created(seed("mysql.json", "/partial"), "/partial");
    List<String> before = versions("/partial");
    Reply reply = gateway.put("/v2/apps/partial?force=true", "{\"instances\": 2}");
    assertEquals(200, reply.status(), reply.raw().body());
    assertDeploymentResult(reply);
    List<String> after = versions("/partial");
    assertEquals(before.size() + 1, after.size());
    assertEquals(reply.json().get("version").asText(), after.get(0), "newest first");

    JsonNode app = gateway.get("/v2/apps/partial").json().get("app");
    assertContains(parse("{\"instances\":2,\"cpus\":1,\"mem\":512}"), app);
    Reply first = gateway.get("/v2/apps/partial/versions/" + before.get(0));
    assertEquals(200, first.status(), first.raw().body());
    assertContains(parse("{\"id\":\"/partial\",\"instances\":1,\"version\":\"" + before.get(0) + "\"}"), first.json());
  }

  @Test
  void aPutOfAnUnknownAppCreatesItUnderThePathId() {
    String body = seed("mysql.json", "/somewhere/else");
    Reply reply = gateway.put("/v2/apps/created/by/put?partialUpdate=false", body);
    assertEquals(201, reply.status(), reply.raw().body());
    assertEquals("/v2/apps/created/by/put", reply.header("Location"));
    assertDeploymentResult(reply);
    assertEquals("/created/by/put", gateway.get("/v2/apps/created/by/put").json().at("/app/id").asText());
    assertEquals(404, gateway.get("/v2/apps/somewhere/else").status());
  }

  @Test
  void patchUpdatesOnlyExistingApps() {
    Reply unknown = gateway.patch("/v2/apps/not/there", "{\"instances\": 2}");
    assertEquals(404, unknown.status());
    assertEquals("{\"message\":\"App '/not/there' does not exist\"}", unknown.raw().body());

    created(seed("mysql.json", "/patched"), "/patched");
    Reply reply = gateway.patch("/v2/apps/patched?force=true", "{\"env\": {\"MYSQL_DATABASE\": \"blog\"}}");
    assertEquals(200, reply.status(), reply.raw().body());
    assertDeploymentResult(reply);
    assertEquals("blog", gateway.get("/v2/apps/patched").json().at("/app/env/MYSQL_DATABASE").asText());
  }

  @Test
  void restartMakesANewVersionAndARestartDeployment() {
    created(seed("mysql.json", "/restarted"), "/restarted");
    Reply reply = gateway.post("/v2/apps/restarted/restart?force=true", "");
    assertEquals(200, reply.status(), reply.raw().body());
    assertDeploymentResult(reply);
    assertEquals(2, versions("/restarted").size());
    JsonNode deployment = deployment(reply.header("Marathon-Deployment-Id"));
    assertEquals("RestartApplication", deployment.at("/steps/0/actions/0/action").asText(), deployment.toString());
  }

  @Test
  void deleteStopsTheAppAndForgetsIt() {
    created(seed("mysql.json", "/deleted"), "/deleted");
    Reply reply = gateway.delete("/v2/apps/deleted");
    assertEquals(200, reply.status(), reply.raw().body());
    assertDeploymentResult(reply);
    assertEquals(404, gateway.get("/v2/apps/deleted").status());
    assertEquals(404, gateway.get("/v2/apps/deleted/versions").status());
    JsonNode deployment = deployment(reply.header("Marathon-Deployment-Id"));
    assertEquals(parse("[{\"action\":\"StopApplication\",\"app\":\"/deleted\"}]"), deployment.at("/steps/0/actions"));
  }

  @Test
  void theListFiltersByIdAndNamesRunningDeployments() {
    JsonNode app = created(seed("postgres-mount-disk.json", "/listed/postgres"), "/listed/postgres");
    Reply reply = gateway.get("/v2/apps?id=LISTED/post");
    assertEquals(200, reply.status());
    JsonNode apps = reply.json().get("apps");
    assertEquals(1, apps.size(), apps.toString());
    assertEquals(app.get("deployments"), apps.get(0).get("deployments"));
    assertContains(parse("{\"id\":\"/listed/postgres\",\"tasksRunning\":0}"), apps.get(0));
    assertTrue(gateway.get("/v2/apps").json().get("apps").size() > 1);
  }

  @Test
  void deploymentsAreListedInMarathonsShape() {
    Reply create = gateway.post("/v2/apps", seed("mysql.json", "/deploying"));
    String id = create.header("Marathon-Deployment-Id");
    JsonNode deployment = deployment(id);
    assertEquals(parse("""
        {"id":"%s","version":"%s","affectedApps":["/deploying"],"affectedPods":[],
         "steps":[{"actions":[{"action":"StartApplication","app":"/deploying"}]},
                  {"actions":[{"action":"ScaleApplication","app":"/deploying"}]}],
         "currentActions":[{"action":"StartApplication","app":"/deploying","readinessCheckResults":[]}],
         "currentStep":1,"totalSteps":2}""".formatted(id, create.json().get("version").asText())), deployment);
  }

  private static void assertDeploymentResult(Reply reply) {
    assertEquals("application/json", reply.contentType());
    JsonNode json = reply.json();
    assertEquals(List.of("deploymentId", "version"), fieldNames(json));
    assertEquals(reply.header("Marathon-Deployment-Id"), json.get("deploymentId").asText());
  }

  private static List<String> versions(String id) {
    Reply reply = gateway.get("/v2/apps" + id + "/versions");
    assertEquals(200, reply.status(), reply.raw().body());
    List<String> versions = new ArrayList<>();
    reply.json().get("versions").forEach(v -> versions.add(v.asText()));
    return versions;
  }

  /** The running deployment with this id, as GET /v2/deployments shows it. */
  private static JsonNode deployment(String id) {
    Reply reply = gateway.get("/v2/deployments");
    assertEquals(200, reply.status(), reply.raw().body());
    for (JsonNode deployment : reply.json()) {
      if (deployment.get("id").asText().equals(id)) {
        return deployment;
      }
    }
    throw new AssertionError("no deployment " + id + " in " + reply.raw().body());
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.properties().forEach(field -> names.add(field.getKey()));
    return names;
  }
}
