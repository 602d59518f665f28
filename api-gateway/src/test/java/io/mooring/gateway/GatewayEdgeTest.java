package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.testkit.Ports;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the gateway answers on its own, with no service behind it: nothing listens at its definition address. */
class GatewayEdgeTest {
  private static GatewayClient gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = new GatewayClient("127.0.0.1:" + Ports.free(), Map.of(
        "mooring.mesos.role", "stateful", "mooring.task-reservation-timeout", "45s"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void startsNoGrpcServer() {
    assertFalse(gateway.context().containsBean(GrpcEmbeddedServer.class));
  }

  @Test
  void findsTheServicesAtTheirDefaultAddressesWhenNotConfigured() {
    try (var context = io.micronaut.context.ApplicationContext.run("api-gateway")) {
      assertEquals("127.0.0.1:9101", context.getRequiredProperty("grpc.channels.definition.address", String.class));
      assertEquals("127.0.0.1:9102", context.getRequiredProperty("grpc.channels.reservation.address", String.class));
      assertEquals("127.0.0.1:9103", context.getRequiredProperty("grpc.channels.offer.address", String.class));
    }
  }

  @Test
  void anOversizedBodyIs413WithoutAskingTheService() {
    String huge = "{\"id\":\"/big\",\"cmd\":\"" + "x".repeat(300 * 1024) + "\"}";
    Reply reply = gateway.post("/v2/apps", huge);
    assertEquals(413, reply.status());
    assertEquals("application/json", reply.contentType());
    assertFalse(reply.json().get("message").asText().isEmpty());
  }

  @Test
  void ping() {
    Reply reply = gateway.get("/ping");
    assertEquals(200, reply.status());
    assertEquals("pong", reply.raw().body());
    assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
  }

  @Test
  void info() {
    Reply reply = gateway.get("/v2/info");
    assertEquals(200, reply.status());
    assertEquals("application/json", reply.contentType());
    JsonTrees.assertContains(JsonTrees.parse("""
        {"name":"mooring","version":"1.11.0","elected":true,"leader":"127.0.0.1:%d","frameworkId":null,
         "marathon_config":{"mesos_role":"stateful","task_reservation_timeout":45000,"master":null},
         "http_config":{"http_port":%d,"https_port":null}}""".formatted(gateway.port(), gateway.port())),
        reply.json());
  }

  @Test
  void anUnknownRouteIsA404InMarathonsShape() {
    for (String path : new String[] {"/v2/nothing", "/v3/apps", "/nothing"}) {  // "/" sends a browser to the UI
      Reply reply = gateway.get(path);
      assertEquals(404, reply.status(), path);
      assertEquals("application/json", reply.contentType());
      assertEquals("{\"message\":\"URI not found\"}", reply.raw().body());
    }
    assertEquals("{\"message\":\"URI not found\"}", gateway.post("/v2/apps/a/b/stop", "{}").raw().body());
  }

  @Test
  void aWrongMethodIsA405InJson() {
    Reply reply = gateway.send("PUT", "/ping", "{}");
    assertEquals(405, reply.status());
    assertEquals("application/json", reply.contentType());
    assertEquals("HTTP method PUT is not allowed on /ping", reply.json().get("message").asText());
    assertEquals(405, gateway.delete("/v2/apps").status());
  }

  @Test
  void malformedJsonIsA400BeforeAnyServiceIsAsked() {
    Reply reply = gateway.post("/v2/apps", "{\"id\": \"/a\",");
    assertEquals(400, reply.status());
    assertEquals("application/json", reply.contentType());
    assertEquals("Invalid JSON", reply.json().get("message").asText());
    assertTrue(reply.json().get("details").asText().startsWith("Unexpected end-of-input"), reply.raw().body());
    assertEquals(400, gateway.post("/v2/pods", "").status());
    assertEquals(400, gateway.put("/v2/apps/a", "{\"cpu\": 1}").status());
    assertEquals(400, gateway.patch("/v2/apps/a", "[1]").status());
  }

  @Test
  void aPodBodyNamingAnotherPodIsA400() {
    Reply reply = gateway.put("/v2/pods/group/one", "{\"id\":\"/group/two\"}");
    assertEquals(400, reply.status());
    assertEquals("{\"message\":\"'/group/one' does not match definition's id ('/group/two')\"}", reply.raw().body());
  }

  @Test
  void anUnreachableServiceIsA503Promptly() {
    for (String path : new String[] {"/v2/apps", "/v2/apps/a", "/v2/pods", "/v2/deployments"}) {
      long start = System.nanoTime();
      Reply reply = gateway.get(path);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(503, reply.status(), path);
      assertEquals("application/json", reply.contentType());
      assertTrue(reply.json().get("message").asText().startsWith("definition-service is unavailable"),
          reply.raw().body());
      assertTrue(millis < 2000, path + " took " + millis + " ms");
    }
    assertEquals(503, gateway.post("/v2/apps", "{\"id\":\"/a\"}").status());
    for (String path : new String[] {"/v2/tasks", "/v2/queue"}) {
      Reply reply = gateway.get(path);
      assertEquals(503, reply.status(), path);
      assertTrue(reply.json().get("message").asText().startsWith("reservation-service is unavailable"),
          reply.raw().body());
    }
  }
}
