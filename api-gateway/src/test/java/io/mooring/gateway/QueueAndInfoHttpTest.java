package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.RunSpecQueueStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v2/queue} and {@code /v2/info} over HTTP, with stand-ins for reservation-service and offer-service. */
class QueueAndInfoHttpTest extends LiveGatewayTest {
  @Test
  void theQueueShowsAppsWithInstancesWaitingForAnOffer() {
    String app = "/queue/db";
    assertEquals(201, gateway.post("/v2/apps", seed("mysql.json", app)).status());
    neighbours.instances = List.of(
        scheduled(app, "1").setSince("2026-01-02T03:00:00Z").build(),
        scheduled(app, "2").setState(InstanceState.RESERVING).setSince("2026-01-02T02:00:00Z")
            .setBackoffUntilMillis(System.currentTimeMillis() + 60_000).build(),
        placed(app, "3", "h1", "TASK_RUNNING").build(),
        placed(app, "4", "h1", "TASK_KILLED").setGoal(Goal.STOPPED).build(),
        scheduled("/queue/deleted", "1").build());
    neighbours.queueStats = QueueStats.newBuilder().addEntries(RunSpecQueueStats.newBuilder().setRunSpecId(app)
        .setProcessedOffers(5).setUnusedOffers(5).putRejectReasons("InsufficientCpus", 5)
        .setLastUnusedOfferAt("2026-01-02T03:30:00Z")).build();

    Reply reply = gateway.get("/v2/queue");
    assertEquals(200, reply.status(), reply.raw().body());
    JsonNode queue = reply.json().get("queue");
    assertEquals(1, queue.size(), "the instances of a deleted app are not queued: " + queue);
    JsonNode entry = queue.get(0);
    assertContains(parse("""
        {"count":2,"role":"mooring","since":"2026-01-02T02:00:00Z","app":{"id":"/queue/db"},
         "processedOffersSummary":{"processedOffersCount":5,"unusedOffersCount":5,
                                   "lastUnusedOfferAt":"2026-01-02T03:30:00Z"}}"""), entry);
    long timeLeft = entry.at("/delay/timeLeftSeconds").asLong();
    assertTrue(timeLeft > 50 && timeLeft <= 60, entry.get("delay").toString());
    assertContains(parse("{\"reason\":\"InsufficientCpus\",\"declined\":5,\"processed\":5}"),
        entry.at("/processedOffersSummary/rejectSummaryLastOffers/3"));
  }

  @Test
  void anEmptyQueue() {
    neighbours.instances = List.of(placed("/queue/running", "1", "h1", "TASK_RUNNING").build());
    assertEquals(parse("{\"queue\":[]}"), gateway.get("/v2/queue").json());
  }

  @Test
  void infoNamesTheFrameworkOfferServiceRegistered() {
    neighbours.framework = FrameworkInfo.newBuilder().setFrameworkId("fw-1").setRole("stateful")
        .setPrincipal("ops").setMesosMaster("http://master:5050").setTaskReservationTimeoutMillis(30_000)
        .setDeclineOfferDurationMillis(120_000).build();
    Reply reply = gateway.get("/v2/info");
    assertEquals(200, reply.status());
    assertContains(parse("""
        {"frameworkId":"fw-1","elected":true,
         "marathon_config":{"mesos_role":"stateful","mesos_authentication_principal":"ops",
                            "task_reservation_timeout":30000,"decline_offer_duration":120000,
                            "mesos_master_url":"http://master:5050"}}"""), reply.json());
  }

  @Test
  void beforeRegistrationTheFrameworkIdIsNull() {
    Reply reply = gateway.get("/v2/info");
    assertContains(parse("""
        {"frameworkId":null,"marathon_config":{"mesos_role":"mooring","mesos_authentication_principal":"mooring",
         "task_reservation_timeout":20000,"mesos_master_url":null}}"""), reply.json());
  }
}
