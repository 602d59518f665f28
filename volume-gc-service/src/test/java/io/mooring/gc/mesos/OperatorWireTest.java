package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes on the wire and the answers the simulator never gives (it checks no credentials on the operator API),
 * against a stub master that records the request and answers as told.
 */
class OperatorWireTest {
  private HttpServer server;
  private volatile Headers requestHeaders;
  private volatile byte[] requestBody;
  private volatile int status;
  private volatile String contentType;
  private volatile byte[] answer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requestHeaders = exchange.getRequestHeaders();
    requestBody = exchange.getRequestBody().readAllBytes();
    if (contentType != null) exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(int newStatus, String newContentType, byte[] body) {
    status = newStatus;
    contentType = newContentType;
    answer = body;
  }

  private OperatorClient client(String secret) {
    return new OperatorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "gc", secret,
        Duration.ofSeconds(5));
  }

  @Test
  void sendsProtobufWithBasicAuth() throws Exception {
    answer(202, null, new byte[0]);
    Resource volume = new Reservations("S1", "db.instance-1", "db#data#1").volume();
    assertEquals(new Outcome.Accepted(), client("s3cret").destroyVolumes("S1", List.of(volume)));
    assertEquals("application/x-protobuf", requestHeaders.getFirst("Content-Type"));
    assertEquals("application/x-protobuf", requestHeaders.getFirst("Accept"));
    assertEquals("Basic " + Base64.getEncoder().encodeToString("gc:s3cret".getBytes(StandardCharsets.UTF_8)),
        requestHeaders.getFirst("Authorization"));
    assertEquals(Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES).setDestroyVolumes(Call.DestroyVolumes.newBuilder()
        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("S1")).addVolumes(volume)).build(),
        Call.parseFrom(requestBody));

    client("").unreserveResources("S1", List.of());
    assertNull(requestHeaders.getFirst("Authorization"), "no secret, no basic auth");
  }

  @Test
  void mapsStatusesToOutcomes() {
    OperatorClient client = client("s3cret");
    answer(401, "text/plain", "Unauthorized".getBytes(StandardCharsets.UTF_8));
    assertEquals(new Outcome.Refused(401, "Unauthorized"), client.destroyVolumes("S1", List.of()));
    answer(403, null, new byte[0]);
    assertEquals(new Outcome.Refused(403, ""), client.destroyVolumes("S1", List.of()));
    answer(409, "text/plain", "Insufficient resources".getBytes(StandardCharsets.UTF_8));
    assertEquals(new Outcome.Conflict("Insufficient resources"), client.unreserveResources("S1", List.of()));
    answer(400, "text/plain", "Invalid DESTROY operation on agent S1: Persistent volumes in use".getBytes(
        StandardCharsets.UTF_8));
    assertEquals(new Outcome.Conflict("Invalid DESTROY operation on agent S1: Persistent volumes in use"),
        client.destroyVolumes("S1", List.of()));
    answer(400, "text/plain", "Invalid DESTROY operation on agent S1: Persistent volumes not found".getBytes(
        StandardCharsets.UTF_8));
    assertEquals(new Outcome.Refused(400, "Invalid DESTROY operation on agent S1: Persistent volumes not found"),
        client.destroyVolumes("S1", List.of()));
    answer(500, "text/plain", "Boom\n  at line 2".getBytes(StandardCharsets.UTF_8));
    assertEquals(new Outcome.Unavailable("HTTP 500 Boom at line 2"), client.destroyVolumes("S1", List.of()));
    answer(200, "application/x-protobuf", new byte[0]);
    assertEquals(new Outcome.Unknown("unexpected HTTP 200"), client.destroyVolumes("S1", List.of()));
  }

  @Test
  void getAgentsWantsAProtobufGetAgentsResponse() throws Exception {
    OperatorClient client = client("");
    Response agents = Response.newBuilder().setType(Response.Type.GET_AGENTS)
        .setGetAgents(Response.GetAgents.getDefaultInstance()).build();
    answer(200, "application/x-protobuf", agents.toByteArray());
    assertEquals(agents.getGetAgents(), client.getAgents());
    assertEquals(Call.newBuilder().setType(Call.Type.GET_AGENTS).build(), Call.parseFrom(requestBody));

    answer(200, "application/json", "{\"type\":\"GET_AGENTS\"}".getBytes(StandardCharsets.UTF_8));
    assertTrue(assertThrows(OperatorException.class, client::getAgents).getMessage()
        .endsWith(": 200 with Content-Type 'application/json'"));
    answer(200, "application/x-protobuf", Response.newBuilder().setType(Response.Type.GET_TASKS).build().toByteArray());
    assertTrue(assertThrows(OperatorException.class, client::getAgents).getMessage().endsWith(": a GET_TASKS response"));
    answer(200, "application/x-protobuf", new byte[] {0x0a, 0x7f});
    assertTrue(assertThrows(OperatorException.class, client::getAgents).getMessage().contains("unparsable response"));
    answer(401, "text/plain", "Unauthorized".getBytes(StandardCharsets.UTF_8));
    String message = assertThrows(OperatorException.class, client::getAgents).getMessage();
    assertEquals("GET_AGENTS at http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1: HTTP 401 Unauthorized",
        message);
  }
}
