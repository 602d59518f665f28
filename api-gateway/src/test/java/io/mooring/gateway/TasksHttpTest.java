package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.Instances.taskId;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpecKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tasks of apps over HTTP: the real definition-service for the apps, a stand-in reservation-service. */
class TasksHttpTest extends LiveGatewayTest {
  private static void create(String id) {
    Reply reply = gateway.post("/v2/apps", seed("mysql.json", id));
    assertEquals(201, reply.status(), reply.raw().body());
  }

  /** Running on h1, staging on h2, suspended on h1, and one still waiting for an offer. */
  private static List<Instance> fourInstances(String appId) {
    return List.of(
        placed(appId, "run", "h1", "TASK_RUNNING").build(),
        placed(appId, "stage", "h2", "TASK_STAGING").build(),
        placed(appId, "killed", "h1", "TASK_KILLED").build(),
        scheduled(appId, "wait").build());
  }

  private static List<String> ids(JsonNode tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  @Test
  void anAppInAGroupShowsItsPlacedTasksAndCountsThem() {
    String app = "/tasks/shown/db";
    create(app);
    neighbours.instances = fourInstances(app);

    Reply tasks = gateway.get("/v2/apps/tasks/shown/db/tasks");
    assertEquals(200, tasks.status(), tasks.raw().body());
    assertEquals("application/json", tasks.contentType());
    assertEquals(List.of(taskId(app, "run"), taskId(app, "stage"), taskId(app, "killed")),
        ids(tasks.json().get("tasks")));
    assertContains(parse("""
        {"appId":"/tasks/shown/db","host":"h1","slaveId":"agent-h1","state":"TASK_RUNNING","ports":[31000],
         "startedAt":"%s","version":"%s","ipAddresses":[{"ipAddress":"h1","protocol":"IPv4"}],
         "localVolumes":[{"runSpecId":"/tasks/shown/db","containerPath":"data","uuid":"run",
                          "persistenceId":"tasks_shown_db#data#run"}],"role":"mooring"}"""
        .formatted(Instances.STARTED_AT, Instances.VERSION)), tasks.json().at("/tasks/0"));
    assertEquals("/tasks/shown/db", neighbours.lists.get(0).getRunSpecId());

    JsonNode shown = gateway.get("/v2/apps/tasks/shown/db").json().get("app");
    assertContains(parse("{\"tasksRunning\":1,\"tasksStaged\":1,\"tasksHealthy\":0,\"tasksUnhealthy\":0}"), shown);
    assertEquals(tasks.json().get("tasks"), shown.get("tasks"));
  }

  @Test
  void theTasksOfAnUnknownAppAre404() {
    Reply reply = gateway.get("/v2/apps/tasks/unknown/tasks");
    assertEquals(404, reply.status());
    assertEquals("{\"message\":\"App '/tasks/unknown' does not exist\"}", reply.raw().body());
  }

  @Test
  void theAppListAsksForAllInstancesOnceAndEmbedsTasksWhenAsked() {
    create("/tasks/listed/a");
    create("/tasks/listed/b");
    List<Instance> instances = new ArrayList<>(fourInstances("/tasks/listed/a"));
    instances.add(placed("/tasks/listed/b", "1", "h3", "TASK_RUNNING").build());
    instances.add(placed("/tasks/listed/b", "2", "h3", "TASK_RUNNING").build());
    neighbours.instances = instances;

    JsonNode apps = gateway.get("/v2/apps?id=/tasks/listed/").json().get("apps");
    assertEquals(1, neighbours.lists.size(), "one call for every app");
    assertEquals("", neighbours.lists.get(0).getRunSpecId());
    assertEquals(2, apps.size(), apps.toString());
    assertContains(parse("{\"id\":\"/tasks/listed/a\",\"tasksRunning\":1,\"tasksStaged\":1}"), apps.get(0));
    assertContains(parse("{\"id\":\"/tasks/listed/b\",\"tasksRunning\":2,\"tasksStaged\":0}"), apps.get(1));
    assertTrue(!apps.get(0).has("tasks"), apps.get(0).toString());

    JsonNode embedded = gateway.get("/v2/apps?id=/tasks/listed/&embed=apps.tasks").json().get("apps");
    assertEquals(3, embedded.get(0).get("tasks").size());
    assertEquals(2, embedded.get(1).get("tasks").size());
  }

  @Test
  void allTasksFilteredByStatus() {
    String app = "/tasks/all/db";
    neighbours.instances = List.of(fourInstances(app).get(0), fourInstances(app).get(1), fourInstances(app).get(2),
        placed("/tasks/all/pod", "p", "h4", "TASK_STARTING").setKind(RunSpecKind.POD).build());
    assertEquals(List.of(taskId(app, "run"), taskId(app, "stage"), taskId(app, "killed"),
        taskId("/tasks/all/pod", "p")), ids(gateway.get("/v2/tasks").json().get("tasks")));
    Reply plain = gateway.get("/v2/tasks", "text/plain");
    assertEquals(200, plain.status(), "Marathon's text listing is answered with the JSON");
    assertEquals("application/json", plain.contentType());
    assertEquals(4, plain.json().get("tasks").size());
    assertEquals(List.of(taskId(app, "run")), ids(gateway.get("/v2/tasks?status=running").json().get("tasks")));
    assertEquals(List.of(taskId(app, "stage"), taskId("/tasks/all/pod", "p")),
        ids(gateway.get("/v2/tasks?status%5B%5D=staging").json().get("tasks")));
    assertEquals(List.of(taskId(app, "run"), taskId(app, "stage"), taskId("/tasks/all/pod", "p")),
        ids(gateway.get("/v2/tasks?status=running&status%5B%5D=staging").json().get("tasks")));
  }

  /** About 7 MB of instances: more than gRPC takes in one message unless told otherwise. */
  @Test
  void fifteenThousandInstancesComeInOneAnswer() {
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      instances.add(placed("/tasks/many/app-" + i % 100, "0c4e5a1f-6d2b-11ef-9a3c-" + i, "host-" + i % 50,
          "TASK_RUNNING").build());
    }
    neighbours.instances = instances;
    Reply reply = gateway.get("/v2/tasks");
    assertEquals(200, reply.status(), reply.json().path("message").asText());
    assertEquals(15_000, reply.json().get("tasks").size());
  }
}
