package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.reservations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Services killed with -9 mid-deployment: nothing lost, nothing launched twice, nothing reserved twice. */
class MooredFailoverTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final String APP = """
      {"id": "/%s", "cmd": "sleep 3600", "cpus": 0.1, "mem": 16, "instances": %d,
       "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 1}}]}}""";
  private Stack stack;
  @RegisterExtension final LogsOnFailure logs = new LogsOnFailure(() -> stack);

  @BeforeEach
  void start() throws Exception {
    stack = new Stack(ETCD.endpoint());
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void everyServiceKilledDuringATwentyInstanceDeploymentLosesAndDuplicatesNothing() throws Exception {
    assertEquals(201, stack.post("/v2/apps", APP.formatted("many", 20)).status());
    // offer-service goes at once, while the deployment is surely running; the others once launching has begun.
    stack.offerService.kill9();
    stack.offerService.restart();
    List<Integer> runningAtKill = new ArrayList<>();
    await("the first task", Duration.ofSeconds(60), () -> running() > 0 ? Optional.of(true) : Optional.empty());
    for (ServiceProcess service : List.of(stack.reservationService, stack.definitionService)) {
      runningAtKill.add(running());
      service.kill9();
      service.restart();
    }
    System.out.println("tasks running when reservation- and definition-service were killed: " + runningAtKill);
    List<JsonNode> running = awaitRunning(stack, "/many", 20);
    assertNoDuplicates(running, 20);
  }

  @Test
  void whenTheLeaderDiesTheOtherOfferServiceTakesOverWithTheSameFrameworkId() throws Exception {
    try (ServiceProcess standby = stack.anotherOfferService()) {
      assertEquals(201, stack.post("/v2/apps", APP.formatted("first", 2)).status());
      awaitRunning(stack, "/first", 2);
      String frameworkId = stack.get("/v2/info").json().get("frameworkId").asText();

      stack.offerService.kill9();
      assertEquals(201, stack.post("/v2/apps", APP.formatted("second", 2)).status());
      awaitRunning(stack, "/second", 2);
      Set<String> frameworks = new HashSet<>();
      stack.masterState().get("frameworks").forEach(f -> frameworks.add(f.get("id").asText()));
      assertEquals(Set.of(frameworkId), frameworks, "the standby subscribed with the same framework id");
      assertTrue(standby.log().contains("elected leader"), "the standby took over");
      assertNoDuplicates(awaitRunning(stack, "/first", 2), 2);
    }
  }

  /**
   * The master's TASK_GONE for a rebooted agent's task has no uuid, so Mesos never sends it again: lost while
   * reservation-service was down, it is found by asking Mesos, and the instance comes back on its volume.
   */
  @Test
  void aTaskLostWithItsAgentWhileReservationServiceIsDownIsRelaunchedOnItsVolume() throws Exception {
    assertEquals(201, stack.post("/v2/apps", APP.formatted("reboot", 1)).status());
    JsonNode first = awaitRunning(stack, "/reboot", 1).get(0);

    stack.reservationService.kill9();
    stack.simulate("/sim/agents/" + first.get("slaveId").asText() + "/restart", "{\"new_id\": true}");
    await("offer-service failing to store the agent's TASK_GONE", Duration.ofSeconds(20),
        () -> stack.offerService.log().contains("statuses not stored") ? Optional.of(true) : Optional.empty());
    stack.reservationService.restart();

    JsonNode again = await("the instance's next task", Duration.ofSeconds(60), () -> awaitRunning(stack, "/reboot", 1)
        .stream().filter(t -> t.get("id").asText().endsWith("._app.2")).findFirst());
    assertEquals(Moorings.persistenceId(first), Moorings.persistenceId(again), "the same volume");
  }

  private int running() throws Exception {
    return (int) Moorings.tasks(stack, "/many").stream().filter(t -> t.has("startedAt")).count();
  }

  /** Each instance once, and in Mesos exactly one volume per instance. */
  private void assertNoDuplicates(List<JsonNode> tasks, int count) throws Exception {
    Set<String> instances = new HashSet<>();
    tasks.forEach(t -> instances.add(t.get("id").asText().replaceAll("\\._app\\.\\d+$", "")));
    assertEquals(count, instances.size());
    List<String> volumes = reservations(stack).stream().filter(r -> r.persistenceId() != null)
        .filter(r -> instances.contains(r.label("marathon_task_id"))).map(Moorings.Reserved::persistenceId).toList();
    assertEquals(count, volumes.size(), "one volume per instance: " + volumes);
    assertEquals(count, new HashSet<>(volumes).size());
  }
}
