package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.SimFixture.WAIT;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.SimFixture.operation;
import static io.mooring.sim.e2e.SimFixture.taskState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.mesos.MediaTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every control action of /sim, observed the way a scheduler observes a real cluster: through its events. */
class ControlApiTest {
  @TempDir Path home;
  SimFixture sim;
  SchedulerClient client;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(home, 1, "virtual");
    client = sim.client(MediaTypes.Encoding.PROTOBUF);
    assertEquals(200, client.subscribe(framework("control")));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    sim.close();
  }

  @Test
  void failAndFinishATask() throws Exception {
    SimFixture.launchReserved(client, "t1");
    assertEquals(200, sim.control("/sim/tasks/t1/fail", "{\"message\":\"boom\"}").statusCode());
    TaskStatus failed = taskState(client, "t1", TaskState.TASK_FAILED);
    assertEquals("boom", failed.getMessage());
    SimFixture.launchReserved(client, "t2");
    assertEquals(200, sim.control("/sim/tasks/t2/finish", null).statusCode());
    taskState(client, "t2", TaskState.TASK_FINISHED);
    assertEquals(404, sim.control("/sim/tasks/nope/fail", null).statusCode());
  }

  @Test
  void rescindOffers() throws Exception {
    Offer offer = offer(client, o -> true);
    JsonObject answer = JsonParser.parseString(sim.control("/sim/offers/rescind", "{}").body()).getAsJsonObject();
    assertTrue(answer.get("rescinded").getAsInt() >= 1);
    Event rescind = client.await(e -> e.getType() == Event.Type.RESCIND, WAIT);
    assertEquals(offer.getId(), rescind.getRescind().getOfferId());
  }

  @Test
  void disconnectRescindsOffersAndReconnectOffersAgain() throws Exception {
    Offer offer = offer(client, o -> true);
    String agent = offer.getAgentId().getValue();
    assertEquals(200, sim.control("/sim/agents/" + agent + "/disconnect", null).statusCode());
    client.await(e -> e.getType() == Event.Type.RESCIND, WAIT);
    assertEquals(200, sim.control("/sim/agents/" + agent + "/reconnect", null).statusCode());
    offer(client, o -> o.getAgentId().getValue().equals(agent));
    assertEquals(404, sim.control("/sim/agents/unknown/disconnect", null).statusCode());
  }

  @Test
  void unreachableAgentReportsTasksUnreachableAndBringsThemBackOnReregistration() throws Exception {
    String agent = SimFixture.launchReserved(client, "t1");
    assertEquals(200, sim.control("/sim/agents/" + agent + "/unreachable", null).statusCode());
    TaskStatus unreachable = taskState(client, "t1", TaskState.TASK_UNREACHABLE);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, unreachable.getReason());
    assertTrue(unreachable.hasUnreachableTime());
    Event failure = client.await(e -> e.getType() == Event.Type.FAILURE, WAIT);
    assertEquals(agent, failure.getFailure().getAgentId().getValue());
    assertEquals(200, sim.control("/sim/agents/" + agent + "/reconnect", null).statusCode());
    TaskStatus back = taskState(client, "t1", TaskState.TASK_RUNNING);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REREGISTERED, back.getReason());
  }

  @Test
  void restartWithNewIdLosesTasksButKeepsReservations() throws Exception {
    String agent = SimFixture.launchReserved(client, "t1");
    JsonObject answer = JsonParser.parseString(
        sim.control("/sim/agents/" + agent + "/restart", "{\"new_id\":true}").body()).getAsJsonObject();
    String newId = answer.get("agent_id").getAsString();
    assertNotEquals(agent, newId);
    TaskStatus gone = taskState(client, "t1", TaskState.TASK_GONE);
    assertEquals(TaskStatus.Reason.REASON_AGENT_RESTARTED, gone.getReason());
    Offer reserved = offer(client, o -> o.getAgentId().getValue().equals(newId)
        && o.getResourcesList().stream().anyMatch(r -> r.getReservationsCount() > 0));
    assertTrue(reserved.getResourcesList().stream().anyMatch(r -> r.getReservationsCount() > 0
        && r.getReservations(0).getLabels().getLabels(0).getValue().equals("t1")), reserved.toString());
  }

  @Test
  void restartWithTheSameIdKeepsTasksRunning() throws Exception {
    String agent = SimFixture.launchReserved(client, "t1");
    JsonObject answer = JsonParser.parseString(
        sim.control("/sim/agents/" + agent + "/restart", "{}").body()).getAsJsonObject();
    assertEquals(agent, answer.get("agent_id").getAsString());
    JsonObject task = sim.state().getAsJsonArray("frameworks").get(0).getAsJsonObject()
        .getAsJsonArray("tasks").get(0).getAsJsonObject();
    assertEquals("TASK_RUNNING", task.get("state").getAsString());
  }

  @Test
  void goneAgentTakesItsTasksWithIt() throws Exception {
    String agent = SimFixture.launchReserved(client, "t1");
    assertEquals(200, sim.control("/sim/agents/" + agent + "/gone", null).statusCode());
    TaskStatus gone = taskState(client, "t1", TaskState.TASK_GONE_BY_OPERATOR);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR, gone.getReason());
    assertEquals(0, sim.state().getAsJsonArray("slaves").size());
  }

  @Test
  void failAndDropTheNextOperation() throws Exception {
    Offer offer = offer(client, o -> true);
    String agent = offer.getAgentId().getValue();
    assertEquals(200, sim.control("/sim/agents/" + agent + "/fail-next-operation", null).statusCode());
    client.send(client.call(Call.Type.ACCEPT).setAccept(accept(offer,
        reserve("r1", List.of(reserved(scalar("cpus", 1), "x"))))).build());
    assertEquals(OperationState.OPERATION_FAILED, operation(client, "r1").getState());

    assertEquals(200, sim.control("/sim/agents/" + agent + "/drop-next-operation", null).statusCode());
    Offer next = offer(client, o -> true);
    client.send(client.call(Call.Type.ACCEPT).setAccept(accept(next,
        reserve("r2", List.of(reserved(scalar("cpus", 1), "x"))))).build());
    client.send(client.call(Call.Type.RECONCILE_OPERATIONS).setReconcileOperations(Call.ReconcileOperations.newBuilder()
        .addOperations(Call.ReconcileOperations.Operation.newBuilder()
            .setOperationId(OperationID.newBuilder().setValue("r2")).setAgentId(offer.getAgentId()))).build());
    assertEquals(OperationState.OPERATION_UNKNOWN, operation(client, "r2").getState());
    JsonObject slave = sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
    assertEquals(0, slave.getAsJsonObject("reserved_resources_full").size(), "neither operation was applied");
  }

  @Test
  void latencyDelaysEveryCall() throws Exception {
    assertEquals(200, sim.control("/sim/master/latency", "{\"ms\":400}").statusCode());
    long start = System.nanoTime();
    client.send(client.call(Call.Type.REVIVE).build());
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
    assertEquals(400, sim.control("/sim/master/latency", "{\"ms\":-1}").statusCode());
  }

  @Test
  void droppedStreamDisconnectsTheFramework() throws Exception {
    String frameworkId = client.frameworkId.getValue();
    assertEquals(200, sim.control("/sim/frameworks/" + frameworkId + "/drop-stream", null).statusCode());
    client.await(client::closed, WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (sim.state().getAsJsonArray("frameworks").get(0).getAsJsonObject().get("connected").getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "framework still connected");
      Thread.sleep(50);
    }
    assertEquals(403, client.post(client.call(Call.Type.REVIVE).build()).statusCode());
  }

  @Test
  void aNonLeaderRedirectsToTheLeader() throws Exception {
    try (SimFixture leader = new SimFixture(home.resolve("leader"), 1, "virtual")) {
      String address = "127.0.0.1:" + leader.simulator.port();
      assertEquals(200, sim.control("/sim/master/leader", "{\"redirect_to\":\"" + address + "\"}").statusCode());
      client.await(client::closed, WAIT);
      SchedulerClient redirected = sim.client(MediaTypes.Encoding.PROTOBUF);
      assertEquals(307, redirected.subscribe(framework("control")));
      java.net.http.HttpResponse<String> response = redirected.post(Call.newBuilder()
          .setType(Call.Type.REVIVE).setFrameworkId(client.frameworkId).build());
      assertEquals(307, response.statusCode());
      assertEquals("//" + address + "/api/v1/scheduler", response.headers().firstValue("Location").orElseThrow());
      SchedulerClient followed = leader.client(MediaTypes.Encoding.PROTOBUF);
      assertEquals(200, followed.subscribe(framework("control")));
      followed.close();
      assertEquals(200, sim.control("/sim/master/leader", "{}").statusCode());
      assertEquals(200, sim.client(MediaTypes.Encoding.PROTOBUF).subscribe(framework("control")));
    }
  }

  @Test
  void pausedHeartbeatsStopHeartbeats() throws Exception {
    client.await(e -> e.getType() == Event.Type.HEARTBEAT, WAIT);
    assertEquals(200, sim.control("/sim/master/heartbeats", "{\"paused\":true}").statusCode());
    client.events.drainTo(client.seen); // sent before the pause took effect on the master's thread
    client.expectNone(e -> e.getType() == Event.Type.HEARTBEAT, SimFixture.HEARTBEAT.multipliedBy(3));
    assertEquals(200, sim.control("/sim/master/heartbeats", "{\"paused\":false}").statusCode());
    client.await(e -> e.getType() == Event.Type.HEARTBEAT, SimFixture.HEARTBEAT.multipliedBy(3));
  }
}
