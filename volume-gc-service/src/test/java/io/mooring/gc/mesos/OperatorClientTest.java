package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Task;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator calls volume-gc-service makes, against the simulator (a faithful Mesos 1.11 master). */
class OperatorClientTest {
  @TempDir Path home;

  @Test
  void getAgentsListsEveryAgentWithItsTotalResources() throws Exception {
    try (Simulator sim = Sims.start(home, 2)) {
      Response.GetAgents agents = Sims.client(sim).getAgents();
      assertEquals(Sims.agentIds(sim), Sims.agentIds(agents));
      for (Response.GetAgents.Agent agent : agents.getAgentsList()) {
        assertEquals(Set.of("cpus", "mem", "disk", "ports"), agent.getTotalResourcesList().stream()
            .map(Resource::getName).collect(Collectors.toSet()));
      }
    }
  }

  @Test
  void destroysThenUnreservesAVolumeUntilNothingOfItIsLeft() throws Exception {
    try (Simulator sim = Sims.start(home, 1)) {
      OperatorClient client = Sims.client(sim);
      Reservations reservations = new Reservations(Sims.agentIds(sim).get(0), "db.instance-1", "db#data#1");
      reservations.create(client);
      List<Resource> total = total(client, reservations.agentId());
      assertEquals(3, total.stream().filter(reservations::owns).count(), "cpus, mem and the volume: " + total);
      assertTrue(total.stream().anyMatch(r -> r.getDisk().hasPersistence()), "the volume: " + total);

      assertEquals(new Outcome.Accepted(),
          client.destroyVolumes(reservations.agentId(), List.of(reservations.volume())));
      assertFalse(total(client, reservations.agentId()).stream().anyMatch(r -> r.getDisk().hasPersistence()));
      assertEquals(new Outcome.Accepted(),
          client.unreserveResources(reservations.agentId(), reservations.reserved()));
      total = total(client, reservations.agentId());
      assertEquals(List.of(), total.stream().filter(r -> r.getReservationsCount() > 0 || r.getDisk().hasPersistence())
          .toList());

      Outcome again = client.destroyVolumes(reservations.agentId(), List.of(reservations.volume()));
      assertEquals(400, assertInstanceOf(Outcome.Refused.class, again).status(), again.toString());
    }
  }

  @Test
  void anUnknownAgentIsRefused() throws Exception {
    try (Simulator sim = Sims.start(home, 1)) {
      Reservations reservations = new Reservations("no-such-agent-S9", "db.instance-1", "db#data#1");
      Outcome outcome = Sims.client(sim).destroyVolumes(reservations.agentId(), List.of(reservations.volume()));
      assertEquals(new Outcome.Refused(400, "No agent found with specified ID"), outcome);
    }
  }

  /** A running task holds the volume and the reservation: a conflict until the task has ended, then they go. */
  @Test
  void aVolumeInUseIsAConflictUntilItsTaskEnds() throws Exception {
    try (Simulator sim = Sims.start(home, 1)) {
      OperatorClient client = Sims.client(sim);
      Reservations reservations = new Reservations(Sims.agentIds(sim).get(0), "db.instance-1", "db#data#1");
      reservations.create(client);
      String taskId = "db.instance-1._app.1";
      try (TestFramework framework = new TestFramework(sim)) {
        var offer = framework.offer(o -> o.getResourcesList().stream().anyMatch(r -> r.getDisk().hasPersistence()));
        framework.launch(offer, taskId, offer.getResourcesList().stream().filter(reservations::owns).toList());
        awaitTask(client, taskId, TaskState.TASK_RUNNING);

        assertEquals(new Outcome.Conflict("Invalid DESTROY operation on agent " + reservations.agentId()
            + ": Persistent volumes in use"), client.destroyVolumes(reservations.agentId(),
            List.of(reservations.volume())), "Mesos' DESTROY validation answers 400 before its 409 check");
        assertEquals(new Outcome.Conflict("Insufficient resources"), client.unreserveResources(
            reservations.agentId(), reservations.reserved().subList(0, 2)), "the task's cpus and mem: 409");

        Sims.control(sim, "/sim/tasks/" + taskId + "/finish", "{}");
        awaitTask(client, taskId, TaskState.TASK_FINISHED);
        assertEquals(new Outcome.Accepted(),
            client.destroyVolumes(reservations.agentId(), List.of(reservations.volume())));
        assertEquals(new Outcome.Accepted(),
            client.unreserveResources(reservations.agentId(), reservations.reserved()));
      }
    }
  }

  private static List<Resource> total(OperatorClient client, String agentId) throws OperatorException {
    return client.getAgents().getAgentsList().stream().filter(a -> a.getAgentInfo().getId().getValue().equals(agentId))
        .findFirst().orElseThrow().getTotalResourcesList();
  }

  /** Waits until the master's latest state of the task (GET_TASKS) is the given one. */
  private static void awaitTask(OperatorClient client, String taskId, TaskState state) throws Exception {
    Predicate<Task> matching = t -> t.getTaskId().getValue().equals(taskId) && t.getState() == state;
    long deadline = System.nanoTime() + Sims.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Response.GetTasks tasks = client.read(Call.newBuilder().setType(Call.Type.GET_TASKS).build(),
          Response.Type.GET_TASKS).getGetTasks();
      if (tasks.getTasksList().stream().anyMatch(matching)
          || tasks.getCompletedTasksList().stream().anyMatch(matching)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(taskId + " never reached " + state);
  }
}
