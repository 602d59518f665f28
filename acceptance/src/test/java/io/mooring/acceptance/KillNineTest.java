package io.mooring.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.testkit.EtcdExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** definition-service and api-gateway killed with -9 lose nothing and leave nothing half-written. */
class KillNineTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final String APP = "{\"id\":\"/%s\",\"cmd\":\"sleep 3600\",\"container\":{\"type\":\"MESOS\","
      + "\"volumes\":[{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}]}}";

  private Stack stack;

  @BeforeEach
  void start() throws Exception {
    stack = new Stack(ETCD.endpoint());
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void whileDefinitionServiceIsDownTheGatewayAnswers503PromptlyAndNothingIsLost() throws Exception {
    assertEquals(201, stack.post("/v2/apps", APP.formatted("db")).status());
    JsonNode before = spec(stack.get("/v2/apps/db").json());

    stack.definitionService.kill9();
    for (String path : List.of("/v2/apps/db", "/v2/apps")) {
      long started = System.nanoTime();
      Stack.Response down = stack.get(path);
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(503, down.status(), down.body());
      assertTrue(down.json().get("message").asText().length() > 0);
      assertTrue(millis < 2000, "503 took " + millis + " ms");
    }
    assertEquals(503, stack.post("/v2/apps", APP.formatted("other")).status());

    stack.definitionService.restart();
    assertEquals(before, spec(awaitOk("/v2/apps/db").json()), "the app is exactly as it was");
    assertEquals(404, stack.get("/v2/apps/other").status(), "a write refused while down was not stored");

    stack.gateway.kill9();
    stack.gateway.restart();
    assertEquals(before, spec(awaitOk("/v2/apps/db").json()));
  }

  @Test
  void killedDuringABurstOfWritesEveryAppIsWholeOrAbsent() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<Integer>> posts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "app-" + i;
      posts.add(clients.submit(() -> stack.post("/v2/apps", APP.formatted(id)).status()));
      if (i == 15) {
        stack.definitionService.kill9();
      }
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> post : posts) {
      statuses.add(post.get());
    }
    clients.shutdown();
    assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 503), statuses::toString);

    stack.definitionService.restart();
    awaitOk("/v2/apps");
    for (int i = 0; i < 40; i++) {
      Stack.Response app = stack.get("/v2/apps/app-" + i);
      if (statuses.get(i) == 201) {
        assertEquals(200, app.status(), "acknowledged app-" + i + " was lost");
      }
      if (app.status() == 200) {
        String version = app.json().at("/app/version").asText();
        JsonNode versions = stack.get("/v2/apps/app-" + i + "/versions").json().get("versions");
        assertEquals(1, versions.size());
        assertEquals(version, versions.get(0).asText(), "spec and version are written together");
      } else {
        assertEquals(404, app.status(), app.body());
      }
    }
  }

  /** The app as stored, without what its instances and deployments add (the app launches meanwhile). */
  private static JsonNode spec(JsonNode answer) {
    ObjectNode app = answer.get("app").deepCopy();
    app.remove(List.of("tasks", "tasksRunning", "tasksStaged", "tasksHealthy", "tasksUnhealthy", "deployments"));
    return app;
  }

  private Stack.Response awaitOk(String path) throws Exception {
    Stack.Response response = null;
    for (int i = 0; i < 100; i++) {
      response = stack.get(path);
      if (response.status() == 200) {
        return response;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " never answered 200: " + response);
  }
}
