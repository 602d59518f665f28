package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.RefusalSupport.claim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.mesos.MediaTypes;
import io.mooring.sim.agent.AgentHost;
import io.mooring.sim.agent.Container;
import io.mooring.sim.agent.ContainerLaunch;
import io.mooring.sim.agent.TaskListener;
import io.mooring.sim.agent.TaskRunner;
import io.mooring.sim.agent.VirtualRunner;
import io.mooring.sim.config.SimConfig;
import io.mooring.sim.http.SimHttpServer;
import io.mooring.sim.master.Master;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACCEPT is answered before its agent applies the operations, as Mesos answers once the call is validated, and the
 * calls a scheduler sends after the answer see what the ACCEPT did, as Mesos' single master actor processes calls in
 * order. An agent whose containers start only when the test says so holds the ACCEPT in the middle of its LAUNCH.
 */
class AcceptOrderingTest {
  @TempDir Path home;
  private final HeldRunner runner = new HeldRunner();
  private Master master;
  private SimHttpServer http;
  private SchedulerClient client;
  private Offer offer;

  @BeforeEach
  void start() throws Exception {
    SimConfig config = SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(1, "virtual"))
        .withTimings(Duration.ofMillis(100), SimFixture.HEARTBEAT, Duration.ofSeconds(75));
    master = new Master(config, spec -> new AgentHost(home.resolve(spec.name()).resolve("work"),
        home.resolve(spec.name()).resolve("disks"), runner, false));
    http = new SimHttpServer(master, config.host(), 0);
    http.start();
    master.start();
    client = new SchedulerClient("http://" + config.host() + ":" + http.port(), MediaTypes.Encoding.PROTOBUF);
    client.subscribe(framework("ordering"));
    offer = SimFixture.offer(client, o -> true);
  }

  @AfterEach
  void stop() throws Exception {
    runner.release();
    client.close();
    http.close();
    master.close();
  }

  @Test
  void anAcceptIsAnsweredWhileItsAgentIsStillLaunching() throws Exception {
    CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> send(reserveCreateLaunch()));
    answered.get(5, TimeUnit.SECONDS);
    assertTrue(runner.launching.await(5, TimeUnit.SECONDS), "the agent got to the LAUNCH");
  }

  @Test
  void callsSentAfterTheAnswerSeeWhatTheAcceptDid() throws Exception {
    send(reserveCreateLaunch());
    CompletableFuture<Void> reconciled = CompletableFuture.runAsync(() -> {
      send(client.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
          .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
              .setAgentId(offer.getAgentId()))).build());
      send(client.call(Call.Type.RECONCILE_OPERATIONS).setReconcileOperations(Call.ReconcileOperations.newBuilder()
          .addOperations(Call.ReconcileOperations.Operation.newBuilder()
              .setOperationId(OperationID.newBuilder().setValue("c1")).setAgentId(offer.getAgentId()))).build());
    });
    assertTrue(runner.launching.await(5, TimeUnit.SECONDS), "the agent got to the LAUNCH");
    Thread.sleep(300); // the reconciliations queue up behind the ACCEPT
    runner.release();
    reconciled.get(10, TimeUnit.SECONDS);

    TaskStatus task = claim(client, e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
    assertTrue(Set.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING)
        .contains(task.getState()), "the master knows the task: " + task);
    OperationStatus created = claim(client, e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && !e.getUpdateOperationStatus().getStatus().hasUuid()).getUpdateOperationStatus().getStatus();
    assertEquals(OperationState.OPERATION_FINISHED, created.getState(), created.toString());
    assertEquals("c1", created.getOperationId().getValue());
  }

  /** RESERVE, CREATE and a task on them; operations with ids, as Mooring sends them. */
  private Call reserveCreateLaunch() {
    Resource cpus = reserved(scalar("cpus", 1), "t1");
    Resource disk = reserved(scalar("disk", 10), "t1");
    Resource volume = volume(disk, "t1-data", "data");
    return client.call(Call.Type.ACCEPT).setAccept(Mesos.accept(offer, reserve("r1", List.of(cpus, disk)),
        create("c1", List.of(volume)), launch(task("t1", offer.getAgentId(), "sleep 3600", List.of(cpus, volume)))))
        .build();
  }

  private void send(Call call) {
    try {
      client.send(call);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Virtual containers that start only once released: the agent is slow to launch. */
  private static final class HeldRunner implements TaskRunner {
    final CountDownLatch launching = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final VirtualRunner virtual = new VirtualRunner();

    @Override
    public Container start(ContainerLaunch launch, TaskListener listener) {
      launching.countDown();
      try {
        if (!released.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return virtual.start(launch, listener);
    }

    void release() {
      released.countDown();
    }
  }
}
