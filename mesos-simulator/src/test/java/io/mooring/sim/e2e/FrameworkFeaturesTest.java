package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.SimFixture.WAIT;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.SimFixture.operation;
import static io.mooring.sim.e2e.SimFixture.taskState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.mesos.MediaTypes;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capabilities and features beyond the basic lifecycle: the legacy resource format, task groups, resizing, auth. */
class FrameworkFeaturesTest {
  @TempDir Path home;

  @Test
  void withoutRefinementOrMultiRoleResourcesUseTheLegacyFormat() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual"); SchedulerClient client = sim.client(MediaTypes.Encoding.JSON)) {
      FrameworkInfo legacy = FrameworkInfo.newBuilder().setUser("nobody").setName("legacy").setRole(ROLE)
          .setPrincipal(PRINCIPAL).build();
      assertEquals(200, client.subscribe(legacy));
      Offer offer = offer(client, o -> true);
      assertFalse(offer.hasAllocationInfo(), "no allocation_info without MULTI_ROLE");
      Resource cpus = offer.getResourcesList().stream().filter(r -> r.getName().equals("cpus")).findFirst().orElseThrow();
      assertEquals("*", cpus.getRole());
      assertEquals(0, cpus.getReservationsCount());
      Resource reserve = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
          .setScalar(Value.Scalar.newBuilder().setValue(1)).setRole(ROLE)
          .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal(PRINCIPAL)).build();
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(offer, reserve(null, List.of(reserve)))).build());
      Offer reserved = offer(client, o -> o.getResourcesList().stream().anyMatch(r -> r.getRole().equals(ROLE)));
      Resource back = reserved.getResourcesList().stream().filter(r -> r.getRole().equals(ROLE)).findFirst().orElseThrow();
      assertEquals(PRINCIPAL, back.getReservation().getPrincipal());
      assertEquals(0, back.getReservationsCount(), "post-refinement stack hidden from a legacy framework");
    }
  }

  @Test
  void aTaskGroupSharesItsExecutorsVolume() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "process");
        SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("pods"));
      Offer offer = offer(client, o -> true);
      Resource disk = reserved(scalar("disk", 20), "pod-1");
      Resource volume = volume(disk, "pod-1#shared", "shared");
      List<Resource> executorResources = List.of(scalar("cpus", 0.1), scalar("mem", 32), scalar("disk", 10), volume);
      ExecutorInfo executor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
          .setExecutorId(ExecutorID.newBuilder().setValue("pod-1.executor")).addAllResources(executorResources).build();
      // Each container mounts the executor's volume at its own path; neither sees it at "shared".
      TaskInfo writer = mountingParent(task("pod-1.writer", offer.getAgentId(),
          "test ! -e shared && echo from-writer >> w/log && sleep 3600",
          List.of(scalar("cpus", 0.2), scalar("mem", 64))), "w", "shared");
      TaskInfo reader = mountingParent(task("pod-1.other", offer.getAgentId(),
          "test ! -e shared && echo from-other >> r/log && sleep 3600",
          List.of(scalar("cpus", 0.2), scalar("mem", 64))), "r", "shared");
      Offer.Operation group = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
          .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor)
              .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(writer).addTasks(reader))).build();
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(offer, reserve(null, List.of(disk)),
          create(null, List.of(volume)), group)).build());
      taskState(client, "pod-1.writer", TaskState.TASK_RUNNING);
      Path log = volumeDir("pod-1#shared").resolve("log");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while ((!Files.exists(log) || Files.readAllLines(log).size() < 2) && System.nanoTime() < deadline) Thread.sleep(50);
      assertEquals(List.of("from-other", "from-writer"), Files.readAllLines(log).stream().sorted().toList());

      assertEquals(200, sim.control("/sim/tasks/pod-1.writer/fail", null).statusCode());
      taskState(client, "pod-1.other", TaskState.TASK_KILLED); // one failure kills the group
    }
  }

  @Test
  void growAndShrinkAVolume() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual");
        SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("resize"));
      Offer offer = offer(client, o -> true);
      Resource disk = reserved(scalar("disk", 100), "r");
      Resource volume = volume(disk, "r#data", "data");
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(offer.getId(), 0, reserve(null, List.of(disk)),
          create("create", List.of(volume)), reserve(null, List.of(reserved(scalar("disk", 50), "r"))))).build());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create").getState());
      Offer next = offer(client, o -> o.getResourcesList().stream().anyMatch(r -> r.getDisk().hasPersistence()));
      Offer.Operation grow = Offer.Operation.newBuilder().setType(Offer.Operation.Type.GROW_VOLUME)
          .setId(org.apache.mesos.v1.Protos.OperationID.newBuilder().setValue("grow"))
          .setGrowVolume(Offer.Operation.GrowVolume.newBuilder().setVolume(volume)
              .setAddition(reserved(scalar("disk", 50), "r"))).build();
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(next.getId(), 0, grow)).build());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "grow").getState());
      Offer grown = offer(client, o -> o.getResourcesList().stream()
          .anyMatch(r -> r.getDisk().hasPersistence() && r.getScalar().getValue() == 150));
      Resource big = grown.getResourcesList().stream().filter(r -> r.getDisk().hasPersistence()).findFirst().orElseThrow();
      Offer.Operation shrink = Offer.Operation.newBuilder().setType(Offer.Operation.Type.SHRINK_VOLUME)
          .setId(org.apache.mesos.v1.Protos.OperationID.newBuilder().setValue("shrink"))
          .setShrinkVolume(Offer.Operation.ShrinkVolume.newBuilder().setVolume(big)
              .setSubtract(Value.Scalar.newBuilder().setValue(150))).build();
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(grown.getId(), 0, shrink)).build());
      assertEquals(OperationState.OPERATION_ERROR, operation(client, "shrink").getState(), "cannot shrink to nothing");
    }
  }

  @Test
  void basicAuthenticationGuardsTheSchedulerApi() throws Exception {
    SimConfig config = SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(1, "virtual"))
        .withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(75))
        .withCredentials(Map.of(PRINCIPAL, "secret"));
    try (Simulator sim = Simulator.start(config)) {
      SchedulerClient anonymous = new SchedulerClient(sim.url(), MediaTypes.Encoding.PROTOBUF);
      assertEquals(401, anonymous.subscribe(framework("auth")));
      SchedulerClient impostor = new SchedulerClient(sim.url(), MediaTypes.Encoding.PROTOBUF);
      impostor.authorization = basic("someone-else", "secret");
      assertEquals(401, impostor.subscribe(framework("auth")), "unknown principal");
      SchedulerClient client = new SchedulerClient(sim.url(), MediaTypes.Encoding.PROTOBUF);
      client.authorization = basic(PRINCIPAL, "secret");
      assertEquals(200, client.subscribe(framework("auth").toBuilder().clearPrincipal().build()));
      assertEquals(Event.Type.SUBSCRIBED, client.seen.get(0).getType());
      client.close();
    }
  }

  private static String basic(String principal, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private Path volumeDir(String persistenceId) throws Exception {
    try (Stream<Path> paths = Files.walk(home)) {
      return paths.filter(p -> p.getFileName().toString().equals(persistenceId)).findFirst().orElseThrow();
    }
  }
}
