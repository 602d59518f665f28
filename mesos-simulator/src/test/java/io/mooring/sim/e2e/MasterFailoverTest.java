package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.SimFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Master failover and framework failover: what survives, what is forgotten, and how a scheduler finds its tasks. */
class MasterFailoverTest {
  @TempDir Path home;

  @Test
  void resubscribeAfterMasterFailoverAndReconcileTasksOnceTheAgentReregisters() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      SchedulerClient before = sim.client(MediaTypes.Encoding.PROTOBUF);
      before.subscribe(framework("failover"));
      String agentId = SimFixture.launchReserved(before, "t1");
      FrameworkInfo withId = framework("failover").toBuilder().setId(before.frameworkId).build();
      String oldMaster = before.seen.get(0).getSubscribed().getMasterInfo().getId();

      assertEquals(200, sim.control("/sim/master/failover", "{\"recovery_ms\":500,\"reregister_ms\":1500}").statusCode());
      before.await(before::closed, WAIT);
      SchedulerClient after = sim.client(MediaTypes.Encoding.JSON);
      assertEquals(503, after.subscribe(withId), "503 until the new master has recovered");
      long deadline = System.nanoTime() + WAIT.toNanos();
      int status;
      while ((status = after.subscribe(withId)) == 503 && System.nanoTime() < deadline) Thread.sleep(100);
      assertEquals(200, status);
      Event subscribed = after.seen.get(0);
      assertEquals(before.frameworkId, subscribed.getSubscribed().getFrameworkId());
      assertNotEquals(oldMaster, subscribed.getSubscribed().getMasterInfo().getId());

      Call reconcile = after.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
          .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
              .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(agentId)))).build();
      after.send(reconcile);
      after.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(500)); // agent not re-registered yet

      Thread.sleep(1500);
      after.send(reconcile);
      TaskStatus status1 = after.await(e -> e.getType() == Event.Type.UPDATE, WAIT).getUpdate().getStatus();
      assertEquals(TaskState.TASK_RUNNING, status1.getState());
      assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, status1.getReason());
      assertFalse(status1.hasUuid(), "reconciliation updates are never acknowledged");

      after.send(after.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()).build());
      TaskStatus implicit = after.await(e -> e.getType() == Event.Type.UPDATE, WAIT).getUpdate().getStatus();
      assertEquals("t1", implicit.getTaskId().getValue());
      JsonObject framework = sim.state().getAsJsonArray("frameworks").get(0).getAsJsonObject();
      assertTrue(framework.get("connected").getAsBoolean());
      assertEquals("TASK_RUNNING", framework.getAsJsonArray("tasks").get(0).getAsJsonObject().get("state").getAsString());
      before.close();
      after.close();
    }
  }

  @Test
  void zeroFailoverTimeoutTearsDownOnDisconnectButReservationsSurvive() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual")) {
      SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF);
      client.subscribe(framework("short-lived").toBuilder().setFailoverTimeout(0).build());
      SimFixture.launchReserved(client, "t1");
      String frameworkId = client.frameworkId.getValue();
      client.close();
      long deadline = System.nanoTime() + WAIT.toNanos();
      JsonObject state = sim.state();
      while (state.getAsJsonArray("completed_frameworks").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        state = sim.state();
      }
      assertEquals(frameworkId, state.getAsJsonArray("completed_frameworks").get(0).getAsJsonObject().get("id").getAsString());
      assertEquals(0, state.getAsJsonArray("frameworks").size());
      JsonObject slave = state.getAsJsonArray("slaves").get(0).getAsJsonObject();
      assertEquals(1.0, slave.getAsJsonObject("reserved_resources").getAsJsonObject(ROLE).get("cpus").getAsDouble());
      assertEquals(0.0, slave.getAsJsonObject("used_resources").get("cpus").getAsDouble());

      SchedulerClient again = sim.client(MediaTypes.Encoding.PROTOBUF);
      again.subscribe(framework("short-lived").toBuilder()
          .setId(org.apache.mesos.v1.Protos.FrameworkID.newBuilder().setValue(frameworkId)).build());
      assertEquals("Framework has been removed", again.seen.get(0).getError().getMessage());
      assertTrue(again.closed(again.next(WAIT)), "the stream ends after the ERROR");
      again.close();
    }
  }
}
