package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.framework;
import static io.mooring.sim.e2e.Mesos.launch;
import static io.mooring.sim.e2e.Mesos.reserved;
import static io.mooring.sim.e2e.Mesos.scalar;
import static io.mooring.sim.e2e.Mesos.task;
import static io.mooring.sim.e2e.RefusalSupport.assertContains;
import static io.mooring.sim.e2e.RefusalSupport.assertNoOffers;
import static io.mooring.sim.e2e.RefusalSupport.firstUpdate;
import static io.mooring.sim.e2e.RefusalSupport.raw;
import static io.mooring.sim.e2e.RefusalSupport.response;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.RefusalSupport.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator API's reservation and volume calls (POST /api/v1) as the Mesos 1.11 master answers them: 202 with the
 * effect visible in GET_AGENTS and /master/state; 400 for an unknown agent or an invalid operation; 409 when the
 * resources are not unallocated (a running task holds them); outstanding offers holding what is needed rescinded
 * before the 202, their resources filtered for the framework for 5 s.
 */
class OperatorApiTest {
  private static final String OPS = "ops";
  private static final String OPERATOR = "operator";

  @TempDir Path home;
  SimFixture sim;
  String agentId;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(home, 1, "virtual");
    agentId = agent().getAgentInfo().getId().getValue();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  // ---------------------------------------------------------------- resources as the operator writes them

  private static Resource unreserved(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static Resource reservedFor(Resource r, String role, String principal) {
    return r.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal(principal)).build();
  }

  private static Resource volumeOn(Resource disk, String id) {
    return disk.toBuilder().setDisk(Resource.DiskInfo.newBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(id).setPrincipal(OPERATOR))
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
  }

  private static Call reserve(String agent, Resource... resources) {
    return Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES).setReserveResources(Call.ReserveResources.newBuilder()
        .setAgentId(AgentID.newBuilder().setValue(agent)).addAllResources(List.of(resources))).build();
  }

  private static Call unreserve(String agent, Resource... resources) {
    return Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES).setUnreserveResources(Call.UnreserveResources
        .newBuilder().setAgentId(AgentID.newBuilder().setValue(agent)).addAllResources(List.of(resources))).build();
  }

  private static Call createVolumes(String agent, Resource... volumes) {
    return Call.newBuilder().setType(Call.Type.CREATE_VOLUMES).setCreateVolumes(Call.CreateVolumes.newBuilder()
        .setAgentId(AgentID.newBuilder().setValue(agent)).addAllVolumes(List.of(volumes))).build();
  }

  private static Call destroyVolumes(String agent, Resource... volumes) {
    return Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES).setDestroyVolumes(Call.DestroyVolumes.newBuilder()
        .setAgentId(AgentID.newBuilder().setValue(agent)).addAllVolumes(List.of(volumes))).build();
  }

  private Response.GetAgents.Agent agent() throws Exception {
    Response r = response(sim.operator(Call.newBuilder().setType(Call.Type.GET_AGENTS).build()));
    assertEquals(Response.Type.GET_AGENTS, r.getType());
    assertEquals(1, r.getGetAgents().getAgentsCount());
    return r.getGetAgents().getAgents(0);
  }

  private static double sum(List<Resource> resources, String name, Predicate<Resource> which) {
    return resources.stream().filter(r -> r.getName().equals(name) && which.test(r))
        .mapToDouble(r -> r.getScalar().getValue()).sum();
  }

  private static Predicate<Resource> reservedTo(String role) {
    return r -> r.getReservationsCount() > 0 && r.getReservations(r.getReservationsCount() - 1).getRole().equals(role);
  }

  private static final Predicate<Resource> UNRESERVED = r -> r.getReservationsCount() == 0;

  private static Predicate<Resource> volume(String id) {
    return r -> r.getDisk().getPersistence().getId().equals(id);
  }

  private void assertStatus(int status, HttpResponse<String> r, String fragment) {
    assertEquals(status, r.statusCode(), r.body());
    assertContains(r.body(), fragment);
  }

  private JsonObject slaveState() throws Exception {
    return sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
  }

  // ---------------------------------------------------------------- 202s and their effects

  @Test
  void reserveCreateDestroyUnreserveAreAcceptedAndVisible() throws Exception {
    Resource cpus = reservedFor(unreserved("cpus", 1), OPS, OPERATOR);
    Resource disk = reservedFor(unreserved("disk", 100), OPS, OPERATOR);
    Resource vol = volumeOn(disk, "ops-vol");

    assertStatus(202, sim.operator(reserve(agentId, cpus, disk)), "");
    Response.GetAgents.Agent agent = agent();
    assertEquals(1.0, sum(agent.getTotalResourcesList(), "cpus", reservedTo(OPS)));
    assertEquals(3.0, sum(agent.getTotalResourcesList(), "cpus", UNRESERVED));
    assertEquals(100.0, sum(agent.getTotalResourcesList(), "disk", reservedTo(OPS)));
    assertTrue(agent.getAgentInfo().getResourcesList().stream().allMatch(UNRESERVED),
        "agent_info.resources holds the configured resources only");
    JsonObject slave = slaveState();
    assertEquals(2, slave.getAsJsonObject("reserved_resources_full").getAsJsonArray(OPS).size(), slave.toString());
    assertEquals(1.0, slave.getAsJsonObject("reserved_resources").getAsJsonObject(OPS).get("cpus").getAsDouble());
    assertEquals(3.0, slave.getAsJsonObject("unreserved_resources").get("cpus").getAsDouble());

    assertStatus(202, sim.operator(createVolumes(agentId, vol)), "");
    agent = agent();
    assertEquals(100.0, sum(agent.getTotalResourcesList(), "disk", volume("ops-vol")));
    JsonArray full = slaveState().getAsJsonObject("reserved_resources_full").getAsJsonArray(OPS);
    assertTrue(full.asList().stream().anyMatch(r -> r.toString().contains("\"persistence\":{\"id\":\"ops-vol\"")),
        full.toString());

    // refusals while the volume exists
    assertStatus(400, sim.operator(createVolumes(agentId, vol)), "Persistence ID 'ops-vol' is not unique");
    assertStatus(400, sim.operator(unreserve(agentId, vol)), "cannot be unreserved directly");

    assertStatus(202, sim.operator(destroyVolumes(agentId, vol)), "");
    agent = agent();
    assertEquals(0.0, sum(agent.getTotalResourcesList(), "disk", volume("ops-vol")));
    assertEquals(100.0, sum(agent.getTotalResourcesList(), "disk", reservedTo(OPS)), "the disk stays reserved");
    assertStatus(400, sim.operator(destroyVolumes(agentId, vol)), "Persistent volumes not found");

    assertStatus(202, sim.operator(unreserve(agentId, cpus, disk)), "");
    agent = agent();
    assertEquals(4.0, sum(agent.getTotalResourcesList(), "cpus", UNRESERVED));
    assertTrue(agent.getTotalResourcesList().stream().allMatch(UNRESERVED), agent.getTotalResourcesList().toString());
    slave = slaveState();
    assertEquals(0, slave.getAsJsonObject("reserved_resources_full").size(), slave.toString());
    // nothing left to unreserve: validation passes, the unallocated resources do not contain it
    assertStatus(409, sim.operator(unreserve(agentId, cpus)), "");
  }

  // ---------------------------------------------------------------- 400s, 405/415/406/501

  record Row(String name, Call call, int status, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Test
  void invalidCallsAreRefused() throws Exception {
    Resource cpus = reservedFor(unreserved("cpus", 1), OPS, OPERATOR);
    Resource disk = reservedFor(unreserved("disk", 10), OPS, OPERATOR);
    Resource readOnly = volumeOn(disk, "ro").toBuilder().setDisk(volumeOn(disk, "ro").getDisk().toBuilder()
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RO))).build();
    List<Row> rows = List.of(
        new Row("RESERVE on an unknown agent", reserve("no-such-agent", cpus), 400, "No agent found with specified ID"),
        new Row("UNRESERVE on an unknown agent", unreserve("no-such-agent", cpus), 400,
            "No agent found with specified ID"),
        new Row("CREATE on an unknown agent", createVolumes("no-such-agent", volumeOn(disk, "x")), 400,
            "No agent found with specified ID"),
        new Row("DESTROY on an unknown agent", destroyVolumes("no-such-agent", volumeOn(disk, "x")), 400,
            "No agent found with specified ID"),
        new Row("RESERVE with allocation_info", reserve(agentId, cpus.toBuilder()
            .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(OPS)).build()), 400,
            "Invalid RESERVE operation"),
        new Row("RESERVE of unreserved resources", reserve(agentId, unreserved("cpus", 1)), 400,
            "Invalid RESERVE operation"),
        new Row("RESERVE for role *", reserve(agentId, reservedFor(unreserved("cpus", 1), "*", OPERATOR)), 400, ""),
        new Row("RESERVE of a negative scalar", reserve(agentId, reservedFor(unreserved("cpus", -1), OPS, OPERATOR)),
            400, ""),
        new Row("RESERVE more than the agent has", reserve(agentId, reservedFor(unreserved("cpus", 64), OPS, OPERATOR)),
            409, ""),
        new Row("UNRESERVE of unreserved resources", unreserve(agentId, unreserved("cpus", 1)), 400,
            "Invalid UNRESERVE operation"),
        new Row("CREATE on an unreserved disk", createVolumes(agentId, volumeOn(unreserved("disk", 10), "x")), 400,
            "Persistent volumes cannot be created from unreserved resources"),
        new Row("CREATE a read-only volume", createVolumes(agentId, readOnly), 400,
            "Read-only persistent volume not supported"),
        new Row("DESTROY a volume that does not exist", destroyVolumes(agentId, volumeOn(disk, "ghost")), 400,
            "Persistent volumes not found"),
        new Row("DESTROY a plain disk", destroyVolumes(agentId, disk), 400, "Invalid DESTROY operation"),
        new Row("RESERVE_RESOURCES without reserve_resources", Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES)
            .build(), 400, "Expecting 'reserve_resources' to be present"),
        new Row("DESTROY_VOLUMES without destroy_volumes", Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES)
            .build(), 400, "Expecting 'destroy_volumes' to be present"),
        new Row("no type", Call.newBuilder().build(), 400, "Expecting 'type' to be present"),
        new Row("UNKNOWN", Call.newBuilder().setType(Call.Type.UNKNOWN).build(), 501, ""));
    for (Row row : rows) {
      HttpResponse<String> r = sim.operator(row.call());
      assertEquals(row.status(), r.statusCode(), row.name() + ": " + r.body());
      assertContains(r.body(), row.fragment());
    }
    assertTrue(agent().getTotalResourcesList().stream().allMatch(UNRESERVED), "no refused call changed the agent");

    String url = sim.simulator.url() + "/api/v1";
    String health = MesosJson.print(Call.newBuilder().setType(Call.Type.GET_HEALTH).build());
    byte[] body = health.getBytes(StandardCharsets.UTF_8);
    assertEquals(405, raw(url, "GET", Map.of(), null).statusCode());
    assertStatus(400, raw(url, "POST", Map.of(), body), "Expecting 'Content-Type' to be present");
    assertEquals(415, raw(url, "POST", Map.of("Content-Type", "application/json; charset=utf-8"), body).statusCode());
    assertEquals(400, raw(url, "POST", Map.of("Content-Type", MediaTypes.JSON), "{\"type\"".getBytes()).statusCode());
    assertEquals(406, raw(url, "POST", Map.of("Content-Type", MediaTypes.JSON, "Accept", "text/html"), body)
        .statusCode());
    HttpResponse<String> ok = raw(url, "POST", Map.of("Content-Type", MediaTypes.JSON), body);
    assertEquals(200, ok.statusCode());
    assertEquals(MediaTypes.JSON, ok.headers().firstValue("Content-Type").orElse(null));
  }

  // ---------------------------------------------------------------- offers rescinded; 409 and 400 for tasks' resources

  @Test
  void anOutstandingOfferHoldingTheResourcesIsRescindedBeforeThe202() throws Exception {
    try (SchedulerClient client = sim.client(MediaTypes.Encoding.JSON)) {
      assertEquals(200, client.subscribe(framework("rescinded")));
      Offer held = offer(client, o -> true);
      assertEquals(4.0, sum(held.getResourcesList(), "cpus", UNRESERVED));

      assertStatus(202, sim.operator(reserve(agentId, reservedFor(unreserved("cpus", 1), OPS, OPERATOR))), "");
      // by the time of the 202 the offer is gone from the master
      Response.GetFrameworks frameworks = response(sim.operator(Call.newBuilder()
          .setType(Call.Type.GET_FRAMEWORKS).build())).getGetFrameworks();
      assertEquals(0, frameworks.getFrameworks(0).getOffersCount(), frameworks.toString());
      Event rescind = client.await(e -> e.getType() == Event.Type.RESCIND, SimFixture.WAIT);
      assertEquals(held.getId(), rescind.getRescind().getOfferId());
      int mark = client.seen.size();

      // the rescinded offer cannot be used any more
      client.send(client.call(org.apache.mesos.v1.scheduler.Protos.Call.Type.ACCEPT).setAccept(Mesos.accept(held,
          launch(task("late", held.getAgentId(), "sleep 1", List.of(scalar("cpus", 0.1)))))).build());
      TaskStatus late = firstUpdate(client, "late");
      assertEquals(TaskState.TASK_DROPPED, late.getState());
      assertEquals(TaskStatus.Reason.REASON_INVALID_OFFERS, late.getReason());

      // its resources went back with the default 5 s filter for this framework (http.cpp _operation: Filters())
      assertNoOffers(client, mark, Duration.ofMillis(1500));
      client.send(client.call(org.apache.mesos.v1.scheduler.Protos.Call.Type.REVIVE).build());
      Offer fresh = offer(client, o -> true);
      assertEquals(3.0, sum(fresh.getResourcesList(), "cpus", UNRESERVED), "the operator's reservation is not offered");
      assertEquals(0.0, sum(fresh.getResourcesList(), "cpus", reservedTo(OPS)));
      assertEquals(1.0, sum(agent().getTotalResourcesList(), "cpus", reservedTo(OPS)));
    }
  }

  @Test
  void resourcesHeldByARunningTaskAreAConflictAndItsVolumeCannotBeDestroyed() throws Exception {
    try (SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      assertEquals(200, client.subscribe(framework("busy")));
      Offer first = offer(client, o -> true);
      int mark = client.seen.size();
      Resource cpus = reserved(scalar("cpus", 1), "busy");
      Resource mem = reserved(scalar("mem", 128), "busy");
      Resource disk = reserved(scalar("disk", 10), "busy");
      Resource vol = Mesos.volume(disk, "busy-vol", "data");
      client.send(client.call(org.apache.mesos.v1.scheduler.Protos.Call.Type.ACCEPT).setAccept(Mesos.accept(
          first.getId(), 0, Mesos.reserve("reserve-busy", List.of(cpus, mem, disk)),
          Mesos.create("create-busy", List.of(vol)),
          launch(task("busy-task", first.getAgentId(), "sleep 3600", List.of(cpus, mem, vol))))).build());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-busy").getState());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-busy").getState());
      RefusalSupport.taskState(client, "busy-task", TaskState.TASK_RUNNING);
      Offer leftovers = RefusalSupport.offerSince(client, mark, o -> true);
      assertTrue(leftovers.getResourcesList().stream().noneMatch(r -> r.getDisk().hasPersistence()),
          "a volume in use is not offered: " + leftovers);

      Resource operatorVol = vol.toBuilder().clearAllocationInfo().build();
      assertStatus(400, sim.operator(destroyVolumes(agentId, operatorVol)), "Persistent volumes in use");
      assertEquals(10.0, sum(agent().getTotalResourcesList(), "disk", volume("busy-vol")), "the volume is still there");

      // the task's reserved cpus are allocated, not available: 409, and no offer holds them, so none is rescinded
      assertStatus(409, sim.operator(unreserve(agentId, cpus.toBuilder().clearAllocationInfo().build())), "");
      assertEquals(1.0, sum(agent().getTotalResourcesList(), "cpus", reservedTo(Mesos.ROLE)));

      // 4 unreserved cpus: 1 of them is now reserved to the task's role: the outstanding offer is rescinded, still 409
      assertEquals(3.0, sum(leftovers.getResourcesList(), "cpus", UNRESERVED));
      assertStatus(409, sim.operator(reserve(agentId, reservedFor(unreserved("cpus", 4), OPS, OPERATOR))), "");
      assertEquals(leftovers.getId(),
          client.await(e -> e.getType() == Event.Type.RESCIND, SimFixture.WAIT).getRescind().getOfferId());
      assertEquals(0.0, sum(agent().getTotalResourcesList(), "cpus", reservedTo(OPS)));

      // what is unallocated can be reserved
      assertStatus(202, sim.operator(reserve(agentId, reservedFor(unreserved("cpus", 3), OPS, OPERATOR))), "");
      Response.GetAgents.Agent agent = agent();
      assertEquals(3.0, sum(agent.getTotalResourcesList(), "cpus", reservedTo(OPS)));
      assertEquals(1.0, sum(agent.getTotalResourcesList(), "cpus", reservedTo(Mesos.ROLE)));
      assertEquals(1.0, sum(agent.getAllocatedResourcesList(), "cpus", r -> true), "the task's cpus are allocated");
    }
  }
}
