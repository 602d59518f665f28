package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group deployment on the real stack: its steps follow the dependencies, and deleting the group cleans up. */
class GroupDeploymentTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static Stack stack;  // STACK's

  @Test
  void anAppStartsOnlyOnceWhatItDependsOnRunsAndTheGroupGoesAsAWhole() throws Exception {
    String group = """
        {"id": "/shop", "apps": [
          {"id": "web", "cmd": "sleep 3600", "cpus": 0.1, "mem": 32, "dependencies": ["db"]},
          {"id": "db", "cmd": "sleep 3600", "cpus": 0.1, "mem": 32, "instances": 2,
           "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}]}""";
    Stack.Response created = stack.post("/v2/groups", group);
    assertEquals(201, created.status(), created.body());
    String deployment = created.json().get("deploymentId").asText();

    Instant deadline = Instant.now().plus(WAIT);
    boolean webSeenAlone = false;
    while (Instant.now().isBefore(deadline)) {
      long dbRunning = running(tasks(stack, "/shop/db"));
      List<JsonNode> web = tasks(stack, "/shop/web");
      webSeenAlone |= !web.isEmpty() && dbRunning < 2;
      if (running(web) == 1) {
        break;
      }
      Thread.sleep(100);
    }
    assertTrue(!webSeenAlone, "web had a task before both db instances ran");
    awaitRunning(stack, "/shop/web", 1);
    await("the group's deployment done", WAIT, () -> Optional.of(stack.get("/v2/deployments").json())
        .filter(all -> !all.toString().contains(deployment)));

    JsonNode tree = stack.get("/v2/groups/shop?embed=group.apps&embed=group.apps.counts").json();
    Map<String, Integer> runningById = new TreeMap<>();
    tree.get("apps").forEach(app -> runningById.put(app.get("id").asText(), app.get("tasksRunning").asInt()));
    assertEquals(Map.of("/shop/db", 2, "/shop/web", 1), runningById);

    assertEquals(200, stack.delete("/v2/groups/shop").status());
    await("nothing of the group left", WAIT, () -> {
      boolean gone = !stack.get("/v2/volumes").body().contains("/shop/")
          && stack.get("/v2/groups/shop").status() == 404 && stack.get("/v2/deployments").json().isEmpty();
      return gone ? Optional.of(true) : Optional.empty();
    });
  }

  private static long running(List<JsonNode> tasks) {
    return tasks.stream().filter(t -> t.path("state").asText().equals("TASK_RUNNING")).count();
  }
}
