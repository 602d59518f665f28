package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.SimFixture.WAIT;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.SimFixture.operation;
import static io.mooring.sim.e2e.SimFixture.taskState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to tasks, kills and operation statuses while an agent or the master is away; every scenario ends with
 * the fixture's accounting check (total = available + offered + used on every agent).
 */
class PartitionTest {
  @TempDir Path home;

  @Test
  void aTaskThatEndsDuringAPartitionIsReportedWhenTheAgentIsBack() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual"); SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("partition"));
      String agent = SimFixture.launchReserved(client, "t1");
      sim.control("/sim/agents/" + agent + "/unreachable", null);
      taskState(client, "t1", TaskState.TASK_UNREACHABLE);
      assertEquals(200, sim.control("/sim/tasks/t1/fail", null).statusCode());
      client.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(500)); // nobody hears the agent
      sim.control("/sim/agents/" + agent + "/reconnect", null);
      taskState(client, "t1", TaskState.TASK_FAILED);
      JsonObject slave = sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
      assertEquals(0.0, slave.getAsJsonObject("used_resources").get("cpus").getAsDouble());
    }
  }

  @Test
  void anUnacknowledgedTaskUpdateIsResentOnResubscriptionAndNothingFollowsUntilItIsAcknowledged() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      SchedulerClient before = sim.client(MediaTypes.Encoding.PROTOBUF);
      before.subscribe(framework("resend"));
      Offer offer = offer(before, o -> true);
      before.send(before.call(Call.Type.ACCEPT).setAccept(accept(offer,
          launch(task("t1", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 1), scalar("mem", 64)))))).build());
      Event starting = before.await(e -> e.getType() == Event.Type.UPDATE, WAIT);
      assertEquals(TaskState.TASK_STARTING, starting.getUpdate().getStatus().getState());
      before.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(500)); // RUNNING waits for the ACK
      sim.control("/sim/frameworks/" + before.frameworkId.getValue() + "/drop-stream", null);
      before.await(before::closed, WAIT);

      SchedulerClient after = sim.client(MediaTypes.Encoding.PROTOBUF);
      after.subscribe(framework("resend").toBuilder().setId(before.frameworkId).build());
      Event again = after.await(e -> e.getType() == Event.Type.UPDATE, WAIT);
      assertEquals(starting.getUpdate().getStatus().getUuid(), again.getUpdate().getStatus().getUuid());
      SimFixture.acknowledge(after, again.getUpdate().getStatus());
      taskState(after, "t1", TaskState.TASK_RUNNING); // follows only once STARTING is acknowledged
      before.close();
      after.close();
    }
  }

  @Test
  void aFrameworkThatDoesNotCheckpointLosesItsTasksWhenTheAgentDisconnects() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual"); SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("no-checkpoint").toBuilder().setCheckpoint(false).build());
      String agent = SimFixture.launchReserved(client, "t1");
      sim.control("/sim/agents/" + agent + "/disconnect", null);
      TaskStatus gone = taskState(client, "t1", TaskState.TASK_GONE);
      assertEquals(TaskStatus.Reason.REASON_AGENT_DISCONNECTED, gone.getReason());
    }
  }

  @Test
  void anAgentThatDoesNotReregisterAfterAMasterFailoverBecomesUnreachable() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      SchedulerClient before = sim.client(MediaTypes.Encoding.PROTOBUF);
      before.subscribe(framework("late-agent"));
      String agent = SimFixture.launchReserved(before, "t1");
      sim.control("/sim/agents/" + agent + "/disconnect", null);
      sim.control("/sim/master/failover", "{\"reregister_timeout_ms\":700}");
      before.await(before::closed, WAIT);
      SchedulerClient after = sim.client(MediaTypes.Encoding.PROTOBUF);
      after.subscribe(framework("late-agent").toBuilder().setId(before.frameworkId).build());
      Call reconcile = after.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
          .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
              .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(agent)))).build();
      after.send(reconcile);
      after.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(300)); // still recovering
      TaskStatus unreachable = after.await(e -> e.getType() == Event.Type.UPDATE, WAIT).getUpdate().getStatus();
      assertEquals(TaskState.TASK_UNREACHABLE, unreachable.getState()); // the re-registration window closed
      assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, unreachable.getReason());
      assertTrue(unreachable.hasUnreachableTime());
      after.send(reconcile);
      TaskStatus reconciled = after.await(e -> e.getType() == Event.Type.UPDATE, WAIT).getUpdate().getStatus();
      assertEquals(TaskState.TASK_UNREACHABLE, reconciled.getState());
      assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, reconciled.getReason());
      sim.control("/sim/agents/" + agent + "/reconnect", null); // it may still come back
      TaskStatus back = after.await(e -> e.getType() == Event.Type.UPDATE, WAIT).getUpdate().getStatus();
      assertEquals(TaskState.TASK_RUNNING, back.getState());
      assertEquals(TaskStatus.Reason.REASON_AGENT_REREGISTERED, back.getReason());
      before.close();
      after.close();
    }
  }

  @Test
  void aKillSentWhileTheAgentIsDisconnectedIsAppliedWhenItReturns() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual"); SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("partition"));
      String agent = SimFixture.launchReserved(client, "t1");
      sim.control("/sim/agents/" + agent + "/disconnect", null);
      client.send(client.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(TaskID.newBuilder().setValue("t1"))).build());
      client.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(500));
      sim.control("/sim/agents/" + agent + "/reconnect", null);
      taskState(client, "t1", TaskState.TASK_KILLED);
    }
  }

  @Test
  void anUnacknowledgedOperationStatusSurvivesAMasterFailover() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      SchedulerClient before = sim.client(MediaTypes.Encoding.PROTOBUF);
      before.subscribe(framework("ops"));
      Offer offer = offer(before, o -> true);
      before.send(before.call(Call.Type.ACCEPT).setAccept(accept(offer,
          reserve("r1", List.of(reserved(scalar("cpus", 1), "x"))))).build());
      Event unacked = before.await(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS, WAIT);
      sim.control("/sim/master/failover", "{}");
      before.await(before::closed, WAIT);
      SchedulerClient after = sim.client(MediaTypes.Encoding.PROTOBUF);
      FrameworkInfo withId = framework("ops").toBuilder().setId(before.frameworkId).build();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (after.subscribe(withId) != 200 && System.nanoTime() < deadline) Thread.sleep(100);
      OperationStatus again = operation(after, "r1"); // resent by the agent, and acknowledged now
      assertEquals(OperationState.OPERATION_FINISHED, again.getState());
      assertEquals(unacked.getUpdateOperationStatus().getStatus().getUuid(), again.getUuid());
      after.send(after.call(Call.Type.RECONCILE_OPERATIONS).setReconcileOperations(
          Call.ReconcileOperations.getDefaultInstance()).build());
      after.expectNone(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS, Duration.ofMillis(500));
      before.close();
      after.close();
    }
  }

  @Test
  void removingAFrameworkEndsItsUnreachableTasksToo() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF);
      client.subscribe(framework("gone-soon"));
      String agent = SimFixture.launchReserved(client, "t1");
      sim.control("/sim/agents/" + agent + "/unreachable", null);
      taskState(client, "t1", TaskState.TASK_UNREACHABLE);
      client.send(client.call(Call.Type.TEARDOWN).build());
      sim.control("/sim/agents/" + agent + "/reconnect", null);
      JsonObject state = sim.state();
      assertEquals(0, state.getAsJsonArray("frameworks").size(), state.toString());
      JsonObject slave = state.getAsJsonArray("slaves").get(0).getAsJsonObject();
      assertEquals(0.0, slave.getAsJsonObject("used_resources").get("cpus").getAsDouble());
      assertTrue(slave.getAsJsonObject("reserved_resources").has(ROLE), "reservations outlive the framework");
      client.close();
    }
  }
}
