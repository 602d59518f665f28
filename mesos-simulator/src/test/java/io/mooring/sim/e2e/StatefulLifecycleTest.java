package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.SimFixture.WAIT;
import static io.mooring.sim.e2e.SimFixture.offer;
import static io.mooring.sim.e2e.SimFixture.operation;
import static io.mooring.sim.e2e.SimFixture.taskState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The life of a stateful task, over HTTP, in protobuf and in JSON: one ACCEPT [RESERVE, CREATE, LAUNCH]; the task
 * writes into its volume; killed and relaunched on the reserved resources with the same data; DESTROY deletes the
 * data; UNRESERVE returns everything.
 */
class StatefulLifecycleTest {
  @TempDir Path home;

  @ParameterizedTest
  @EnumSource(MediaTypes.Encoding.class)
  void reserveCreateLaunchKillRelaunchDestroyUnreserve(MediaTypes.Encoding encoding) throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "process"); SchedulerClient client = sim.client(encoding)) {
      assertEquals(200, client.subscribe(framework("lifecycle")));
      Offer first = offer(client, o -> true);
      String pid = "app#data#" + encoding;
      Resource cpus = reserved(scalar("cpus", 0.5), "app-1");
      Resource mem = reserved(scalar("mem", 64), "app-1");
      Resource disk = reserved(scalar("disk", 10), "app-1");
      Resource volume = volume(disk, pid, "data");
      String command = "echo hello >> data/foo && sleep 3600";
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(first,
          reserve("reserve-1", List.of(cpus, mem, disk)), create("create-1", List.of(volume)),
          launch(task("app.1", first.getAgentId(), command, List.of(cpus, mem, volume))))).build());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "reserve-1").getState());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "create-1").getState());
      taskState(client, "app.1", TaskState.TASK_RUNNING);
      Path data = volumeDir(pid).resolve("foo");
      awaitLines(data, 1);

      client.send(client.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("app.1"))).build());
      taskState(client, "app.1", TaskState.TASK_KILLED);

      Offer withVolume = offer(client, o -> o.getResourcesList().stream().anyMatch(r -> r.getDisk().hasPersistence()));
      assertEquals(first.getAgentId(), withVolume.getAgentId());
      Resource offeredVolume = withVolume.getResourcesList().stream().filter(r -> r.getDisk().hasPersistence())
          .findFirst().orElseThrow();
      assertEquals(pid, offeredVolume.getDisk().getPersistence().getId());
      assertEquals("app-1", offeredVolume.getReservations(0).getLabels().getLabels(0).getValue());
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(withVolume,
          launch(task("app.2", first.getAgentId(), command, List.of(cpus, mem, volume))))).build());
      taskState(client, "app.2", TaskState.TASK_RUNNING);
      awaitLines(data, 2);

      client.send(client.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("app.2"))).build());
      taskState(client, "app.2", TaskState.TASK_KILLED);
      Offer last = offer(client, o -> o.getResourcesList().stream().anyMatch(r -> r.getDisk().hasPersistence()));
      client.send(client.call(Call.Type.ACCEPT).setAccept(accept(last,
          destroy("destroy-1", List.of(volume)), unreserve("unreserve-1", List.of(cpus, mem, disk)))).build());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "destroy-1").getState());
      assertEquals(OperationState.OPERATION_FINISHED, operation(client, "unreserve-1").getState());
      assertFalse(Files.exists(data.getParent()), "DESTROY deletes the volume's data");

      JsonObject slave = sim.state().getAsJsonArray("slaves").get(0).getAsJsonObject();
      assertEquals(0, slave.getAsJsonObject("reserved_resources_full").size(), slave.toString());
      assertEquals(4.0, slave.getAsJsonObject("unreserved_resources").get("cpus").getAsDouble());
    }
  }

  private Path volumeDir(String persistenceId) throws Exception {
    try (Stream<Path> paths = Files.walk(home)) {
      return paths.filter(p -> p.getFileName().toString().equals(persistenceId)).findFirst()
          .orElseThrow(() -> new AssertionError("no volume directory " + persistenceId));
    }
  }

  private static void awaitLines(Path file, int lines) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> read = List.of();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) read = Files.readAllLines(file);
      if (read.size() >= lines) break;
      Thread.sleep(50);
    }
    assertEquals(java.util.Collections.nCopies(lines, "hello"), read);
    assertTrue(read.size() == lines);
  }
}
