package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.RefusalSupport.assertContains;
import static io.mooring.sim.e2e.RefusalSupport.assertNoOffers;
import static io.mooring.sim.e2e.RefusalSupport.firstUpdate;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.RefusalSupport.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACCEPT, DECLINE, REVIVE and SUPPRESS as the Mesos 1.11 master handles them: offer-set errors invalidate the whole
 * call (TASK_DROPPED or TASK_LOST with REASON_INVALID_OFFERS, OPERATION_ERROR without uuid), each operation is then
 * validated and applied in order and dropped alone when invalid, tasks fail one by one with TASK_ERROR, and
 * leftovers return with or without the call's filter.
 */
class AcceptRefusalsTest {
  private static final Duration QUIET = Duration.ofMillis(1500);

  @TempDir Path home;
  SimFixture sim;
  SchedulerClient client;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(home, 1, "virtual");
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) client.close();
    sim.close();
  }

  private Offer subscribe(FrameworkInfo info) throws Exception {
    client = sim.client(MediaTypes.Encoding.PROTOBUF);
    assertEquals(200, client.subscribe(info));
    return offer(client, o -> true);
  }

  private void acceptCall(Call.Accept accept) throws Exception {
    client.send(client.call(Call.Type.ACCEPT).setAccept(accept).build());
  }

  private static TaskInfo small(String id, Offer offer) {
    return task(id, offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), scalar("mem", 32)));
  }

  private static Predicate<Offer> hasVolume(String persistenceId) {
    return o -> o.getResourcesList().stream()
        .anyMatch(r -> r.getDisk().getPersistence().getId().equals(persistenceId));
  }

  private static void assertMasterUpdate(TaskStatus status, TaskState state, TaskStatus.Reason reason, String fragment) {
    assertEquals(state, status.getState(), status.toString());
    assertEquals(reason, status.getReason(), status.toString());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, status.getSource());
    assertFalse(status.hasUuid(), "master-generated updates carry no uuid");
    assertContains(status.getMessage(), fragment);
  }

  private static void assertDropped(OperationStatus status, String fragment) {
    assertEquals(OperationState.OPERATION_ERROR, status.getState(), status.toString());
    assertFalse(status.hasUuid(), "the master's drop() sends no uuid");
    assertFalse(status.hasAgentId(), "the master's drop() sends no agent id");
    assertContains(status.getMessage(), fragment);
  }

  private JsonObject agentState() throws Exception {
    return sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
  }

  // ---------------------------------------------------------------- Step A: the offer set

  @Test
  void aUsedOfferIdDropsThePartitionAwareFrameworksTasksAndErrorsItsOperations() throws Exception {
    Offer offer = subscribe(framework("stale"));
    acceptCall(accept(offer, launch(small("first", offer))));
    assertEquals(TaskState.TASK_STARTING, firstUpdate(client, "first").getState());

    Resource cpus = reserved(scalar("cpus", 0.1), "stale");
    acceptCall(accept(offer, reserve("reserve-stale", List.of(cpus)), launch(small("second", offer))));
    assertMasterUpdate(firstUpdate(client, "second"), TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: Offer " + offer.getId().getValue() + " is no longer valid");
    OperationStatus op = operation(client, "reserve-stale");
    assertDropped(op, "Operation attempted with invalid offers");
    assertEquals(OperationID.newBuilder().setValue("reserve-stale").build(), op.getOperationId());
    assertEquals(0, agentState().getAsJsonObject("reserved_resources_full").size(), "nothing was reserved");
  }

  @Test
  void aFrameworkThatIsNotPartitionAwareLosesTheTasksInstead() throws Exception {
    Offer offer = subscribe(RefusalSupport.without(framework("lost"), FrameworkInfo.Capability.Type.PARTITION_AWARE));
    client.send(client.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(offer.getId())).build());
    acceptCall(accept(offer, launch(small("t", offer))));
    assertMasterUpdate(firstUpdate(client, "t"), TaskState.TASK_LOST, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "is no longer valid");
  }

  @Test
  void duplicateOfferIdsInvalidateTheCallAndDiscardTheOfferWithoutFilter() throws Exception {
    Offer offer = subscribe(framework("duplicate"));
    acceptCall(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOfferIds(offer.getId())
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
    acceptCall(Call.Accept.newBuilder().addOperations(reserve("reserve-none", List.of(reserved(scalar("cpus", 1), "e"))))
        .addOperations(launch(small("no-offer", offer))).build());
    assertMasterUpdate(firstUpdate(client, "no-offer"), TaskState.TASK_DROPPED,
        TaskStatus.Reason.REASON_INVALID_OFFERS, "No offers specified");
    assertDropped(operation(client, "reserve-none"), "No offers specified");
    // the outstanding offer was not part of the call and is still valid
    acceptCall(accept(offer, launch(small("with-offer", offer))));
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
    acceptCall(accept(offer, launch(small("own", offer))));
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
    acceptCall(Call.Accept.newBuilder().addOfferIds(a.getId()).addOfferIds(b.getId())
        .addOperations(launch(small("across", a))).build());
    assertMasterUpdate(firstUpdate(client, "across"), TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS,
        "Aggregated offers must belong to one single agent");
  }

  // ---------------------------------------------------------------- Steps B and C: each operation alone

  @Test
  void createAndDestroyRefusals() throws Exception {
    Offer offer = subscribe(framework("create-rules"));
    Resource disk = reserved(scalar("disk", 10), "c");
    Resource mount = reserved(mountDisk(offer, "/mnt/ssd-0"), "c");
    Resource halfMount = mount.toBuilder().setScalar(mount.getScalar().toBuilder().setValue(2048)).build();
    Resource readOnly = volume(disk, "read-only", "data").toBuilder().setDisk(volume(disk, "read-only", "data")
        .getDisk().toBuilder().setVolume(org.apache.mesos.v1.Protos.Volume.newBuilder().setContainerPath("data")
            .setMode(org.apache.mesos.v1.Protos.Volume.Mode.RO))).build();
    Resource shared = volume(disk, "shared", "data").toBuilder()
        .setShared(Resource.SharedInfo.getDefaultInstance()).build();
    Resource otherPrincipal = volume(disk, "other-principal", "data").toBuilder().setDisk(volume(disk,
        "other-principal", "data").getDisk().toBuilder().setPersistence(Resource.DiskInfo.Persistence.newBuilder()
        .setId("other-principal").setPrincipal("intruder"))).build();
    acceptCall(accept(offer.getId(), 0,
        create("create-unreserved", List.of(volume(scalar("disk", 10), "nowhere", "data"))),
        create("create-unknown-reservation", List.of(volume(reserved(scalar("disk", 10), "never-reserved"), "u", "d"))),
        reserve("reserve-c", List.of(disk, mount)),
        create("create-read-only", List.of(readOnly)),
        create("create-shared", List.of(shared)),
        create("create-other-principal", List.of(otherPrincipal)),
        create("create-half-mount", List.of(volume(halfMount, "half", "data"))),
        destroy("destroy-unknown", List.of(volume(disk, "never-created", "data"))),
        create("create-whole-mount", List.of(volume(mount, "whole", "data")))));
    assertDropped(operation(client, "create-unreserved"),
        "Persistent volumes cannot be created from unreserved resources");
    assertDropped(operation(client, "create-unknown-reservation"), "does not contain");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-c").getState());
    assertDropped(operation(client, "create-read-only"), "Read-only persistent volume not supported");
    assertDropped(operation(client, "create-shared"), "SHARED_RESOURCES");
    assertDropped(operation(client, "create-other-principal"), "intruder");
    assertDropped(operation(client, "create-half-mount"), "does not contain");
    assertDropped(operation(client, "destroy-unknown"), "Persistent volumes not found");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-whole-mount").getState());

    JsonArray reserved = agentState().getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE);
    List<String> ids = reserved.asList().stream().filter(r -> r.getAsJsonObject().has("disk")
            && r.getAsJsonObject().getAsJsonObject("disk").has("persistence"))
        .map(r -> r.getAsJsonObject().getAsJsonObject("disk").getAsJsonObject("persistence").get("id").getAsString())
        .toList();
    assertEquals(List.of("whole"), ids, reserved.toString());
  }

  @Test
  void aVolumeCannotBeUnreservedAndItsPersistenceIdCannotBeReused() throws Exception {
    Offer offer = subscribe(framework("volume-rules"));
    Resource disk = reserved(scalar("disk", 10), "v");
    Resource vol = volume(disk, "vol-1", "data");
    acceptCall(accept(offer.getId(), 0, reserve("reserve-1", List.of(disk)), create("create-1", List.of(vol))));
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-1").getState());
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-1").getState());

    Offer withVolume = offer(client, hasVolume("vol-1"));
    Resource otherDisk = reserved(scalar("disk", 20), "w");
    Resource sameId = volume(otherDisk, "vol-1", "other");
    Resource otherLabels = reserved(scalar("disk", 10), "not-v");
    acceptCall(accept(withVolume.getId(), 0, unreserve("unreserve-volume", List.of(vol)),
        unreserve("unreserve-other-labels", List.of(otherLabels)),
        reserve("reserve-2", List.of(otherDisk)), create("create-again", List.of(sameId))));
    assertDropped(operation(client, "unreserve-volume"), "cannot be unreserved directly");
    assertDropped(operation(client, "unreserve-other-labels"), "does not contain");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-2").getState(),
        "a dropped operation does not stop the next ones");
    assertDropped(operation(client, "create-again"), "Persistence ID 'vol-1' is not unique");

    JsonArray reserved = agentState().getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE);
    long volumes = reserved.asList().stream()
        .filter(r -> r.getAsJsonObject().has("disk") && r.getAsJsonObject().getAsJsonObject("disk").has("persistence"))
        .count();
    assertEquals(1, volumes, "the volume is still there, and only once: " + reserved);
  }

  @Test
  void aMountDiskCannotBeSplitButCanBeReservedWhole() throws Exception {
    Offer offer = subscribe(framework("mount"));
    Resource mount = mountDisk(offer, "/mnt/ssd-0");
    assertEquals(4096, mount.getScalar().getValue());
    Resource half = reserved(mount.toBuilder().setScalar(mount.getScalar().toBuilder().setValue(2048)).build(), "m");
    Resource whole = reserved(mount, "m");
    acceptCall(accept(offer.getId(), 0, reserve("reserve-half", List.of(half)), reserve("reserve-whole", List.of(whole))));
    assertDropped(operation(client, "reserve-half"), "does not contain");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-whole").getState());
    JsonArray reserved = agentState().getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE);
    assertEquals(1, reserved.size(), reserved.toString());
    assertEquals(4096, reserved.get(0).getAsJsonObject().getAsJsonObject("scalar").get("value").getAsDouble());
  }

  @Test
  void reserveRefusals() throws Exception {
    Offer offer = subscribe(framework("reserve-rules"));
    Resource cpus = scalar("cpus", 0.5);
    Resource.ReservationInfo dynamic = Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(ROLE).setPrincipal(PRINCIPAL).build();
    Resource otherPrincipal = cpus.toBuilder().addReservations(dynamic.toBuilder().setPrincipal("intruder")).build();
    Resource noPrincipal = cpus.toBuilder().addReservations(dynamic.toBuilder().clearPrincipal()).build();
    Resource otherRole = cpus.toBuilder().addReservations(dynamic.toBuilder().setRole("elsewhere")).build();
    Resource statically = cpus.toBuilder().addReservations(dynamic.toBuilder()
        .setType(Resource.ReservationInfo.Type.STATIC).clearPrincipal()).build();
    Resource unreserved = cpus;
    Resource tooMuch = cpus.toBuilder().setScalar(cpus.getScalar().toBuilder().setValue(64))
        .addReservations(dynamic).build();
    acceptCall(accept(offer.getId(), 0,
        reserve("other-principal", List.of(otherPrincipal)),
        reserve("no-principal", List.of(noPrincipal)),
        reserve("other-role", List.of(otherRole)),
        reserve("static", List.of(statically)),
        reserve("unreserved", List.of(unreserved)),
        reserve("too-much", List.of(tooMuch)),
        reserve("fine", List.of(cpus.toBuilder().addReservations(dynamic).build()))));
    assertDropped(operation(client, "other-principal"), "intruder");
    assertDropped(operation(client, "no-principal"), "there is a reserved resource in the request with no principal set");
    assertDropped(operation(client, "other-role"), "elsewhere");
    assertDropped(operation(client, "static"), "dynamically reserved");
    assertDropped(operation(client, "unreserved"), "dynamically reserved");
    assertDropped(operation(client, "too-much"), "does not contain");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "fine").getState());
    JsonObject reserved = agentState().getAsJsonObject("reserved_resources").getAsJsonObject(ROLE);
    assertEquals(0.5, reserved.get("cpus").getAsDouble(), reserved.toString());
  }

  @Test
  void invalidResourcesDropTheirOperationOnly() throws Exception {
    Offer offer = subscribe(framework("invalid-resources"));
    Resource negative = reserved(scalar("cpus", -1), "i");
    Resource diskInfoOnCpus = reserved(scalar("cpus", 0.1).toBuilder()
        .setDisk(Resource.DiskInfo.newBuilder().setVolume(org.apache.mesos.v1.Protos.Volume.newBuilder()
            .setContainerPath("x").setMode(org.apache.mesos.v1.Protos.Volume.Mode.RW))).build(), "i");
    Resource toStar = scalar("cpus", 0.1).toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("*").setPrincipal(PRINCIPAL)).build();
    TaskInfo invertedPorts = task("inverted-ports", offer.getAgentId(), "sleep 1",
        List.of(scalar("cpus", 0.1), ports(31010, 31000)));
    TaskInfo negativeMem = task("negative-mem", offer.getAgentId(), "sleep 1",
        List.of(scalar("cpus", 0.1), scalar("mem", -32)));
    acceptCall(accept(offer.getId(), 0, reserve("negative", List.of(negative)),
        reserve("disk-info-on-cpus", List.of(diskInfoOnCpus)), reserve("to-star", List.of(toStar)),
        launch(invertedPorts), launch(negativeMem), reserve("valid", List.of(reserved(scalar("cpus", 0.1), "i")))));
    assertDropped(operation(client, "negative"), "");
    assertDropped(operation(client, "disk-info-on-cpus"), "");
    assertDropped(operation(client, "to-star"), "");
    assertMasterUpdate(firstUpdate(client, "inverted-ports"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "");
    assertMasterUpdate(firstUpdate(client, "negative-mem"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "valid").getState());
  }

  @Test
  void resizedVolumesAreUnusableInTheSameAcceptAndVolumesAreUsedWhole() throws Exception {
    Offer offer = subscribe(framework("resize"));
    Resource disk = reserved(scalar("disk", 50), "r");
    Resource vol = volume(disk, "resized", "data");
    Resource mount = reserved(mountDisk(offer, "/mnt/ssd-0"), "r");
    Resource mountVol = volume(mount, "on-mount", "mnt");
    acceptCall(accept(offer.getId(), 0, reserve("reserve-r", List.of(disk, mount)),
        create("create-r", List.of(vol, mountVol))));
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-r").getState());
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-r").getState());

    Offer withVolumes = offer(client, hasVolume("resized").and(hasVolume("on-mount")));
    Resource shrunk = vol.toBuilder().setScalar(vol.getScalar().toBuilder().setValue(30)).build();
    Offer.Operation growByZero = Offer.Operation.newBuilder().setType(Offer.Operation.Type.GROW_VOLUME)
        .setId(OperationID.newBuilder().setValue("grow-zero")).setGrowVolume(Offer.Operation.GrowVolume.newBuilder()
            .setVolume(vol).setAddition(scalar("disk", 0))).build();
    Offer.Operation shrinkMount = Offer.Operation.newBuilder().setType(Offer.Operation.Type.SHRINK_VOLUME)
        .setId(OperationID.newBuilder().setValue("shrink-mount")).setShrinkVolume(Offer.Operation.ShrinkVolume
            .newBuilder().setVolume(mountVol).setSubtract(org.apache.mesos.v1.Protos.Value.Scalar.newBuilder()
                .setValue(100))).build();
    Offer.Operation shrink = Offer.Operation.newBuilder().setType(Offer.Operation.Type.SHRINK_VOLUME)
        .setId(OperationID.newBuilder().setValue("shrink")).setShrinkVolume(Offer.Operation.ShrinkVolume.newBuilder()
            .setVolume(vol).setSubtract(org.apache.mesos.v1.Protos.Value.Scalar.newBuilder().setValue(20))).build();
    acceptCall(accept(withVolumes.getId(), 0, growByZero, shrinkMount, shrink,
        launch(task("on-shrunk", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), shrunk)))));
    assertDropped(operation(client, "grow-zero"), "greater than");
    assertDropped(operation(client, "shrink-mount"), "MOUNT");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "shrink").getState());
    assertMasterUpdate(firstUpdate(client, "on-shrunk"), TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID,
        "more than available");

    // next time the shrunk volume is offered; a task must take it whole, and only whole (container path aside)
    Offer after = offer(client, o -> o.getResourcesList().stream()
        .anyMatch(r -> r.getDisk().getPersistence().getId().equals("resized") && r.getScalar().getValue() == 30));
    Resource part = vol.toBuilder().setScalar(vol.getScalar().toBuilder().setValue(20)).build();
    Resource halfMount = mount.toBuilder().setScalar(mount.getScalar().toBuilder().setValue(2048)).build();
    Resource otherPath = shrunk.toBuilder().setDisk(shrunk.getDisk().toBuilder()
        .setVolume(shrunk.getDisk().getVolume().toBuilder().setContainerPath("elsewhere"))).build();
    acceptCall(accept(after.getId(), 0,
        launch(task("part-of-volume", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), part))),
        launch(task("half-mount", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), halfMount))),
        launch(task("whole-volume", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), otherPath)))));
    assertMasterUpdate(firstUpdate(client, "part-of-volume"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "more than available");
    assertMasterUpdate(firstUpdate(client, "half-mount"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "more than available");
    RefusalSupport.taskState(client, "whole-volume", TaskState.TASK_RUNNING);
  }

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
    acceptCall(accept(offer.getId(), 0, launch(tooBig, fits, noResources, wrongAgent, both)));
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
    acceptCall(accept(next, launch(small("fits", next))));
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
    acceptCall(accept(offer.getId(), 0, launchWithId, reserve("after", List.of(reserved(scalar("cpus", 0.2), "a")))));
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
    acceptCall(accept(offer, Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
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
    acceptCall(accept(offer.getId(), 3600, reserve("reserve-l", List.of(cpus, mem, disk)),
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
    acceptCall(accept(back.getId(), 3600, launch(task("uses-reserved", back.getAgentId(), "sleep 3600",
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
