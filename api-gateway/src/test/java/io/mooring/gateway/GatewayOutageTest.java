package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.testkit.EtcdExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** definition-service goes away under a gateway that was talking to it, and comes back. */
class GatewayOutageTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @Test
  void theGatewayAnswers503PromptlyFailsFastAndRecovers() throws Exception {
    try (DefinitionServiceFixture definitionService = new DefinitionServiceFixture(ETCD.endpoint());
        GatewayClient gateway = new GatewayClient(definitionService.address(), Map.of())) {
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
}
