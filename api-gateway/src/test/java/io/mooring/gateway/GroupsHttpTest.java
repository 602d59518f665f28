package io.mooring.gateway;

import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v2/groups}, bulk app updates and deployment control over HTTP, against the real definition-service. */
class GroupsHttpTest extends LiveGatewayTest {
  /** The call the DC/OS UI makes for its service list. */
  private static final String DCOS_UI = "/v2/groups?embed=group.groups&embed=group.apps&embed=group.pods"
      + "&embed=group.apps.tasks&embed=group.apps.counts&embed=group.apps.deployments"
      + "&embed=group.apps.lastTaskFailure&embed=group.apps.taskStats";

  @Test
  void theDcosUiServiceListSeesTheTreeInMarathonsShape() {
    Reply created = gateway.post("/v2/groups", """
        {"id": "/ui", "apps": [{"id": "web", "cmd": "serve", "dependencies": ["db"]},
                               {"id": "db", "cmd": "postgres"}],
         "groups": [{"id": "batch", "apps": [{"id": "job", "cmd": "run"}]}]}""");
    assertEquals(201, created.status(), created.raw().body());
    assertEquals("/v2/groups/ui", created.header("Location"));
    String deployment = created.json().get("deploymentId").asText();
    assertEquals(deployment, created.header("Marathon-Deployment-Id"));

    JsonNode root = gateway.get(DCOS_UI).json();
    assertEquals("/", root.get("id").asText());
    JsonNode ui = child(root.get("groups"), "/ui");
    assertContains(parse("{\"id\":\"/ui\",\"dependencies\":[],\"enforceRole\":false,\"pods\":[]}"), ui);
    JsonNode web = child(ui.get("apps"), "/ui/web");
    assertContains(parse("""
        {"id":"/ui/web","dependencies":["/ui/db"],"tasks":[],"tasksRunning":0,"tasksStaged":0,"tasksHealthy":0,
         "tasksUnhealthy":0,"deployments":[{"id":"%s"}]}""".formatted(deployment)), web);
    assertEquals("/ui/batch/job", child(ui.get("groups"), "/ui/batch").get("apps").get(0).get("id").asText());
    assertEquals(web.get("version"), ui.get("version"), "a group is as new as the newest thing in it");

    JsonNode plain = gateway.get("/v2/groups/ui").json();
    assertFalse(child(plain.get("apps"), "/ui/web").has("tasksRunning"), "apps embed nothing by default");
    assertTrue(plain.has("pods") && plain.has("groups"), "groups, apps and pods by default");
    JsonNode onlyApps = gateway.get("/v2/groups/ui?embed=group.apps").json();
    assertFalse(onlyApps.has("groups"), "naming an embed drops the defaults");
    assertEquals(404, gateway.get("/v2/groups/nowhere").status());
    assertEquals("{\"message\":\"Group '/nowhere' does not exist\"}", gateway.get("/v2/groups/nowhere").raw().body());
  }

  @Test
  void aGroupIsChangedLockedRolledBackAndDeleted() {
    Reply created = gateway.post("/v2/groups", "{\"id\":\"/life\",\"apps\":[{\"id\":\"a\",\"cmd\":\"x\"}]}");
    assertEquals(201, created.status(), created.raw().body());
    String first = created.json().get("deploymentId").asText();

    Reply locked = gateway.put("/v2/groups/life", "{\"apps\":[{\"id\":\"a\",\"cmd\":\"y\"}]}");
    assertEquals(409, locked.status(), locked.raw().body());
    assertEquals(parse("""
        {"message":"App is locked by one or more deployments. Override with the option '?force=true'. View details at \
        '/v2/deployments/<DEPLOYMENT_ID>'.","deployments":[{"id":"%s"}]}""".formatted(first)), locked.json());

    Reply dryRun = gateway.put("/v2/groups/life?dryRun=true", "{\"apps\":[{\"id\":\"a\",\"cmd\":\"y\"}]}");
    assertEquals(200, dryRun.status(), dryRun.raw().body());
    assertEquals("RestartApplication", dryRun.json().at("/steps/0/actions/0/action").asText());

    Reply forced = gateway.put("/v2/groups/life?force=true", "{\"apps\":[{\"id\":\"a\",\"cmd\":\"y\"}]}");
    assertEquals(200, forced.status(), forced.raw().body());
    assertEquals("y", gateway.get("/v2/apps/life/a").json().at("/app/cmd").asText());
    String second = forced.json().get("deploymentId").asText();
    assertEquals(List.of(second), deploymentIds(), "the forced change replaced the first deployment");

    Reply rollback = gateway.delete("/v2/deployments/" + second);
    assertEquals(200, rollback.status(), rollback.raw().body());
    assertEquals("x", gateway.get("/v2/apps/life/a").json().at("/app/cmd").asText(), "rolled back");
    String third = rollback.json().get("deploymentId").asText();
    assertEquals(List.of(third), deploymentIds());

    Reply canceled = gateway.delete("/v2/deployments/" + third + "?force=true");
    assertEquals(202, canceled.status(), canceled.raw().body());
    assertEquals("", canceled.raw().body());
    assertEquals(List.of(), deploymentIds());
    assertEquals(404, gateway.delete("/v2/deployments/" + third).status());

    Reply deleted = gateway.delete("/v2/groups/life");
    assertEquals(200, deleted.status(), deleted.raw().body());
    assertEquals(404, gateway.get("/v2/apps/life/a").status());
  }

  @Test
  void badGroupsAreRefusedWithMarathonsErrors() {
    Reply notChild = gateway.post("/v2/groups", "{\"id\":\"/bad\",\"apps\":[{\"id\":\"/elsewhere/a\",\"cmd\":\"x\"}]}");
    assertEquals(422, notChild.status(), notChild.raw().body());
    assertEquals("/apps(0)/id", notChild.json().at("/details/0/path").asText());
    assertEquals(400, gateway.post("/v2/groups", "{\"id\":\"/bad\",\"apps\":{}}").status());
    assertEquals(400, gateway.put("/v2/groups/bad", "{\"scaleBy\":-1}").status());
    assertEquals(404, gateway.get("/v2/apps/bad/a").status(), "nothing of a refused group is written");
  }

  @Test
  void aBulkPutChangesSeveralAppsInOneDeployment() {
    Reply reply = gateway.put("/v2/apps", "[{\"id\":\"/bulk/a\",\"cmd\":\"x\"},{\"id\":\"/bulk/b\",\"cmd\":\"y\"}]");
    assertEquals(200, reply.status(), reply.raw().body());
    String deployment = reply.json().get("deploymentId").asText();
    JsonNode running = child(gateway.get("/v2/deployments").json(), deployment, "id");
    assertEquals(List.of("/bulk/a", "/bulk/b"), List.of(running.at("/affectedApps/0").asText(),
        running.at("/affectedApps/1").asText()));
    assertEquals(400, gateway.put("/v2/apps", "{\"id\":\"/bulk/c\"}").status(), "a bulk update takes an array");
  }

  /** The running deployments of /life (tests share the store). */
  private static List<String> deploymentIds() {
    List<String> ids = new ArrayList<>();
    gateway.get("/v2/deployments").json().forEach(d -> {
      if (d.get("affectedApps").toString().contains("/life/")) {
        ids.add(d.get("id").asText());
      }
    });
    return ids;
  }

  private static JsonNode child(JsonNode list, String id) {
    return child(list, id, "id");
  }

  private static JsonNode child(JsonNode list, String id, String field) {
    for (JsonNode node : list) {
      if (node.get(field).asText().equals(id)) {
        return node;
      }
    }
    throw new AssertionError(id + " not in " + list);
  }
}
