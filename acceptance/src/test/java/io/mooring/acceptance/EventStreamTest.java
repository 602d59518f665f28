package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.app;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.persistenceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v2/events} as a plain SSE client sees it while an app is deployed, scaled, killed, wiped and deleted. */
class EventStreamTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Stack stack;  // STACK's

  @Test
  void aClientSeesTheLifeOfAnAppAndItsVolumesInMarathonsEvents() throws Exception {
    try (SseClient events = new SseClient(stack.uri("/v2/events"))) {
      assertEquals(200, events.status);
      assertTrue(events.contentType.startsWith("text/event-stream"), events.contentType);
      JsonNode attached = events.await("event_stream_attached", e -> true, WAIT);
      assertTrue(attached.has("remoteAddress") && attached.has("timestamp"), attached.toString());

      // A deployment
      assertEquals(201, stack.post("/v2/apps", app("/evented", "sleep 3600", 1)).status());
      JsonNode posted = events.await("api_post_event", e -> e.path("uri").asText().equals("/v2/apps"), WAIT);
      assertEquals("/evented", posted.path("appDefinition").path("id").asText());
      assertTrue(posted.path("clientIp").asText().startsWith("127."), posted.toString());
      events.await("group_change_success", e -> e.path("groupId").asText().equals("/"), WAIT);
      JsonNode info = events.await("deployment_info", e -> true, WAIT);
      assertEquals("StartApplication",
          info.path("currentStep").path("actions").get(0).path("action").asText(), info.toString());
      String deploymentId = info.path("plan").path("id").asText();
      JsonNode running = events.await("status_update_event",
          e -> e.path("taskStatus").asText().equals("TASK_RUNNING"), WAIT);
      assertEquals("/evented", running.path("appId").asText());
      assertTrue(running.path("taskId").asText().startsWith("evented.instance-"), running.toString());
      assertTrue(running.has("slaveId") && running.has("host") && running.has("ports") && running.has("version"));
      events.await("instance_changed_event", e -> e.path("condition").asText().equals("Running"), WAIT);
      JsonNode created = events.await("volume_created", e -> true, WAIT);
      String persistenceId = created.path("persistenceId").asText();
      assertTrue(persistenceId.startsWith("evented#data#"), created.toString());
      assertEquals(List.of("/evented", running.path("slaveId").asText(), running.path("host").asText()),
          List.of(created.path("runSpecId").asText(), created.path("agentId").asText(),
              created.path("host").asText()));
      events.await("volume_attached", e -> e.path("persistenceId").asText().equals(persistenceId), WAIT);
      events.await("deployment_step_success", e -> e.path("plan").path("id").asText().equals(deploymentId), WAIT);
      events.await("deployment_success", e -> e.path("id").asText().equals(deploymentId), WAIT);

      // A scale
      assertEquals(200, stack.put("/v2/apps/evented", "{\"instances\": 2}").status());
      events.await("deployment_info", e -> e.path("currentStep").path("actions").get(0).path("action").asText()
          .equals("ScaleApplication"), WAIT);
      List<JsonNode> tasks = awaitRunning(stack, "/evented", 2);
      events.await("volume_created", e -> !e.path("persistenceId").asText().equals(persistenceId), WAIT);

      // A kill: the volume is detached, then attached to the relaunched task
      JsonNode first = tasks.stream().filter(t -> persistenceId(t).equals(persistenceId)).findFirst().orElseThrow();
      assertEquals(200, stack.delete("/v2/apps/evented/tasks/" + first.get("id").asText()).status());
      events.await("status_update_event", e -> e.path("taskId").asText().equals(first.get("id").asText())
          && e.path("taskStatus").asText().equals("TASK_KILLED"), WAIT);
      events.await("volume_detached", e -> e.path("persistenceId").asText().equals(persistenceId), WAIT);
      events.await("status_update_event", e -> e.path("taskId").asText().endsWith("._app.2")
          && e.path("taskStatus").asText().equals("TASK_RUNNING"), WAIT);
      assertEquals(2, events.received().stream().filter(e -> e.name().equals("volume_attached")
          && e.data().path("persistenceId").asText().equals(persistenceId)).count(), "attached again");

      // A wipe: the volume is destroyed
      JsonNode second = tasks.stream().filter(t -> !persistenceId(t).equals(persistenceId)).findFirst().orElseThrow();
      assertEquals(200, stack.delete("/v2/apps/evented/tasks/" + second.get("id").asText() + "?wipe=true").status());
      events.await("volume_destroyed", e -> e.path("persistenceId").asText().equals(persistenceId(second)), WAIT);

      // A delete
      assertEquals(200, stack.delete("/v2/apps/evented").status());
      events.await("app_terminated_event", e -> e.path("appId").asText().equals("/evented"), WAIT);
      events.await("volume_destroyed", e -> e.path("persistenceId").asText().equals(persistenceId), WAIT);
      for (SseClient.Received event : events.received()) {
        assertEquals(event.name(), event.data().path("eventType").asText(), "the event line names its eventType");
        assertTrue(event.data().path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), event.toString());
      }
    }
  }

  @Test
  void eventTypeFiltersTheStream() throws Exception {
    try (SseClient events = new SseClient(stack.uri("/v2/events?event_type=app_terminated_event"
        + "&event_type=group_change_success"))) {
      assertEquals(201, stack.post("/v2/apps", app("/filtered", "sleep 3600", 0)).status());
      assertEquals(200, stack.delete("/v2/apps/filtered").status());
      events.await("app_terminated_event", e -> e.path("appId").asText().equals("/filtered"), WAIT);
      assertTrue(events.received().stream().allMatch(e -> e.name().equals("app_terminated_event")
          || e.name().equals("group_change_success")), events.received().toString());
    }
  }
}
