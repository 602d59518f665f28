package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.RunSpecQueueStats;
import io.mooring.testkit.EtcdExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service goes away under a gateway that was talking to it, and comes back. */
class GatewayOutageTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static GatewayClient gateway(DefinitionServiceFixture definitionService, FakeNeighbours neighbours) {
    return new GatewayClient(definitionService.address(), Map.of(
        "grpc.channels.reservation.address", neighbours.address(),
        "grpc.channels.offer.address", neighbours.address(),
        "grpc.channels.gc.address", neighbours.address()));
  }

  @Test
  void theGatewayAnswers503PromptlyFailsFastAndRecovers() throws Exception {
    try (DefinitionServiceFixture definitionService = new DefinitionServiceFixture(ETCD.endpoint());
        FakeNeighbours neighbours = new FakeNeighbours();
        GatewayClient gateway = gateway(definitionService, neighbours)) {
      assertEquals(201, gateway.post("/v2/apps", Seeds.read("mysql.json")).status());
      String before = gateway.get("/v2/apps/mysql").raw().body();

      definitionService.close();
      String[] paths = {"/v2/apps/mysql", "/v2/apps", "/v2/deployments", "/v2/pods", "/v2/apps/mysql/versions"};
      for (int i = 0; i < paths.length; i++) {
        long start = System.nanoTime();
        Reply reply = gateway.get(paths[i]);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, reply.status(), paths[i] + ": " + reply.raw().body());
        assertEquals("application/json", reply.contentType());
        assertTrue(millis < 2000, paths[i] + " took " + millis + " ms");
        String message = reply.json().get("message").asText();
        if (i < 2) {
          assertTrue(message.startsWith("definition-service is unavailable"), message);
        } else {
          // Each read above made 3 failed attempts: with 5 calls in its window the breaker is open by now.
          assertEquals("definition-service is unavailable", message, paths[i]);
          assertTrue(millis < 500, "an open breaker answers at once (no call, no retry), not in " + millis + " ms");
        }
      }
      assertEquals(503, gateway.post("/v2/apps", Seeds.read("postgres-mount-disk.json")).status());

      definitionService.start();
      long restarted = System.nanoTime();
      Reply reply = gateway.get("/v2/apps/mysql");
      while (reply.status() != 200 && System.nanoTime() - restarted < 10_000_000_000L) {
        Thread.sleep(100);
        reply = gateway.get("/v2/apps/mysql");
      }
      long millis = (System.nanoTime() - restarted) / 1_000_000;
      // The breaker stays open 5 s, then reconnects at once however long gRPC's own backoff would wait.
      assertTrue(millis < 6000, "answered again only after " + millis + " ms");
      assertEquals(before, reply.raw().body(), "the app is exactly as it was");
      assertEquals(404, gateway.get("/v2/apps/postgres").status(), "the write refused while down was not stored");
    }
  }

  /** Apps and tasks are nothing without their instances: they fail as a definition-service outage does. */
  @Test
  void withoutReservationServiceAppsAndTasksAre503UntilItIsBack() throws Exception {
    try (DefinitionServiceFixture definitionService = new DefinitionServiceFixture(ETCD.endpoint());
        FakeNeighbours neighbours = new FakeNeighbours();
        GatewayClient gateway = gateway(definitionService, neighbours)) {
      assertEquals(201, gateway.post("/v2/apps", Seeds.read("mysql.json")).status());
      neighbours.instances = List.of(Instances.placed("/mysql", "1", "h1", "TASK_RUNNING").build());
      assertEquals(1, gateway.get("/v2/apps/mysql").json().at("/app/tasksRunning").asInt());

      neighbours.close();
      for (String path : new String[] {"/v2/apps/mysql", "/v2/apps", "/v2/apps/mysql/tasks", "/v2/tasks",
          "/v2/queue"}) {
        Reply reply = gateway.get(path);
        assertEquals(503, reply.status(), path + ": " + reply.raw().body());
        assertTrue(reply.json().get("message").asText().startsWith("reservation-service is unavailable"),
            reply.raw().body());
      }
      Reply reset = gateway.delete("/v2/queue/mysql/delay");
      assertEquals(503, reset.status(), "a delay reset is not lost silently: " + reset.raw().body());
      assertEquals(201, gateway.post("/v2/apps", Seeds.read("postgres-mount-disk.json")).status(),
          "creating needs no instances");

      neighbours.start();
      long restarted = System.nanoTime();
      Reply reply = gateway.get("/v2/apps/mysql");
      while (reply.status() != 200 && System.nanoTime() - restarted < 10_000_000_000L) {
        Thread.sleep(100);
        reply = gateway.get("/v2/apps/mysql");
      }
      assertEquals(200, reply.status(), reply.raw().body());
      assertEquals(1, reply.json().at("/app/tasksRunning").asInt());
    }
  }

  /** offer-service only adds to these answers: without it they are still given, with nothing of its own. */
  @Test
  void withoutOfferServiceInfoAndQueueStillAnswer() throws Exception {
    try (DefinitionServiceFixture definitionService = new DefinitionServiceFixture(ETCD.endpoint());
        FakeNeighbours neighbours = new FakeNeighbours();
        GatewayClient gateway = gateway(definitionService, neighbours)) {
      assertEquals(201, gateway.post("/v2/apps", Seeds.read("mysql.json")).status());
      neighbours.instances = List.of(Instances.scheduled("/mysql", "1").build());
      neighbours.framework = FrameworkInfo.newBuilder().setFrameworkId("fw-1").build();
      neighbours.queueStats = QueueStats.newBuilder().addEntries(
          RunSpecQueueStats.newBuilder().setRunSpecId("/mysql").setProcessedOffers(3)).build();
      neighbours.offerServiceDown = true;

      Reply info = gateway.get("/v2/info");
      assertEquals(200, info.status(), info.raw().body());
      assertTrue(info.json().get("frameworkId").isNull(), info.raw().body());
      Reply queue = gateway.get("/v2/queue");
      assertEquals(200, queue.status(), queue.raw().body());
      assertEquals(1, queue.json().at("/queue/0/count").asInt());
      assertEquals(0, queue.json().at("/queue/0/processedOffersSummary/processedOffersCount").asInt());
    }
  }

  /** Pending cleanups only add to the volumes: without volume-gc-service the instances' volumes are still listed. */
  @Test
  void withoutVolumeGcServiceVolumesStillAnswer() throws Exception {
    try (DefinitionServiceFixture definitionService = new DefinitionServiceFixture(ETCD.endpoint());
        FakeNeighbours neighbours = new FakeNeighbours();
        GatewayClient gateway = gateway(definitionService, neighbours)) {
      neighbours.instances = List.of(Instances.withVolumeDisks(Instances.placed("/mysql", "1", "h1", "TASK_RUNNING"),
          DiskSource.getDefaultInstance(), 1024).build());
      neighbours.cleanups = List.of(Cleanup.newBuilder().setInstanceId("mysql.instance-2")
          .setReason(Garbage.Reason.UNKNOWN_INSTANCE)
          .addResources(Instances.volumeDisk("mysql#data#2", "data", DiskSource.getDefaultInstance(), 1024)).build());
      assertEquals(2, gateway.get("/v2/volumes").json().get("volumes").size());
      neighbours.volumeGcServiceDown = true;

      Reply reply = gateway.get("/v2/volumes");
      assertEquals(200, reply.status(), reply.raw().body());
      assertEquals(1, reply.json().get("volumes").size(), reply.raw().body());
      assertEquals("mysql#data#1", reply.json().at("/volumes/0/persistenceId").asText());
    }
  }
}
