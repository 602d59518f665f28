package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.RefusalSupport.acceptCall;
import static io.mooring.sim.e2e.RefusalSupport.agentState;
import static io.mooring.sim.e2e.RefusalSupport.assertDropped;
import static io.mooring.sim.e2e.RefusalSupport.assertMasterUpdate;
import static io.mooring.sim.e2e.RefusalSupport.firstUpdate;
import static io.mooring.sim.e2e.RefusalSupport.hasVolume;
import static io.mooring.sim.e2e.RefusalSupport.operation;
import static io.mooring.sim.e2e.SimFixture.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

/** RESERVE, UNRESERVE, CREATE, DESTROY and resize operations are checked in order, an invalid one dropped alone. */
class AcceptOperationRefusalsTest extends OneAgentScheduler {
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
    acceptCall(client, accept(offer.getId(), 0,
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

    JsonArray reserved = agentState(sim).getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE);
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
    acceptCall(client, accept(offer.getId(), 0, reserve("reserve-1", List.of(disk)), create("create-1", List.of(vol))));
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-1").getState());
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-1").getState());

    Offer withVolume = offer(client, hasVolume("vol-1"));
    Resource otherDisk = reserved(scalar("disk", 20), "w");
    Resource sameId = volume(otherDisk, "vol-1", "other");
    Resource otherLabels = reserved(scalar("disk", 10), "not-v");
    acceptCall(client, accept(withVolume.getId(), 0, unreserve("unreserve-volume", List.of(vol)),
        unreserve("unreserve-other-labels", List.of(otherLabels)),
        reserve("reserve-2", List.of(otherDisk)), create("create-again", List.of(sameId))));
    assertDropped(operation(client, "unreserve-volume"), "cannot be unreserved directly");
    assertDropped(operation(client, "unreserve-other-labels"), "does not contain");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-2").getState(),
        "a dropped operation does not stop the next ones");
    assertDropped(operation(client, "create-again"), "Persistence ID 'vol-1' is not unique");

    JsonArray reserved = agentState(sim).getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE);
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
    acceptCall(client, accept(offer.getId(), 0, reserve("reserve-half", List.of(half)),
        reserve("reserve-whole", List.of(whole))));
    assertDropped(operation(client, "reserve-half"), "does not contain");
    assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-whole").getState());
    JsonArray reserved = agentState(sim).getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE);
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
    acceptCall(client, accept(offer.getId(), 0,
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
    JsonObject reserved = agentState(sim).getAsJsonObject("reserved_resources").getAsJsonObject(ROLE);
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
    acceptCall(client, accept(offer.getId(), 0, reserve("negative", List.of(negative)),
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
    acceptCall(client, accept(offer.getId(), 0, reserve("reserve-r", List.of(disk, mount)),
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
    acceptCall(client, accept(withVolumes.getId(), 0, growByZero, shrinkMount, shrink,
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
    acceptCall(client, accept(after.getId(), 0,
        launch(task("part-of-volume", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), part))),
        launch(task("half-mount", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), halfMount))),
        launch(task("whole-volume", offer.getAgentId(), "sleep 3600", List.of(scalar("cpus", 0.1), otherPath)))));
    assertMasterUpdate(firstUpdate(client, "part-of-volume"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "more than available");
    assertMasterUpdate(firstUpdate(client, "half-mount"), TaskState.TASK_ERROR,
        TaskStatus.Reason.REASON_TASK_INVALID, "more than available");
    RefusalSupport.taskState(client, "whole-volume", TaskState.TASK_RUNNING);
  }
}
