package io.mooring.sim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Helpers the refusal tests share: raw HTTP requests, first-update waits, "nothing offered" checks, and ACCEPT calls
 * with checks of what the master answers on its own.
 */
final class RefusalSupport {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A minimal SUBSCRIBE call in JSON, for raw requests. */
  static final String SUBSCRIBE =
      "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"nobody\",\"name\":\"raw\"}}}";

  private RefusalSupport() {}

  /** A raw request: any method, any headers (null values are left out), any body. */
  static HttpResponse<String> raw(String url, String method, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((k, v) -> {
      if (v != null) b.header(k, v);
    });
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postJson(String url, String json, Map<String, String> extraHeaders) throws Exception {
    java.util.HashMap<String, String> headers = new java.util.HashMap<>(extraHeaders);
    headers.putIfAbsent("Content-Type", MediaTypes.JSON);
    return raw(url, "POST", headers, json.getBytes(StandardCharsets.UTF_8));
  }

  private static final Map<SchedulerClient, Set<Event>> CLAIMED = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The first event matching that no earlier call here returned, among those already seen (waits for other events
   * skip past them) or the next ones. Makes the tests independent of the order in which the master sends events.
   */
  static Event claim(SchedulerClient client, Predicate<Event> matching) throws InterruptedException {
    Set<Event> claimed = CLAIMED.computeIfAbsent(client, c -> Collections.newSetFromMap(new IdentityHashMap<>()));
    Predicate<Event> unclaimed = e -> !claimed.contains(e) && matching.test(e);
    Event found = List.copyOf(client.seen).stream().filter(unclaimed).findFirst().orElse(null);
    if (found == null) found = client.await(unclaimed, SimFixture.WAIT);
    claimed.add(found);
    return found;
  }

  /** The first update for this task not returned before, acknowledged if it carries a uuid. */
  static TaskStatus firstUpdate(SchedulerClient client, String taskId) throws Exception {
    Event e = claim(client, ev -> ev.getType() == Event.Type.UPDATE
        && ev.getUpdate().getStatus().getTaskId().getValue().equals(taskId));
    SimFixture.acknowledge(client, e.getUpdate().getStatus());
    return e.getUpdate().getStatus();
  }

  /** Updates for this task (acknowledged) until one in the state. */
  static TaskStatus taskState(SchedulerClient client, String taskId, TaskState state) throws Exception {
    while (true) {
      TaskStatus status = firstUpdate(client, taskId);
      if (status.getState() == state) return status;
    }
  }

  /** The status of this operation, acknowledged if it carries a uuid. */
  static OperationStatus operation(SchedulerClient client, String operationId) throws Exception {
    Event e = claim(client, ev -> ev.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && ev.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(operationId));
    OperationStatus status = e.getUpdateOperationStatus().getStatus();
    SimFixture.acknowledge(client, status);
    return status;
  }

  /**
   * The first offer matching among the OFFERS events seen since {@code mark} (an index into {@code client.seen}), or
   * in the next ones: waits for other events may have skipped past it.
   */
  static Offer offerSince(SchedulerClient client, int mark, Predicate<Offer> matching) throws InterruptedException {
    for (Event e : List.copyOf(client.seen.subList(mark, client.seen.size()))) {
      if (e.getType() != Event.Type.OFFERS) continue;
      Optional<Offer> found = e.getOffers().getOffersList().stream().filter(matching).findFirst();
      if (found.isPresent()) return found.get();
    }
    return SimFixture.offer(client, matching);
  }

  /**
   * Fails if an OFFERS event was seen since {@code mark} (an index into {@code client.seen}: waits for other events
   * skip past offers) or arrives within the period.
   */
  static void assertNoOffers(SchedulerClient client, int mark, Duration period) throws InterruptedException {
    for (Event e : List.copyOf(client.seen.subList(mark, client.seen.size()))) {
      if (e.getType() == Event.Type.OFFERS) fail("unexpected offers: " + e.getOffers());
    }
    long deadline = System.nanoTime() + period.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return;
      Event e = client.events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) return;
      client.seen.add(e);
      if (e.getType() == Event.Type.OFFERS) fail("unexpected offers within " + period + ": " + e.getOffers());
      if (client.closed(e)) fail("the stream closed");
    }
  }

  /** The next event that is not a HEARTBEAT (the stream's end included). */
  static Event nextNonHeartbeat(SchedulerClient client, Duration timeout) throws InterruptedException {
    while (true) {
      Event e = client.next(timeout);
      if (e.getType() != Event.Type.HEARTBEAT) return e;
    }
  }

  static FrameworkInfo without(FrameworkInfo info, FrameworkInfo.Capability.Type capability) {
    FrameworkInfo.Builder b = info.toBuilder().clearCapabilities();
    info.getCapabilitiesList().stream().filter(c -> c.getType() != capability).forEach(b::addCapabilities);
    return b.build();
  }

  /** A 200 operator answer parsed. */
  static Response response(HttpResponse<String> http) throws Exception {
    assertEquals(200, http.statusCode(), http.body());
    return MesosJson.parse(http.body(), Response.getDefaultInstance());
  }

  static void assertContains(String haystack, String needle) {
    assertTrue(haystack != null && haystack.contains(needle), "expected '" + needle + "' in: " + haystack);
  }

  // ---------------------------------------------------------------- ACCEPT calls and the master's own answers

  /** SUBSCRIBE on this client (200 expected) and the first offer it gets. */
  static Offer subscribedOffer(SchedulerClient client, FrameworkInfo info) throws Exception {
    assertEquals(200, client.subscribe(info));
    return SimFixture.offer(client, o -> true);
  }

  static void acceptCall(SchedulerClient client, Call.Accept accept) throws Exception {
    client.send(client.call(Call.Type.ACCEPT).setAccept(accept).build());
  }

  /** A {@code sleep 3600} task of 0.1 cpus and 32 mem on the offer's agent. */
  static TaskInfo small(String id, Offer offer) {
    return Mesos.task(id, offer.getAgentId(), "sleep 3600",
        List.of(Mesos.scalar("cpus", 0.1), Mesos.scalar("mem", 32)));
  }

  static Predicate<Offer> hasVolume(String persistenceId) {
    return o -> o.getResourcesList().stream()
        .anyMatch(r -> r.getDisk().getPersistence().getId().equals(persistenceId));
  }

  /** A task status update the master generated itself. */
  static void assertMasterUpdate(TaskStatus status, TaskState state, TaskStatus.Reason reason, String fragment) {
    assertEquals(state, status.getState(), status.toString());
    assertEquals(reason, status.getReason(), status.toString());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, status.getSource());
    assertFalse(status.hasUuid(), "master-generated updates carry no uuid");
    assertContains(status.getMessage(), fragment);
  }

  /** An operation the master dropped (OPERATION_ERROR from its drop()). */
  static void assertDropped(OperationStatus status, String fragment) {
    assertEquals(OperationState.OPERATION_ERROR, status.getState(), status.toString());
    assertFalse(status.hasUuid(), "the master's drop() sends no uuid");
    assertFalse(status.hasAgentId(), "the master's drop() sends no agent id");
    assertContains(status.getMessage(), fragment);
  }

  /** The first agent in the master's /state. */
  static JsonObject agentState(SimFixture sim) throws Exception {
    return sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
  }
}
