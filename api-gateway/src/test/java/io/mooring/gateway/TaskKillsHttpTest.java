package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.taskId;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.RunSpecKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Killing tasks over HTTP: what the gateway asks reservation-service (a stand-in) and how it answers. */
class TaskKillsHttpTest extends LiveGatewayTest {
  private static final String SCALE_AND_WIPE = "{\"message\":\"You cannot use scale and wipe at the same time.\"}";

  /** An app with a running task on h1 and h2 each. */
  private static String app(String id) {
    Reply reply = gateway.post("/v2/apps", seed("mysql.json", id));
    assertEquals(201, reply.status(), reply.raw().body());
    List<Instance> instances = new ArrayList<>(neighbours.instances);
    instances.add(placed(id, "1", "h1", "TASK_RUNNING").build());
    instances.add(placed(id, "2", "h2", "TASK_RUNNING").build());
    neighbours.instances = instances;
    return id;
  }

  private static KillInstancesRequest kill(String appId, List<String> ids, String host, boolean scale, boolean wipe) {
    return KillInstancesRequest.newBuilder().setRunSpecId(appId).setKind(RunSpecKind.APP)
        .addAllTaskOrInstanceIds(ids).setHost(host).setScale(scale).setWipe(wipe).build();
  }

  @Test
  void killingOneTaskAnswersWithTheTaskAsItWas() {
    String app = app("/kills/one/db");
    Reply reply = gateway.delete("/v2/apps/kills/one/db/tasks/" + taskId(app, "2") + "?wipe=true");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(taskId(app, "2"), reply.json().at("/task/id").asText());
    assertEquals("TASK_RUNNING", reply.json().at("/task/state").asText());
    assertEquals(List.of(kill(app, List.of(taskId(app, "2")), "", false, true)), neighbours.kills);
  }

  @Test
  void anUnknownTaskIs404WithReservationServicesMessage() {
    app("/kills/unknown/db");
    Reply reply = gateway.delete("/v2/apps/kills/unknown/db/tasks/nothing._app.1");
    assertEquals(404, reply.status());
    assertEquals("{\"message\":\"Task 'nothing._app.1' does not exist\"}", reply.raw().body());
    Reply noApp = gateway.delete("/v2/apps/kills/nowhere/tasks/nothing._app.1");
    assertEquals("{\"message\":\"App '/kills/nowhere' does not exist\"}", noApp.raw().body());
  }

  @Test
  void scaleAndWipeTogetherAre400AndKillNothing() {
    String app = app("/kills/both/db");
    for (String path : List.of("/v2/apps" + app + "/tasks/" + taskId(app, "1"), "/v2/apps" + app + "/tasks?host=*")) {
      Reply reply = gateway.delete(path + (path.contains("?") ? "&" : "?") + "scale=true&wipe=true");
      assertEquals(400, reply.status(), path);
      assertEquals(SCALE_AND_WIPE, reply.raw().body());
    }
    Reply bulk = gateway.post("/v2/tasks/delete?scale=true&wipe=true", "{\"ids\":[\"" + taskId(app, "1") + "\"]}");
    assertEquals(400, bulk.status());
    assertEquals(SCALE_AND_WIPE, bulk.raw().body());
    assertEquals(List.of(), neighbours.kills);
  }

  @Test
  void aKillWithScaleAnswersWithTheDeployment() {
    String app = app("/kills/scaled/db");
    Reply reply = gateway.delete("/v2/apps" + app + "/tasks/" + taskId(app, "1") + "?scale=true");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(parse("{\"deploymentId\":\"scale-1\",\"version\":\"" + FakeNeighbours.KILL_VERSION + "\"}"),
        reply.json());
    assertEquals("scale-1", reply.header("Marathon-Deployment-Id"));
    assertEquals(List.of(kill(app, List.of(taskId(app, "1")), "", true, false)), neighbours.kills);
  }

  @Test
  void killingByHostAnswersWithTheTasksFound() {
    String app = app("/kills/host/db");
    Reply onH2 = gateway.delete("/v2/apps" + app + "/tasks?host=h2");
    assertEquals(200, onH2.status(), onH2.raw().body());
    assertEquals(List.of(taskId(app, "2")), ids(onH2.json().get("tasks")));
    Reply all = gateway.delete("/v2/apps" + app + "/tasks?host=*&wipe=true");
    assertEquals(List.of(taskId(app, "1"), taskId(app, "2")), ids(all.json().get("tasks")));
    assertEquals(List.of(kill(app, List.of(), "h2", false, false), kill(app, List.of(), "*", false, true)),
        neighbours.kills);

    Reply noHost = gateway.delete("/v2/apps" + app + "/tasks");
    assertEquals(200, noHost.status());
    assertEquals(parse("{\"tasks\":[]}"), noHost.json());
    assertEquals(2, neighbours.kills.size(), "without a host nothing is asked");
  }

  @Test
  void aBulkDeleteKillsAppByAppAndPassesOverUnknownIds() {
    String a = app("/kills/bulk/a");
    String b = app("/kills/bulk/b");
    String ids = String.join("\",\"", taskId(b, "1"), taskId(a, "2"), taskId(b, "2"), taskId(a, "9"));
    Reply reply = gateway.post("/v2/tasks/delete?wipe=true", "{\"ids\":[\"" + ids + "\"]}");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(List.of(taskId(a, "2"), taskId(b, "1"), taskId(b, "2")), ids(reply.json().get("tasks")));
    assertEquals(List.of(kill(a, List.of(taskId(a, "2")), "", false, true),
        kill(b, List.of(taskId(b, "1"), taskId(b, "2")), "", false, true)), neighbours.kills);

    Reply scaled = gateway.post("/v2/tasks/delete?scale=true", "{\"ids\":[\"" + taskId(a, "1") + "\"]}");
    assertEquals(200, scaled.status(), scaled.raw().body());
    assertEquals(scaled.header("Marathon-Deployment-Id"), scaled.json().get("deploymentId").asText());
  }

  @Test
  void aBulkDeleteRefusesWhatIsNoTaskId() {
    String app = app("/kills/invalid/db");
    Reply reply = gateway.post("/v2/tasks/delete", "{\"ids\":[\"" + taskId(app, "1") + "\",\"garbage\"]}");
    assertEquals(400, reply.status());
    assertEquals("{\"message\":\"Invalid task id 'garbage'.\"}", reply.raw().body());
    assertEquals(400, gateway.post("/v2/tasks/delete", "{\"ids\":\"x\"}").status());
    assertEquals("Invalid JSON", gateway.post("/v2/tasks/delete", "{").json().get("message").asText());
    Reply nothing = gateway.post("/v2/tasks/delete?scale=true", "{\"ids\":[\"other.instance-1._app.1\"]}");
    assertEquals("{\"message\":\"No tasks to kill and scale.\"}", nothing.raw().body());
    assertTrue(neighbours.kills.isEmpty());
  }

  private static List<String> ids(JsonNode tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }
}
