package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.RefusalSupport.acceptCall;
import static io.mooring.sim.e2e.RefusalSupport.agentState;
import static io.mooring.sim.e2e.RefusalSupport.assertDropped;
import static io.mooring.sim.e2e.RefusalSupport.assertMasterUpdate;
import static io.mooring.sim.e2e.RefusalSupport.firstUpdate;
import static io.mooring.sim.e2e.RefusalSupport.operation;
import static io.mooring.sim.e2e.RefusalSupport.small;
import static io.mooring.sim.e2e.SimFixture.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.mesos.MediaTypes;
import java.nio.file.Path;
import java.util.List;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ACCEPT whose offer set is invalid fails whole: its tasks dropped or lost, its operations OPERATION_ERROR. */
class AcceptOfferSetRefusalsTest extends OneAgentScheduler {
  // ---------------------------------------------------------------- Step A: the offer set

  @Test
  void aUsedOfferIdDropsThePartitionAwareFrameworksTasksAndErrorsItsOperations() throws Exception {
    Offer offer = subscribe(framework("stale"));
    acceptCall(client, accept(offer, launch(small("first", offer))));
    assertEquals(TaskState.TASK_STARTING, firstUpdate(client, "first").getState());

    Resource cpus = reserved(scalar("cpus", 0.1), "stale");
    acceptCall(client, accept(offer, reserve("reserve-stale", List.of(cpus)), launch(small("second", offer))));
    assertMasterUpdate(firstUpdate(client, "second"), TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: Offer " + offer.getId().getValue() + " is no longer valid");
    OperationStatus op = operation(client, "reserve-stale");
    assertDropped(op, "Operation attempted with invalid offers");
    assertEquals(OperationID.newBuilder().setValue("reserve-stale").build(), op.getOperationId());
    assertEquals(0, agentState(sim).getAsJsonObject("reserved_resources_full").size(), "nothing was reserved");
  }

  @Test
  void aFrameworkThatIsNotPartitionAwareLosesTheTasksInstead() throws Exception {
    Offer offer = subscribe(RefusalSupport.without(framework("lost"), FrameworkInfo.Capability.Type.PARTITION_AWARE));
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())).build());
    acceptCall(client, accept(offer, launch(small("t", offer))));
    assertMasterUpdate(firstUpdate(client, "t"), TaskState.TASK_LOST, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "is no longer valid");
  }

  @Test
  void duplicateOfferIdsInvalidateTheCallAndDiscardTheOfferWithoutFilter() throws Exception {
    Offer offer = subscribe(framework("duplicate"));
    acceptCall(client, Call.Accept.newBuilder().addOfferIds(offer.getId()).addOfferIds(offer.getId())
        .addOperations(create("create-dup", List.of(volume(reserved(scalar("disk", 10), "d"), "dup", "data"))))
        .addOperations(launch(small("dup-task", offer))).setFilters(Filters.newBuilder().setRefuseSeconds(3600))
        .build());
    assertMasterUpdate(firstUpdate(client, "dup-task"), TaskState.TASK_DROPPED,
        TaskStatus.Reason.REASON_INVALID_OFFERS, "Duplicate offer " + offer.getId().getValue() + " in offer list");
    assertDropped(operation(client, "create-dup"), "Duplicate offer");
    // the offer is discarded with no filter (the call's filter is ignored): its resources come straight back
    Offer again = offer(client, o -> true);
    assertNotEquals(offer.getId(), again.getId());
    assertEquals(offer.getResourcesCount(), again.getResourcesCount());
  }

  @Test
  void anEmptyOfferListInvalidatesTheCall() throws Exception {
    Offer offer = subscribe(framework("empty"));
    acceptCall(client, Call.Accept.newBuilder()
        .addOperations(reserve("reserve-none", List.of(reserved(scalar("cpus", 1), "e"))))
        .addOperations(launch(small("no-offer", offer))).build());
    assertMasterUpdate(firstUpdate(client, "no-offer"), TaskState.TASK_DROPPED,
        TaskStatus.Reason.REASON_INVALID_OFFERS, "No offers specified");
    assertDropped(operation(client, "reserve-none"), "No offers specified");
    // the outstanding offer was not part of the call and is still valid
    acceptCall(client, accept(offer, launch(small("with-offer", offer))));
    assertEquals(TaskState.TASK_STARTING, firstUpdate(client, "with-offer").getState());
  }

  @Test
  void anotherFrameworksOfferIsRefusedAndDiscardedWithoutRescind() throws Exception {
    Offer offer = subscribe(framework("owner"));
    try (SchedulerClient thief = sim.client(MediaTypes.Encoding.JSON)) {
      assertEquals(200, thief.subscribe(framework("thief")));
      thief.send(thief.call(Call.Type.ACCEPT).setAccept(accept(offer, launch(small("stolen", offer)))).build());
      assertMasterUpdate(firstUpdate(thief, "stolen"), TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
          "Offer " + offer.getId().getValue() + " has invalid framework " + client.frameworkId.getValue()
              + " while framework " + thief.frameworkId.getValue() + " is expected");
    }
    // Mesos discards every outstanding offer an invalid ACCEPT names, whoever holds it, and tells its owner nothing
    acceptCall(client, accept(offer, launch(small("own", offer))));
    assertMasterUpdate(firstUpdate(client, "own"), TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "is no longer valid");
    assertTrue(client.seen.stream().noneMatch(e -> e.getType() == Event.Type.RESCIND), client.seen.toString());
  }

  @Test
  void offersFromTwoAgentsCannotBeAggregated(@TempDir Path other) throws Exception {
    sim.close();
    sim = new SimFixture(other, 2, "virtual");
    client = sim.client(MediaTypes.Encoding.JSON);
    assertEquals(200, client.subscribe(framework("two-agents")));
    Offer a = offer(client, o -> true);
    Offer b = RefusalSupport.offerSince(client, 0, o -> !o.getAgentId().equals(a.getAgentId()));
    acceptCall(client, Call.Accept.newBuilder().addOfferIds(a.getId()).addOfferIds(b.getId())
        .addOperations(launch(small("across", a))).build());
    assertMasterUpdate(firstUpdate(client, "across"), TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "Aggregated offers must belong to one single agent");
  }
}
