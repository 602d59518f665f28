package io.mooring.sim.e2e;

import static io.mooring.mesos.MediaTypes.JSON;
import static io.mooring.mesos.MediaTypes.PROTOBUF;
import static io.mooring.sim.e2e.Mesos.framework;
import static io.mooring.sim.e2e.RefusalSupport.SUBSCRIBE;
import static io.mooring.sim.e2e.RefusalSupport.assertContains;
import static io.mooring.sim.e2e.RefusalSupport.postJson;
import static io.mooring.sim.e2e.RefusalSupport.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scheduler POSTs refused in Mesos 1.11 order: 503, 405, 400/415 envelope, 400 call, 406 Accept, 400/403 stream. */
class HttpEnvelopeRefusalsTest {
  private static final String UUID16 = Base64.getEncoder().encodeToString(new byte[16]);

  @TempDir static Path home;
  static SimFixture sim;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    sim = new SimFixture(home, 1, "virtual");
    url = sim.simulator.url() + "/api/v1/scheduler";
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  // ---------------------------------------------------------------- the envelope and call validation

  record Row(String name, String method, String contentType, String accept, String streamId, byte[] body,
      int status, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row json(String name, String body, int status, String fragment) {
    return new Row(name, "POST", JSON, null, null, body.getBytes(StandardCharsets.UTF_8), status, fragment);
  }

  static Stream<Row> envelopeRefusals() {
    byte[] subscribe = SUBSCRIBE.getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        new Row("GET", "GET", null, null, null, null, 405, "POST"),
        new Row("PUT", "PUT", JSON, null, null, subscribe, 405, "POST"),
        new Row("DELETE", "DELETE", null, null, null, null, 405, "POST"),
        new Row("no Content-Type", "POST", null, null, null, subscribe, 400, "Expecting 'Content-Type' to be present"),
        new Row("json with charset", "POST", "application/json; charset=utf-8", null, null, subscribe, 415,
            "Expecting 'Content-Type'"),
        new Row("protobuf with charset", "POST", "application/x-protobuf; charset=utf-8", null, null,
            Call.newBuilder().setType(Call.Type.SUBSCRIBE).build().toByteArray(), 415, "Expecting 'Content-Type'"),
        new Row("upper-case json", "POST", "Application/JSON", null, null, subscribe, 415, "Expecting 'Content-Type'"),
        new Row("text/plain", "POST", "text/plain", null, null, subscribe, 415, "Expecting 'Content-Type'"),
        json("truncated json", "{\"type\":", 400, "Failed to"),
        json("json array", "[]", 400, "Failed to"),
        new Row("garbage protobuf", "POST", PROTOBUF, null, null, new byte[] {0x1a, 0x05, 0x01}, 400, "Failed to"),
        json("unknown enum value", "{\"type\":\"SUBSCRIBED\"}", 400, "Failed to"),
        json("required user missing",
            "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"raw\"}}}", 400, "user"),
        json("no type", "{}", 400, "Failed to validate scheduler::Call: Expecting 'type' to be present"),
        json("SUBSCRIBE without subscribe", "{\"type\":\"SUBSCRIBE\"}", 400,
            "Failed to validate scheduler::Call: Expecting 'subscribe' to be present"),
        json("SUBSCRIBE framework_id differs",
            "{\"type\":\"SUBSCRIBE\",\"framework_id\":{\"value\":\"a\"},\"subscribe\":{\"framework_info\":"
                + "{\"user\":\"nobody\",\"name\":\"raw\",\"id\":{\"value\":\"b\"}}}}", 400,
            "'framework_id' differs from 'subscribe.framework_info.id'"),
        json("SUBSCRIBE framework_id without framework_info.id",
            "{\"type\":\"SUBSCRIBE\",\"framework_id\":{\"value\":\"a\"},\"subscribe\":{\"framework_info\":"
                + "{\"user\":\"nobody\",\"name\":\"raw\"}}}", 400,
            "'framework_id' differs from 'subscribe.framework_info.id'"),
        json("ACCEPT without framework_id", "{\"type\":\"ACCEPT\",\"accept\":{}}", 400,
            "Failed to validate scheduler::Call: Expecting 'framework_id' to be present"),
        json("ACCEPT without accept", "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"x\"}}", 400,
            "Expecting 'accept' to be present"),
        json("DECLINE without decline", "{\"type\":\"DECLINE\",\"framework_id\":{\"value\":\"x\"}}", 400,
            "Expecting 'decline' to be present"),
        json("ACKNOWLEDGE with a 3-byte uuid",
            "{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"x\"},\"acknowledge\":{\"agent_id\":"
                + "{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"AAEC\"}}", 400,
            "Failed to validate scheduler::Call"),
        json("ACKNOWLEDGE with an empty uuid",
            "{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"x\"},\"acknowledge\":{\"agent_id\":"
                + "{\"value\":\"a\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"\"}}", 400,
            "Failed to validate scheduler::Call"),
        json("ACKNOWLEDGE_OPERATION_STATUS with a bad uuid",
            "{\"type\":\"ACKNOWLEDGE_OPERATION_STATUS\",\"framework_id\":{\"value\":\"x\"},"
                + "\"acknowledge_operation_status\":{\"agent_id\":{\"value\":\"a\"},\"operation_id\":{\"value\":\"o\"},"
                + "\"uuid\":\"AAEC\"}}", 400, "Failed to validate scheduler::Call"),
        json("ACKNOWLEDGE_OPERATION_STATUS without agent_id",
            "{\"type\":\"ACKNOWLEDGE_OPERATION_STATUS\",\"framework_id\":{\"value\":\"x\"},"
                + "\"acknowledge_operation_status\":{\"operation_id\":{\"value\":\"o\"},\"uuid\":\"" + UUID16 + "\"}}",
            400, "agent_id"),
        json("UPDATE_FRAMEWORK framework_id differs",
            "{\"type\":\"UPDATE_FRAMEWORK\",\"framework_id\":{\"value\":\"a\"},\"update_framework\":{\"framework_info\":"
                + "{\"user\":\"nobody\",\"name\":\"raw\",\"id\":{\"value\":\"b\"}}}}", 400,
            "'framework_id' differs from 'update_framework.framework_info.id'"),
        // Accept negotiation: only SUBSCRIBE and RECONCILE_OPERATIONS, after validation, before everything else
        new Row("SUBSCRIBE accepting text/html", "POST", JSON, "text/html", null, subscribe, 406, "Accept"),
        new Row("SUBSCRIBE accepting text/html with a stream id", "POST", JSON, "text/html", "s-1", subscribe, 406,
            "Accept"),
        new Row("SUBSCRIBE with Mesos-Stream-Id", "POST", JSON, JSON, "s-1", subscribe, 400,
            "Subscribe calls should not include the 'Mesos-Stream-Id' header"),
        new Row("RECONCILE_OPERATIONS accepting text/html, unknown framework", "POST", JSON, "text/html", null,
            "{\"type\":\"RECONCILE_OPERATIONS\",\"framework_id\":{\"value\":\"nope\"},\"reconcile_operations\":{}}"
                .getBytes(StandardCharsets.UTF_8), 406, "Accept"),
        new Row("ACCEPT accepting text/html, unknown framework (Accept not checked)", "POST", JSON, "text/html", null,
            "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"nope\"},\"accept\":{}}".getBytes(StandardCharsets.UTF_8),
            400, "Framework cannot be found"),
        json("ACCEPT from an unknown framework",
            "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"nope\"},\"accept\":{}}", 400, "Framework cannot be found"),
        json("UNKNOWN from an unknown framework",
            "{\"type\":\"UNKNOWN\",\"framework_id\":{\"value\":\"nope\"}}", 400, "Framework cannot be found"),
        new Row("protobuf REVIVE from an unknown framework", "POST", PROTOBUF, null, null,
            Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(FrameworkID.newBuilder().setValue("nope"))
                .build().toByteArray(), 400, "Framework cannot be found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("envelopeRefusals")
  void envelopeAndValidationRefusals(Row row) throws Exception {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", row.contentType());
    headers.put("Accept", row.accept());
    headers.put("Mesos-Stream-Id", row.streamId());
    HttpResponse<String> r = raw(url, row.method(), headers, row.body());
    assertEquals(row.status(), r.statusCode(), row.name() + ": " + r.body());
    assertContains(r.body(), row.fragment());
    if (row.status() == 405) assertEquals("POST", r.headers().firstValue("Allow").orElse(null));
  }

  // ---------------------------------------------------------------- framework and stream checks

  @Test
  void streamIdAndUnknownCallChecksOfASubscribedFramework() throws Exception {
    try (SchedulerClient client = sim.client(MediaTypes.Encoding.JSON)) {
      assertEquals(200, client.subscribe(framework("stream-checks")));
      assertEquals(Event.Type.SUBSCRIBED, client.seen.get(0).getType());
      assertEquals(Event.Type.HEARTBEAT, client.next(Duration.ofSeconds(1)).getType(), "the first heartbeat at once");
      String revive = MesosJson.print(client.call(Call.Type.REVIVE).build());

      HttpResponse<String> missing = postJson(url, revive, Map.of());
      assertEquals(400, missing.statusCode());
      assertContains(missing.body(), "All non-subscribe calls should include the 'Mesos-Stream-Id' header");

      HttpResponse<String> wrong = postJson(url, revive, Map.of("Mesos-Stream-Id", "not-" + client.streamId));
      assertEquals(400, wrong.statusCode());
      assertContains(wrong.body(), "The stream ID 'not-" + client.streamId + "' included in this request didn't match");

      HttpResponse<String> ok = postJson(url, revive, Map.of("Mesos-Stream-Id", client.streamId));
      assertEquals(202, ok.statusCode(), ok.body());
      assertEquals("", ok.body());

      HttpResponse<String> unknown = client.post(client.call(Call.Type.UNKNOWN).build());
      assertEquals(501, unknown.statusCode(), unknown.body());
    }
  }

  @Test
  void callsOfADisconnectedFrameworkAreForbiddenBeforeTheStreamIdIsChecked() throws Exception {
    try (SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      assertEquals(200, client.subscribe(framework("dropped")));
      String frameworkId = client.frameworkId.getValue();
      assertEquals(200, sim.control("/sim/frameworks/" + frameworkId + "/drop-stream", "").statusCode());
      client.await(client::closed, SimFixture.WAIT);

      Call revive = client.call(Call.Type.REVIVE).build();
      HttpResponse<String> r = client.post(revive);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (r.statusCode() != 403 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        r = client.post(revive);
      }
      assertEquals(403, r.statusCode(), r.body());
      assertContains(r.body(), "Framework is not subscribed");

      // 403 comes before the stream id checks
      HttpResponse<String> noStream = postJson(url, MesosJson.print(revive), Map.of());
      assertEquals(403, noStream.statusCode(), noStream.body());
      HttpResponse<String> otherStream = postJson(url, MesosJson.print(revive), Map.of("Mesos-Stream-Id", "x"));
      assertEquals(403, otherStream.statusCode(), otherStream.body());
    }
  }

  // ---------------------------------------------------------------- 503 while recovering

  @Test
  void everyRequestGets503UntilTheNewMasterHasRecovered(@TempDir Path own) throws Exception {
    try (SimFixture recovering = new SimFixture(own, 1, "virtual")) {
      String schedulerUrl = recovering.simulator.url() + "/api/v1/scheduler";
      assertEquals(200, recovering.control("/sim/master/failover", "{\"recovery_ms\":5000}").statusCode());
      HttpResponse<String> subscribe = postJson(schedulerUrl, SUBSCRIBE, Map.of("Accept", JSON));
      assertEquals(503, subscribe.statusCode());
      assertContains(subscribe.body(), "Master has not finished recovery");
      // recovery is checked before the method and the envelope
      assertEquals(503, raw(schedulerUrl, "GET", Map.of(), null).statusCode());
      assertEquals(503, postJson(schedulerUrl, "{", Map.of("Content-Type", "text/plain")).statusCode());
    }
  }
}
