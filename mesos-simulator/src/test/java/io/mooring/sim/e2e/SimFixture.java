package io.mooring.sim.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** A simulator on a free port with a fast allocation cycle, and the waiting and acknowledging tests need. */
final class SimFixture implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  /** Short, so a closed subscription is noticed at the next heartbeat write (Mesos sends one every 15 s). */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  final Simulator simulator;
  final Path home;
  private final HttpClient http = HttpClient.newHttpClient();

  SimFixture(Path home, int agents, String runner) throws Exception {
    this.home = home;
    SimConfig config = SimConfig.defaults(home).withPort(0)
        .withAgents(SimConfig.standardAgents(agents, runner))
        .withTimings(Duration.ofMillis(100), HEARTBEAT, Duration.ofSeconds(75));
    simulator = Simulator.start(config);
  }

  SchedulerClient client(MediaTypes.Encoding encoding) {
    return new SchedulerClient(simulator.url(), encoding);
  }

  /** The next OFFERS event's first offer that matches. */
  static Offer offer(SchedulerClient client, Predicate<Offer> matching) throws InterruptedException {
    Event e = client.await(ev -> ev.getType() == Event.Type.OFFERS
        && ev.getOffers().getOffersList().stream().anyMatch(matching), WAIT);
    return e.getOffers().getOffersList().stream().filter(matching).findFirst().orElseThrow();
  }

  /** Reserves 1 cpu and 128 mem labelled with the task id and launches the task on them; returns the agent id. */
  static String launchReserved(SchedulerClient client, String taskId) throws Exception {
    Offer offer = offer(client, o -> o.getResourcesList().stream().anyMatch(r -> r.getReservationsCount() == 0));
    Resource cpus = Mesos.reserved(Mesos.scalar("cpus", 1), taskId);
    Resource mem = Mesos.reserved(Mesos.scalar("mem", 128), taskId);
    client.send(client.call(Call.Type.ACCEPT).setAccept(Mesos.accept(offer,
        Mesos.reserve(null, java.util.List.of(cpus, mem)),
        Mesos.launch(Mesos.task(taskId, offer.getAgentId(), "sleep 3600", java.util.List.of(cpus, mem))))).build());
    taskState(client, taskId, TaskState.TASK_RUNNING);
    return offer.getAgentId().getValue();
  }

  /** Waits for a task update in the given state, acknowledging every update with a uuid on the way. */
  static TaskStatus taskState(SchedulerClient client, String taskId, TaskState state) throws Exception {
    while (true) {
      Event e = client.await(ev -> ev.getType() == Event.Type.UPDATE, WAIT);
      TaskStatus status = e.getUpdate().getStatus();
      acknowledge(client, status);
      if (status.getTaskId().getValue().equals(taskId) && status.getState() == state) return status;
    }
  }

  static void acknowledge(SchedulerClient client, TaskStatus status) throws Exception {
    if (!status.hasUuid()) return;
    client.send(client.call(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
  }

  /** Waits for the operation's status and acknowledges it if it carries a uuid. */
  static OperationStatus operation(SchedulerClient client, String operationId) throws Exception {
    Event e = client.await(ev -> ev.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && ev.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(operationId), WAIT);
    OperationStatus status = e.getUpdateOperationStatus().getStatus();
    acknowledge(client, status);
    return status;
  }

  static void acknowledge(SchedulerClient client, OperationStatus status) throws Exception {
    if (!status.hasUuid()) return;
    client.send(client.call(Call.Type.ACKNOWLEDGE_OPERATION_STATUS).setAcknowledgeOperationStatus(
        Call.AcknowledgeOperationStatus.newBuilder().setAgentId(status.getAgentId())
            .setOperationId(status.getOperationId()).setUuid(status.getUuid().getValue())).build());
  }

  JsonObject state() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(simulator.url() + "/master/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  /** POSTs to the control API; returns the status. */
  HttpResponse<String> control(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(simulator.url() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs an operator call in JSON. */
  HttpResponse<String> operator(org.apache.mesos.v1.master.Protos.Call call) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(simulator.url() + "/api/v1"))
        .header("Content-Type", MediaTypes.JSON).header("Accept", MediaTypes.JSON)
        .POST(HttpRequest.BodyPublishers.ofString(MesosJson.print(call))).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Closing checks that no resource leaked from the master's accounting, whatever the scenario did. */
  @Override
  public void close() {
    try {
      assertEquals(java.util.List.of(), simulator.master().accountingErrors(), "resource accounting");
    } finally {
      simulator.close();
    }
  }
}
