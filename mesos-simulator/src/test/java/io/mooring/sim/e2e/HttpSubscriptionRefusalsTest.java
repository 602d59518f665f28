package io.mooring.sim.e2e;

import static io.mooring.mesos.MediaTypes.JSON;
import static io.mooring.sim.e2e.Mesos.framework;
import static io.mooring.sim.e2e.RefusalSupport.SUBSCRIBE;
import static io.mooring.sim.e2e.RefusalSupport.assertContains;
import static io.mooring.sim.e2e.RefusalSupport.postJson;
import static io.mooring.sim.e2e.RefusalSupport.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import io.mooring.mesos.RecordIo;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SUBSCRIBE refusals: bad FrameworkInfo as one ERROR on a 200 stream, re-subscribe, failover, update, credentials. */
class HttpSubscriptionRefusalsTest {
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

  // ---------------------------------------------------------------- FrameworkInfo: 200, one ERROR, closed

  record InfoRow(String name, FrameworkInfo info, List<String> suppressed, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<InfoRow> frameworkInfoRefusals() {
    FrameworkInfo base = framework("refused");
    return Stream.of(
        new InfoRow("role with a leading slash", base.toBuilder().clearRoles().addRoles("/eng").build(), List.of(),
            "role"),
        new InfoRow("role with a trailing slash", base.toBuilder().clearRoles().addRoles("eng/").build(), List.of(),
            "role"),
        new InfoRow("role with two adjacent slashes", base.toBuilder().clearRoles().addRoles("eng//web").build(),
            List.of(), "role"),
        new InfoRow("role with a dot segment", base.toBuilder().clearRoles().addRoles("eng/../web").build(),
            List.of(), "role"),
        new InfoRow("role starting with a dash", base.toBuilder().clearRoles().addRoles("-eng").build(), List.of(),
            "role"),
        new InfoRow("role with a space", base.toBuilder().clearRoles().addRoles("eng web").build(), List.of(),
            "role"),
        new InfoRow("legacy role invalid without MULTI_ROLE",
            RefusalSupport.without(base, FrameworkInfo.Capability.Type.MULTI_ROLE).toBuilder().clearRoles()
                .setRole("eng//web").build(), List.of(), "role"),
        new InfoRow("MULTI_ROLE with role set", base.toBuilder().setRole(Mesos.ROLE).build(), List.of(), "role"),
        new InfoRow("roles without MULTI_ROLE", RefusalSupport.without(base, FrameworkInfo.Capability.Type.MULTI_ROLE),
            List.of(), "roles"),
        new InfoRow("duplicate roles", base.toBuilder().addRoles(Mesos.ROLE).build(), List.of(), "roles"),
        new InfoRow("suppressed role not in roles", base, List.of("elsewhere"), "Suppressed role 'elsewhere'"),
        new InfoRow("failover_timeout out of range", base.toBuilder().setFailoverTimeout(1e300).build(), List.of(),
            "failover_timeout"),
        new InfoRow("invalid framework id", base.toBuilder().setId(FrameworkID.newBuilder().setValue("a/b")).build(),
            List.of(), "FrameworkInfo.id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frameworkInfoRefusals")
  void frameworkInfoRefusalsAreOneErrorEventOnAnOkStream(InfoRow row) throws Exception {
    Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder().setFrameworkInfo(row.info())
        .addAllSuppressedRoles(row.suppressed());
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(subscribe);
    if (row.info().hasId()) call.setFrameworkId(row.info().getId());
    Refused refused = subscribeToTheEnd(call.build());
    assertEquals(200, refused.status);
    assertEquals(JSON, refused.contentType);
    assertFalse(refused.streamId == null || refused.streamId.isEmpty(), "a stream id is issued even when refused");
    assertEquals(1, refused.events.size(), "exactly one event, then the stream ends: " + refused.events);
    Event error = refused.events.get(0);
    assertEquals(Event.Type.ERROR, error.getType());
    assertTrue(error.getError().getMessage().toLowerCase().contains(row.fragment().toLowerCase()),
        error.getError().getMessage());
    Response.GetFrameworks frameworks = frameworks();
    assertTrue(frameworks.getFrameworksList().stream().noneMatch(f -> f.getFrameworkInfo().getName().equals("refused")),
        "a refused framework is not registered: " + frameworks);
  }

  @Test
  void principalChangeOnResubscribeIsRefusedAndTheRunningSubscriptionStays() throws Exception {
    try (SchedulerClient first = sim.client(MediaTypes.Encoding.PROTOBUF);
        SchedulerClient second = sim.client(MediaTypes.Encoding.JSON)) {
      assertEquals(200, first.subscribe(framework("principal-change")));
      FrameworkInfo changed = framework("principal-change").toBuilder().setId(first.frameworkId)
          .setPrincipal("someone-else").build();
      assertEquals(200, second.subscribe(changed));
      Event error = second.seen.get(0);
      assertEquals(Event.Type.ERROR, error.getType());
      assertEquals("Changing framework's principal is not allowed.", error.getError().getMessage());
      assertTrue(second.closed(second.next(Duration.ofSeconds(5))), "the refused stream is closed after the ERROR");
      assertEquals(null, second.frameworkId);

      // the first subscription is untouched: no ERROR, and its calls still go through
      first.send(first.call(Call.Type.REVIVE).build());
      assertTrue(first.seen.stream().noneMatch(e -> e.getType() == Event.Type.ERROR));
      assertTrue(first.events.stream().noneMatch(e -> e.getType() == Event.Type.ERROR || first.closed(e)));
      Response.GetFrameworks frameworks = frameworks();
      var registered = frameworks.getFrameworksList().stream()
          .filter(f -> f.getFrameworkInfo().getId().equals(first.frameworkId)).findFirst().orElseThrow();
      assertEquals(Mesos.PRINCIPAL, registered.getFrameworkInfo().getPrincipal());
      assertTrue(registered.getConnected());
    }
  }

  @Test
  void resubscribeFailsOverTheOldStream() throws Exception {
    try (SchedulerClient first = sim.client(MediaTypes.Encoding.JSON);
        SchedulerClient second = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      assertEquals(200, first.subscribe(framework("failing-over")));
      SimFixture.offer(first, o -> true);
      // user and checkpoint changes are silently ignored on re-subscription
      FrameworkInfo again = framework("failing-over").toBuilder().setId(first.frameworkId).setUser("changed")
          .setCheckpoint(false).build();
      assertEquals(200, second.subscribe(again));
      assertEquals(Event.Type.SUBSCRIBED, second.seen.get(0).getType());
      assertEquals(first.frameworkId, second.frameworkId);
      assertNotEquals(first.streamId, second.streamId);

      Event error = first.await(e -> e.getType() == Event.Type.ERROR, SimFixture.WAIT);
      assertEquals("Framework failed over", error.getError().getMessage());
      assertTrue(first.closed(RefusalSupport.nextNonHeartbeat(first, Duration.ofSeconds(5))),
          "the old stream ends after the ERROR");

      HttpResponse<String> old = first.post(first.call(Call.Type.REVIVE).build());
      assertEquals(400, old.statusCode(), old.body());
      assertContains(old.body(), "didn't match the stream ID");
      second.send(second.call(Call.Type.REVIVE).build());

      // the old offers are discarded without RESCIND; fresh ones follow on the new stream
      SimFixture.offer(second, o -> true);
      assertTrue(second.seen.stream().noneMatch(e -> e.getType() == Event.Type.RESCIND), second.seen.toString());
      var registered = frameworks().getFrameworksList().stream()
          .filter(f -> f.getFrameworkInfo().getId().equals(first.frameworkId)).findFirst().orElseThrow();
      assertEquals("nobody", registered.getFrameworkInfo().getUser());
      assertTrue(registered.getFrameworkInfo().getCheckpoint());
    }
  }

  @Test
  void resubscribingARemovedFrameworkIsRefused() throws Exception {
    try (SchedulerClient first = sim.client(MediaTypes.Encoding.JSON);
        SchedulerClient second = sim.client(MediaTypes.Encoding.JSON)) {
      assertEquals(200, first.subscribe(framework("torn-down")));
      first.send(first.call(Call.Type.TEARDOWN).build());
      assertEquals(200, second.subscribe(framework("torn-down").toBuilder().setId(first.frameworkId).build()));
      Event error = second.seen.get(0);
      assertEquals(Event.Type.ERROR, error.getType());
      assertEquals("Framework has been removed", error.getError().getMessage());
      assertTrue(second.closed(second.next(Duration.ofSeconds(5))));
    }
  }

  @Test
  void updateFrameworkCannotChangeThePrincipal() throws Exception {
    try (SchedulerClient client = sim.client(MediaTypes.Encoding.JSON)) {
      assertEquals(200, client.subscribe(framework("update")));
      FrameworkInfo changed = framework("update").toBuilder().setId(client.frameworkId).setPrincipal("other").build();
      HttpResponse<String> r = client.post(client.call(Call.Type.UPDATE_FRAMEWORK)
          .setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(changed)).build());
      assertEquals(400, r.statusCode(), r.body());
      FrameworkInfo badRole = framework("update").toBuilder().setId(client.frameworkId).clearRoles().addRoles("/x")
          .build();
      HttpResponse<String> role = client.post(client.call(Call.Type.UPDATE_FRAMEWORK)
          .setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(badRole)).build());
      assertEquals(400, role.statusCode(), role.body());
      FrameworkInfo fine = framework("update").toBuilder().setId(client.frameworkId).setName("renamed").build();
      HttpResponse<String> ok = client.post(client.call(Call.Type.UPDATE_FRAMEWORK)
          .setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(fine)).build());
      assertEquals(200, ok.statusCode(), ok.body());
    }
  }

  // ---------------------------------------------------------------- 401 with credentials

  @Test
  void withCredentialsUnauthenticatedCallsGet401AndAMismatchedPrincipal400(@TempDir Path own) throws Exception {
    SimConfig config = SimConfig.defaults(own).withPort(0).withAgents(SimConfig.standardAgents(1, "virtual"))
        .withTimings(Duration.ofMillis(100), Duration.ofSeconds(15), Duration.ofSeconds(75))
        .withCredentials(Map.of(Mesos.PRINCIPAL, "secret", "intruder", "pw"));
    try (Simulator secured = Simulator.start(config)) {
      String schedulerUrl = secured.url() + "/api/v1/scheduler";
      HttpResponse<String> none = postJson(schedulerUrl, SUBSCRIBE, Map.of());
      assertEquals(401, none.statusCode());
      assertEquals("Basic realm=\"mesos-master-scheduler\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
      HttpResponse<String> wrong = postJson(schedulerUrl, SUBSCRIBE, Map.of("Authorization", basic(Mesos.PRINCIPAL, "nope")));
      assertEquals(401, wrong.statusCode());
      // authentication precedes the method check
      assertEquals(401, raw(schedulerUrl, "GET", Map.of(), null).statusCode());

      String mismatched = MesosJson.print(Call.newBuilder().setType(Call.Type.SUBSCRIBE)
          .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework("secured"))).build());
      HttpResponse<String> other = postJson(schedulerUrl, mismatched, Map.of("Authorization", basic("intruder", "pw")));
      assertEquals(400, other.statusCode(), other.body());
      assertContains(other.body(), "Failed to validate scheduler::Call");

      try (SchedulerClient client = new SchedulerClient(secured.url(), MediaTypes.Encoding.JSON)) {
        client.authorization = basic(Mesos.PRINCIPAL, "secret");
        assertEquals(200, client.subscribe(framework("secured")));
        assertEquals(Event.Type.SUBSCRIBED, client.seen.get(0).getType());
        client.authorization = basic("intruder", "pw");
        HttpResponse<String> foreign = client.post(client.call(Call.Type.REVIVE).build());
        assertEquals(400, foreign.statusCode(), foreign.body());
        assertContains(foreign.body(), "Authenticated principal 'intruder' does not match principal");
        client.authorization = basic(Mesos.PRINCIPAL, "secret");
        client.send(client.call(Call.Type.REVIVE).build());
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Response.GetFrameworks frameworks() throws Exception {
    return RefusalSupport.response(sim.operator(org.apache.mesos.v1.master.Protos.Call.newBuilder()
        .setType(org.apache.mesos.v1.master.Protos.Call.Type.GET_FRAMEWORKS).build())).getGetFrameworks();
  }

  private record Refused(int status, String contentType, String streamId, List<Event> events) {}

  /** SUBSCRIBE in JSON and read the whole stream; fails if the stream does not end within 5 s. */
  private static Refused subscribeToTheEnd(Call call) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", JSON).header("Accept", JSON)
        .POST(HttpRequest.BodyPublishers.ofString(MesosJson.print(call))).build();
    HttpResponse<InputStream> response = RefusalSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    CompletableFuture<List<Event>> read = CompletableFuture.supplyAsync(() -> {
      List<Event> events = new ArrayList<>();
      try (InputStream in = response.body()) {
        RecordIo.Reader reader = new RecordIo.Reader(in, 1 << 20);
        for (byte[] record = reader.next(); record != null; record = reader.next()) {
          events.add(MesosJson.parse(new String(record, StandardCharsets.UTF_8), Event.getDefaultInstance()));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return events;
    });
    try {
      return new Refused(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Mesos-Stream-Id").orElse(null), read.get(5, TimeUnit.SECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      response.body().close();
      throw new AssertionError("the refused stream did not end within 5 s");
    }
  }
}
