package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.RefusalSupport.acceptCall;
import static io.mooring.sim.e2e.RefusalSupport.assertMasterUpdate;
import static io.mooring.sim.e2e.RefusalSupport.assertNoOffers;
import static io.mooring.sim.e2e.RefusalSupport.firstUpdate;
import static io.mooring.sim.e2e.RefusalSupport.hasVolume;
import static io.mooring.sim.e2e.RefusalSupport.operation;
import static io.mooring.sim.e2e.RefusalSupport.small;
import static io.mooring.sim.e2e.SimFixture.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/** Tasks fail alone with TASK_ERROR, unknown KILLs reconcile, leftovers return by filter; DECLINE, SUPPRESS, REVIVE. */
class AcceptTaskAndFilterRefusalsTest extends OneAgentScheduler {
  private static final Duration QUIET = Duration.ofMillis(1500);

  @Test
  void killingAnUnknownTaskAnswersWithReconciliation() throws Exception {
    Offer offer = subscribe(framework("kill-unknown"));
    client.send(client.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("ghost"))).build());
    assertMasterUpdate(firstUpdate(client, "ghost"), TaskState.TASK_UNKNOWN, TaskStatus.Reason.REASON_RECONCILIATION,
        "Reconciliation");
    client.send(client.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("ghost-on-agent"))
        .setAgentId(offer.getAgentId())).build());
    TaskStatus gone = firstUpdate(client, "ghost-on-agent");
    assertMasterUpdate(gone, TaskState.TASK_GONE, TaskStatus.Reason.REASON_RECONCILIATION, "Reconciliation");
    assertEquals(offer.getAgentId(), gone.getAgentId());
  }

  // ---------------------------------------------------------------- tasks: TASK_ERROR one by one

  @Test
  void tasksFailAloneWithTaskErrorAndTaskInvalid() throws Exception {
    Offer offer = subscribe(framework("tasks"));
    TaskInfo tooBig = task("too-big", offer.getAgentId(), "sleep 1",
        List.of(scalar("cpus", 64), scalar("mem", 32)));
    TaskInfo fits = small("fits", offer);
    TaskInfo noResources = task("no-resources", offer.getAgentId(), "sleep 1", List.of());
    TaskInfo wrongAgent = task("wrong-agent", org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("elsewhere")
        .build(), "sleep 1", List.of(scalar("cpus", 0.1)));
    TaskInfo both = small("both", offer).toBuilder().setExecutor(ExecutorInfo.newBuilder()
        .setExecutorId(ExecutorID.newBuilder().setValue("e")).setCommand(fits.getCommand())).build();
    int mark = client.seen.size();
    acceptCall(client, accept(offer.getId(), 0, launch(tooBig, fits, noResources, wrongAgent, both)));
    assertMasterUpdate(firstUpdate(client, "too-big"), TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
        "more than available");
    assertMasterUpdate(firstUpdate(client, "no-resources"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "Task uses no resources");
    assertMasterUpdate(firstUpdate(client, "wrong-agent"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "elsewhere");
    assertMasterUpdate(firstUpdate(client, "both"), TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
        "CommandInfo or ExecutorInfo");
    RefusalSupport.taskState(client, "fits", TaskState.TASK_RUNNING);

    // the same task id again, while the first one runs
    Offer next = RefusalSupport.offerSince(client, mark, o -> true);
    acceptCall(client, accept(next, launch(small("fits", next))));
    assertMasterUpdate(firstUpdate(client, "fits"), TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
        "duplicate ID");
    JsonArray tasks = sim.state().getAsJsonArray("frameworks").get(0).getAsJsonObject().getAsJsonArray("tasks");
    assertEquals(1, tasks.size(), tasks.toString());
    assertEquals("TASK_RUNNING", tasks.get(0).getAsJsonObject().get("state").getAsString());
  }

  @Test
  void aLaunchWithAnOperationIdIsATaskError() throws Exception {
    Offer offer = subscribe(framework("launch-id"));
    Offer.Operation launchWithId = launch(small("with-id", offer)).toBuilder()
        .setId(OperationID.newBuilder().setValue("launch-op")).build();
    acceptCall(client, accept(offer.getId(), 0, launchWithId,
        reserve("after", List.of(reserved(scalar("cpus", 0.2), "a")))));
    assertMasterUpdate(firstUpdate(client, "with-id"), TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
        "The `id` field cannot be set on LAUNCH operations");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "after").getState());
    assertTrue(client.seen.stream().noneMatch(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals("launch-op")),
        "a LAUNCH never gets operation feedback");
  }

  @Test
  void aTaskGroupFailsAsAWhole() throws Exception {
    Offer offer = subscribe(framework("group"));
    ExecutorInfo noResources = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
        .setExecutorId(ExecutorID.newBuilder().setValue("group-executor")).build();
    acceptCall(client, accept(offer, Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(noResources)
            .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(small("group-a", offer))
                .addTasks(small("group-b", offer)))).build()));
    for (String id : List.of("group-a", "group-b")) {
      TaskStatus status = firstUpdate(client, id);
      assertEquals(TaskState.TASK_ERROR, status.getState(), status.toString());
      assertEquals(TaskStatus.Reason.REASON_TASK_GROUP_INVALID, status.getReason());
      assertEquals(TaskStatus.Source.SOURCE_MASTER, status.getSource());
    }
  }

  // ---------------------------------------------------------------- leftovers and filters

  @Test
  void speculativeLeftoversComeBackDespiteTheFilterAndTakeTheUntouchedAlong() throws Exception {
    Offer offer = subscribe(framework("leftovers"));
    Resource cpus = reserved(scalar("cpus", 0.5), "l");
    Resource mem = reserved(scalar("mem", 64), "l");
    Resource disk = reserved(scalar("disk", 10), "l");
    acceptCall(client, accept(offer.getId(), 3600, reserve("reserve-l", List.of(cpus, mem, disk)),
        create("create-l", List.of(volume(disk, "left", "data")))));
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-l").getState());
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-l").getState());

    // the converted resources are recovered without a filter: offered at the next allocation, 3600 s filter or not
    Offer back = offer(client, hasVolume("left"));
    assertTrue(back.getResourcesList().stream().anyMatch(r -> r.getName().equals("cpus")
        && r.getReservationsCount() == 1 && r.getScalar().getValue() == 0.5), back.toString());
    // the filter holds the untouched resources, but Mesos filters a candidate only if the refused set contains all
    // of it: with the reservations in it, the untouched resources are offered along
    assertEquals(3.5, unreservedRoot(back, "cpus").getScalar().getValue());

    // an ACCEPT that converts nothing leaves only untouched resources: those stay filtered
    int mark = client.seen.size();
    acceptCall(client, accept(back.getId(), 3600, launch(task("uses-reserved", back.getAgentId(), "sleep 3600",
        List.of(cpus, mem)))));
    RefusalSupport.taskState(client, "uses-reserved", TaskState.TASK_RUNNING);
    assertNoOffers(client, mark, QUIET);
    client.send(client.call(Call.Type.REVIVE).build());
    Offer revived = offer(client, o -> true);
    assertTrue(revived.getResourcesList().stream().anyMatch(r -> r.getDisk().getPersistence().getId().equals("left")));
  }

  @Test
  void declineFiltersTheAgentUntilRevive() throws Exception {
    Offer offer = subscribe(framework("decline"));
    // refuse_seconds 0: no filter, offered again at once
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())
        .setFilters(Filters.newBuilder().setRefuseSeconds(0))).build());
    Offer again = offer(client, o -> true);
    // a long filter: nothing from that agent
    int mark = client.seen.size();
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(again.getId())
        .setFilters(Filters.newBuilder().setRefuseSeconds(3600))).build());
    assertNoOffers(client, mark, QUIET);
    // REVIVE clears the filters
    client.send(client.call(Call.Type.REVIVE).build());
    Offer revived = offer(client, o -> true);
    assertEquals(offer.getAgentId(), revived.getAgentId());
    // the default filter (no Filters at all) is 5 s
    mark = client.seen.size();
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(revived.getId()))
        .build());
    assertNoOffers(client, mark, QUIET);
    // a negative refuse_seconds means the default, not "no filter"
    client.send(client.call(Call.Type.REVIVE).build());
    Offer revivedAgain = offer(client, o -> true);
    mark = client.seen.size();
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(revivedAgain.getId())
        .setFilters(Filters.newBuilder().setRefuseSeconds(-1))).build());
    assertNoOffers(client, mark, Duration.ofMillis(1000));
    // declining an unknown offer is ignored
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
        .addOfferIds(OfferID.newBuilder().setValue("no-such-offer"))).build());
  }

  @Test
  void suppressStopsOffersUntilRevive() throws Exception {
    Offer first = subscribe(framework("suppress"));
    // a SUPPRESS naming a role the framework does not have is dropped whole
    client.send(client.call(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addRoles("elsewhere")).build());
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(first.getId())
        .setFilters(Filters.newBuilder().setRefuseSeconds(0))).build());
    Offer offer = offer(client, o -> true);
    int mark = client.seen.size();
    client.send(client.call(Call.Type.SUPPRESS).build());
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())
        .setFilters(Filters.newBuilder().setRefuseSeconds(0))).build());
    assertNoOffers(client, mark, QUIET);
    // a REVIVE naming a role the framework does not have is dropped whole
    client.send(client.call(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles(ROLE).addRoles("elsewhere"))
        .build());
    assertNoOffers(client, mark, Duration.ofMillis(800));
    client.send(client.call(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles(ROLE)).build());
    offer(client, o -> true);
  }
}
