package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.RefusalSupport.assertMasterUpdate;
import static io.mooring.sim.e2e.RefusalSupport.claim;
import static io.mooring.sim.e2e.RefusalSupport.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.mesos.MediaTypes;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
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
import org.junit.jupiter.api.Test;

/**
 * RECONCILE naming tasks and RECONCILE_OPERATIONS naming operations, as master.cpp answers them: by what the master
 * knows of the task or operation, else by what it knows of the agent named. What a scheduler uses to learn whether
 * an ACCEPT whose answer it lost happened.
 */
class ExplicitReconciliationTest extends OneAgentScheduler {
  private static final AgentID UNKNOWN_AGENT = AgentID.newBuilder().setValue("no-such-agent").build();

  @Test
  void aTaskTheMasterDoesNotKnowIsGoneFromARegisteredAgentAndUnknownElsewhere() throws Exception {
    Offer offer = subscribe(framework("reconcile"));
    reconcile("ghost", offer.getAgentId());
    TaskStatus gone = reconciled("ghost");
    assertMasterUpdate(gone, TaskState.TASK_GONE, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Task is unknown to the agent");
    assertEquals(offer.getAgentId(), gone.getAgentId());
    reconcile("ghost-elsewhere", UNKNOWN_AGENT);
    assertMasterUpdate(reconciled("ghost-elsewhere"), TaskState.TASK_UNKNOWN, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Task is unknown");
    reconcile("ghost-anywhere", null);
    assertMasterUpdate(reconciled("ghost-anywhere"), TaskState.TASK_UNKNOWN, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Task is unknown");
  }

  /**
   * An ACCEPT lost on its way: answered 202, nothing happens, the master knows nothing of its task, and its offer's
   * resources are offered again, untouched, once the declined offer's filter passes.
   */
  @Test
  void aDroppedAcceptLaunchesNothingAndItsTaskIsGone() throws Exception {
    Offer offer = subscribe(framework("reconcile"));
    assertEquals(200, sim.control("/sim/master/drop-next-accept", null).statusCode());
    Resource cpus = scalar("cpus", 1);
    client.send(client.call(Call.Type.ACCEPT).setAccept(accept(offer,
        launch(task("lost", offer.getAgentId(), "sleep 3600", List.of(cpus))))).build());

    reconcile("lost", offer.getAgentId());
    assertMasterUpdate(reconciled("lost"), TaskState.TASK_GONE, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Task is unknown to the agent");
    Offer again = SimFixture.offer(client, o -> o.getAgentId().equals(offer.getAgentId()));
    assertEquals(java.util.Set.copyOf(offer.getResourcesList()), java.util.Set.copyOf(again.getResourcesList()));
  }

  @Test
  void aKnownTaskIsAnsweredWithItsLatestStateWhicheverAgentIsNamed() throws Exception {
    subscribeAndLaunch("t1");
    reconcile("t1", UNKNOWN_AGENT);
    assertMasterUpdate(reconciled("t1"), TaskState.TASK_RUNNING, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Latest task state");
  }

  @Test
  void aTaskOnAnUnreachableAgentIsUnreachableWhenItsAgentIsNamed() throws Exception {
    String agent = subscribeAndLaunch("t1");
    assertEquals(200, sim.control("/sim/agents/" + agent + "/unreachable", null).statusCode());
    SimFixture.taskState(client, "t1", TaskState.TASK_UNREACHABLE);
    AgentID agentId = AgentID.newBuilder().setValue(agent).build();

    reconcile("t1", agentId);
    TaskStatus unreachable = reconciled("t1");
    assertMasterUpdate(unreachable, TaskState.TASK_UNREACHABLE, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Task is unreachable");
    assertTrue(unreachable.hasUnreachableTime());
    reconcile("ghost", agentId);
    assertEquals(TaskState.TASK_UNREACHABLE, reconciled("ghost").getState());
    reconcile("t1", null); // Mesos looks only at active tasks, then at the agent named
    assertEquals(TaskState.TASK_UNKNOWN, reconciled("t1").getState());
  }

  @Test
  void aTaskOnAGoneAgentIsGoneByOperator() throws Exception {
    String agent = subscribeAndLaunch("t1");
    assertEquals(200, sim.control("/sim/agents/" + agent + "/gone", null).statusCode());
    SimFixture.taskState(client, "t1", TaskState.TASK_GONE_BY_OPERATOR);
    reconcile("t1", AgentID.newBuilder().setValue(agent).build());
    assertMasterUpdate(reconciled("t1"), TaskState.TASK_GONE_BY_OPERATOR, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation: Task is gone");
  }

  @Test
  void withoutPartitionAwarenessAnUnknownTaskIsLost() throws Exception {
    Offer offer = subscribe(without(framework("reconcile"), FrameworkInfo.Capability.Type.PARTITION_AWARE));
    reconcile("ghost", offer.getAgentId());
    assertEquals(TaskState.TASK_LOST, reconciled("ghost").getState());
    reconcile("ghost-anywhere", null);
    assertEquals(TaskState.TASK_LOST, reconciled("ghost-anywhere").getState());
  }

  @Test
  void anOperationAwaitingItsAcknowledgementIsAnsweredWithoutUuidThenForgotten() throws Exception {
    Offer offer = subscribe(framework("reconcile"));
    client.send(client.call(Call.Type.ACCEPT).setAccept(Mesos.accept(offer,
        reserve("r1", List.of(reserved(scalar("cpus", 1), "x"))))).build());
    OperationStatus finished = claim(client, e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS)
        .getUpdateOperationStatus().getStatus();
    assertTrue(finished.hasUuid());

    reconcileOperation("r1", offer.getAgentId());
    OperationStatus explicit = reconciledOperation("r1");
    assertEquals(OperationState.OPERATION_FINISHED, explicit.getState());
    assertEquals(offer.getAgentId(), explicit.getAgentId());
    client.send(client.call(Call.Type.RECONCILE_OPERATIONS)
        .setReconcileOperations(Call.ReconcileOperations.getDefaultInstance()).build());
    assertEquals(OperationState.OPERATION_FINISHED, reconciledOperation("r1").getState());

    SimFixture.acknowledge(client, finished);
    reconcileOperation("r1", offer.getAgentId());
    OperationStatus forgotten = reconciledOperation("r1");
    assertEquals(OperationState.OPERATION_UNKNOWN, forgotten.getState());
    assertEquals("Reconciliation: Operation is unknown", forgotten.getMessage());
  }

  @Test
  void anUnknownOperationIsAnsweredByWhatTheMasterKnowsOfItsAgent() throws Exception {
    Offer offer = subscribe(framework("reconcile"));
    String agent = offer.getAgentId().getValue();
    reconcileOperation("x1", UNKNOWN_AGENT);
    assertOperation(reconciledOperation("x1"), OperationState.OPERATION_UNKNOWN,
        "Reconciliation: Both operation and agent are unknown");
    reconcileOperation("x2", null);
    OperationStatus anywhere = reconciledOperation("x2");
    assertEquals(OperationState.OPERATION_UNKNOWN, anywhere.getState());
    assertFalse(anywhere.hasAgentId());

    sim.control("/sim/agents/" + agent + "/unreachable", null);
    reconcileOperation("x3", offer.getAgentId());
    assertOperation(reconciledOperation("x3"), OperationState.OPERATION_UNREACHABLE,
        "Reconciliation: Agent is unreachable");
    sim.control("/sim/agents/" + agent + "/gone", null);
    reconcileOperation("x4", offer.getAgentId());
    assertOperation(reconciledOperation("x4"), OperationState.OPERATION_GONE_BY_OPERATOR,
        "Reconciliation: Agent marked gone by operator");
  }

  /** Subscribes and runs the task on reserved resources; returns its agent id. */
  private String subscribeAndLaunch(String taskId) throws Exception {
    client = sim.client(MediaTypes.Encoding.PROTOBUF);
    client.subscribe(framework("reconcile"));
    return SimFixture.launchReserved(client, taskId);
  }

  private void reconcile(String taskId, AgentID agentId) throws Exception {
    Call.Reconcile.Task.Builder task = Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
    if (agentId != null) task.setAgentId(agentId);
    client.send(client.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder().addTasks(task)).build());
  }

  private TaskStatus reconciled(String taskId) throws Exception {
    return claim(client, e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION)
        .getUpdate().getStatus();
  }

  private void reconcileOperation(String operationId, AgentID agentId) throws Exception {
    Call.ReconcileOperations.Operation.Builder op = Call.ReconcileOperations.Operation.newBuilder()
        .setOperationId(OperationID.newBuilder().setValue(operationId));
    if (agentId != null) op.setAgentId(agentId);
    client.send(client.call(Call.Type.RECONCILE_OPERATIONS)
        .setReconcileOperations(Call.ReconcileOperations.newBuilder().addOperations(op)).build());
  }

  /** A reconciliation answer: never acknowledged, so it carries no uuid. */
  private OperationStatus reconciledOperation(String operationId) throws Exception {
    return claim(client, e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(operationId)
        && !e.getUpdateOperationStatus().getStatus().hasUuid()).getUpdateOperationStatus().getStatus();
  }

  private static void assertOperation(OperationStatus status, OperationState state, String message) {
    assertEquals(state, status.getState(), status.toString());
    assertEquals(message, status.getMessage());
    assertTrue(status.hasAgentId(), "the agent named is echoed");
  }
}
