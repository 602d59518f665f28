package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.persistenceId;
import static io.mooring.acceptance.Moorings.reservations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claims past their deadline are settled by Mesos's word: a task that ran while reservation-service was down is
 * adopted, not killed as a stray and relaunched elsewhere on a new volume; a claim whose ACCEPT was lost expires.
 */
class ClaimOutageTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final long DEADLINE_SECONDS = 5;
  private Stack stack;
  @RegisterExtension final LogsOnFailure logs = new LogsOnFailure(() -> stack);

  @BeforeEach
  void start() throws Exception {
    stack = new Stack(ETCD.endpoint(), Map.of("MOORING_TASK_RESERVATION_TIMEOUT", DEADLINE_SECONDS + "s"));
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void aClaimOutlivesAnOutageAcrossItsDeadlineAndItsTaskIsAdopted() throws Exception {
    // The master takes 2 s over every call: the ACCEPT lands after the claim is stored, in a window to act in.
    stack.simulate("/sim/master/latency", "{\"ms\": 2000}");
    assertEquals(201, stack.post("/v2/apps", Moorings.app("/db", "sleep 3600", 1)).status());
    String claimed = await("the claim", Duration.ofSeconds(60), () -> Moorings.tasks(stack, "/db").stream()
        .map(t -> t.get("id").asText()).findFirst());
    stack.reservationService.kill9();
    stack.simulate("/sim/master/latency", "{\"ms\": 0}");
    await("the task running in Mesos", Duration.ofSeconds(30), () -> runningInMesos(claimed));
    Thread.sleep(DEADLINE_SECONDS * 2_000);  // past the claim's deadline while reservation-service is down

    stack.reservationService.restart();
    List<JsonNode> running = awaitRunning(stack, "/db", 1);

    assertEquals(claimed, running.get(0).get("id").asText(), "the claimed task was adopted, not replaced");
    assertEquals(List.of(persistenceId(running.get(0))), reservations(stack).stream()
        .map(Moorings.Reserved::persistenceId).filter(id -> id != null).toList(), "one volume, the claimed one");
    assertFalse(stack.offerService.log().contains("killing stray task " + claimed), "never killed as a stray");
  }

  /** The ACCEPT never reaches the master: past the deadline Mesos says it does not know the task, and only then. */
  @Test
  void aClaimWhoseAcceptWasLostExpiresOnMesossWordAndTheInstanceRunsOnANewClaim() throws Exception {
    stack.simulate("/sim/master/drop-next-accept");
    assertEquals(201, stack.post("/v2/apps", Moorings.app("/db", "sleep 3600", 1)).status());

    List<JsonNode> running = awaitRunning(stack, "/db", 1);

    String taskId = running.get(0).get("id").asText();
    assertTrue(taskId.endsWith("._app.2"), taskId + ": the lost claim's incarnation is never reused");
    assertEquals(List.of(persistenceId(running.get(0))), reservations(stack).stream()
        .map(Moorings.Reserved::persistenceId).filter(id -> id != null).toList(), "one volume: the lost ACCEPT's "
        + "would-be volume was never created, and the new claim's has a fresh id");
    assertTrue(stack.reservationService.log().contains(taskId.replace("._app.2", "._app.1") + " is TASK_GONE"),
        "the claim expired on the master's answer");
  }

  private Optional<Boolean> runningInMesos(String taskId) throws Exception {
    for (JsonNode framework : stack.masterState().get("frameworks")) {
      for (JsonNode task : framework.get("tasks")) {
        if (task.get("id").asText().equals(taskId) && task.get("state").asText().equals("TASK_RUNNING")) {
          return Optional.of(true);
        }
      }
    }
    return Optional.empty();
  }
}
