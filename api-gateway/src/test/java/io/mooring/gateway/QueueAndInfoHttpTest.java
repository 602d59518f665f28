package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.podScheduled;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.OfferRanges;
import io.mooring.proto.v1.OfferValue;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.PortRange;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.QueueStatsRequest;
import io.mooring.proto.v1.RunSpecQueueStats;
import io.mooring.proto.v1.UnusedOffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/queue}, {@code /v2/info} and {@code /v2/leader} over HTTP, with stand-ins for reservation-service and
 * offer-service.
 */
class QueueAndInfoHttpTest extends LiveGatewayTest {
  @Test
  void theQueueShowsAppsWithInstancesWaitingForAnOffer() {
    String app = "/queue/db";
    assertEquals(201, gateway.post("/v2/apps", seed("mysql.json", app)).status());
    neighbours.instances = List.of(
        scheduled(app, "1").setSince("2026-01-02T03:00:00Z")
            .setBackoffUntilMillis(System.currentTimeMillis() + 60_000).build(),
        scheduled(app, "2").setState(InstanceState.RESERVING).setSince("2026-01-02T02:00:00Z").build(),
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
    assertFalse(entry.at("/delay/overdue").asBoolean(), "backed off: the only instance waiting for an offer may not "
        + "launch yet");
    assertFalse(entry.has("lastUnusedOffers"), "only when embedded");
    assertEquals(List.of(false), neighbours.queueStatsRequests.stream()
        .map(QueueStatsRequest::getWithLastUnusedOffers).toList(), "the unused offers are not even fetched");
    assertContains(parse("{\"reason\":\"InsufficientCpus\",\"declined\":5,\"processed\":5}"),
        entry.at("/processedOffersSummary/rejectSummaryLastOffers/3"));
  }

  @Test
  void embeddedTheLastUnusedOffersShowAsMarathonShowsThem() {
    String app = "/queue/offers";
    assertEquals(201, gateway.post("/v2/apps", seed("mysql.json", app)).status());
    neighbours.instances = List.of(scheduled(app, "1").build());
    neighbours.queueStats = QueueStats.newBuilder().addEntries(RunSpecQueueStats.newBuilder().setRunSpecId(app)
        .setProcessedOffers(1).setUnusedOffers(1).putRejectReasons("InsufficientCpus", 1)
        .addLastUnusedOffers(UnusedOffer.newBuilder().setOfferId("o-1").setTimestamp("2026-01-02T03:30:00.000Z")
            .addReasons("InsufficientCpus")))
        .addOffers(OfferView.newBuilder().setId("o-1").setAgentId("a-1").setHostname("h-1")
            .addResources(OfferValue.newBuilder().setName("cpus").setRole("*").setScalar(0.5))
            .addResources(OfferValue.newBuilder().setName("ports").setRole("*").setRanges(OfferRanges.newBuilder()
                .addRanges(PortRange.newBuilder().setBegin(31000).setEnd(31001))))
            .addAttributes(OfferValue.newBuilder().setName("rack").setText("r1")))
        .build();

    Reply reply = gateway.get("/v2/queue?embed=lastUnusedOffers");

    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(parse("""
        [{"offer":{"id":"o-1","hostname":"h-1","agentId":"a-1",
                   "resources":[{"name":"cpus","role":"*","scalar":0.5},
                                {"name":"ports","role":"*","ranges":[{"begin":31000,"end":31001}]}],
                   "attributes":[{"name":"rack","text":"r1"}]},
          "timestamp":"2026-01-02T03:30:00.000Z","reason":["InsufficientCpus"]}]"""),
        reply.json().at("/queue/0/lastUnusedOffers"));
    assertEquals(List.of(true), neighbours.queueStatsRequests.stream()
        .map(QueueStatsRequest::getWithLastUnusedOffers).toList());
    assertFalse(gateway.get("/v2/queue").json().get("queue").get(0).has("lastUnusedOffers"),
        "without the embed no key, whatever offer-service sends");
  }

  /** Marathon's DELETE /v2/queue/{id}/delay: 204 for an app or a pod with queued instances, 404 otherwise. */
  @Test
  void aDelayResetGoesToReservationServiceForAQueuedRunSpec() {
    neighbours.instances = List.of(scheduled("/queue/db", "1").build(), podScheduled("/queue/pg", "1").build(),
        placed("/queue/running", "1", "h1", "TASK_RUNNING").build());

    for (String path : List.of("/v2/queue/queue/db/delay", "/v2/queue//queue/pg/delay/")) {
      Reply reply = gateway.delete(path);
      assertEquals(204, reply.status(), path + ": " + reply.raw().body());
      assertEquals("", reply.raw().body());
    }
    assertEquals(List.of("/queue/db", "/queue/pg"), neighbours.delayResets);

    for (String id : List.of("/queue/running", "/queue/none")) {
      Reply notQueued = gateway.delete("/v2/queue" + id + "/delay");
      assertEquals(404, notQueued.status());
      assertEquals(parse("{\"message\":\"Application " + id + " not found in tasks queue.\"}"), notQueued.json());
    }
    Reply noDelay = gateway.delete("/v2/queue/queue/db");
    assertEquals(404, noDelay.status());
    assertEquals(parse("{\"message\":\"URI not found\"}"), noDelay.json());
    assertEquals(2, neighbours.delayResets.size());
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
        .setDeclineOfferDurationMillis(90_000).setFrameworkName("moor").setFailoverTimeoutSeconds(3600)
        .setMaxInstancesPerOffer(7).build();
    Reply reply = gateway.get("/v2/info");
    assertEquals(200, reply.status());
    assertContains(parse("""
        {"frameworkId":"fw-1","elected":true,
         "marathon_config":{"mesos_role":"stateful","task_reservation_timeout":30000,"decline_offer_duration":90000,
                            "master":"http://master:5050","mesos_leader_ui_url":"http://master:5050/",
                            "framework_name":"moor","failover_timeout":3600,"max_instances_per_offer":7}}"""),
        reply.json());
  }

  @Test
  void beforeRegistrationTheFrameworkIdIsNull() {
    Reply reply = gateway.get("/v2/info");
    assertContains(parse("""
        {"frameworkId":null,"marathon_config":{"mesos_role":"mooring","task_reservation_timeout":20000,
         "master":null}}"""), reply.json());
  }

  /** marathon-python builds its info object from every key it gets and fails on any it does not know. */
  @Test
  void infoHasMarathonsKeysAndNoOthers() {
    JsonNode info = gateway.get("/v2/info").json();
    assertEquals(Set.of("name", "version", "buildref", "elected", "leader", "frameworkId", "marathon_config",
        "zookeeper_config", "http_config"), fields(info));
    assertEquals(Set.of("access_control_allow_origin", "checkpoint", "decline_offer_duration",
        "default_network_name", "env_vars_prefix", "executor", "failover_timeout", "features", "framework_name", "ha",
        "hostname", "launch_token", "launch_token_refresh_interval", "leader_proxy_connection_timeout_ms",
        "leader_proxy_read_timeout_ms", "local_port_max", "local_port_min", "master", "max_instances_per_offer",
        "mesos_bridge_name", "mesos_heartbeat_failure_threshold", "mesos_heartbeat_interval", "mesos_leader_ui_url",
        "mesos_role", "mesos_user", "new_group_enforce_role", "min_revive_offers_interval", "offer_matching_timeout",
        "on_elected_prepare_timeout", "reconciliation_initial_delay", "reconciliation_interval",
        "scale_apps_initial_delay", "scale_apps_interval", "store_cache", "task_launch_confirm_timeout",
        "task_launch_timeout", "task_lost_expunge_initial_delay", "task_lost_expunge_interval",
        "task_reservation_timeout", "webui_url", "maintenance_mode"), fields(info.get("marathon_config")));
    assertEquals(Set.of("zk", "zk_compression", "zk_compression_threshold", "zk_connection_timeout",
        "zk_max_node_size", "zk_max_versions", "zk_session_timeout", "zk_timeout"),
        fields(info.get("zookeeper_config")));
    assertEquals(Set.of("http_port", "https_port"), fields(info.get("http_config")));
    assertEquals(gateway.port(), info.get("http_config").get("http_port").asInt());
  }

  @Test
  void theLeaderIsTheGatewayAsked() {
    Reply reply = gateway.get("/v2/leader");
    assertEquals(200, reply.status());
    assertEquals("127.0.0.1:" + gateway.port(), reply.json().get("leader").asText());
  }

  @Test
  void deletingTheLeaderMakesOfferServiceAbdicate() {
    Reply reply = gateway.delete("/v2/leader");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals("application/json", reply.contentType());
    assertEquals(parse("{\"message\":\"Leadership abdicated\"}"), reply.json());
    assertEquals(1, neighbours.abdications.get());
  }

  @Test
  void withoutALeaderThereIsNoneToAbdicate() {
    neighbours.offerLeader = "";
    Reply reply = gateway.delete("/v2/leader");
    assertEquals(404, reply.status(), reply.raw().body());
    assertEquals(parse("{\"message\":\"There is no leader\"}"), reply.json());
  }

  @Test
  void anAbdicationOfferServiceDoesNotHearOfIsA503() {
    neighbours.offerServiceDown = true;
    assertEquals(503, gateway.delete("/v2/leader").status());
    assertEquals(0, neighbours.abdications.get());
  }

  /** Marathon's backup and restore concern ZooKeeper state Mooring does not keep: refused, and nobody abdicates. */
  @Test
  void backupAndRestoreAreRefused() {
    Reply reply = gateway.delete("/v2/leader?backup=file:///tmp/backup&restore=file:///tmp/backup");
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals(parse("""
        {"message":"Object is not valid","details":[
          {"path":"/backup","errors":["not supported: Mooring keeps its state in etcd, which takes its own snapshots"]},
          {"path":"/restore","errors":["not supported: Mooring keeps its state in etcd, which takes its own snapshots"]}
        ]}"""), reply.json());
    assertEquals(0, neighbours.abdications.get());
  }

  @Test
  void pingAnswersPongWhateverTheClientAccepts() {
    for (String accept : List.of("application/json", "text/plain", "*/*", "text/html")) {
      Reply reply = gateway.get("/ping", accept);
      assertEquals(200, reply.status(), accept);
      assertEquals("pong", reply.raw().body(), accept);
    }
  }

  private static Set<String> fields(JsonNode json) {
    Set<String> names = new HashSet<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
