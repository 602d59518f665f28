package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReconcileRequestsTest {
  private static Instance instance(String id, InstanceState state, String agentId, String... operations) {
    return Instance.newBuilder().setInstanceId(id).setState(state)
        .setReservation(Reservation.newBuilder().setAgentId(agentId).addAllOperationIds(List.of(operations)))
        .addTasks(Task.newBuilder().setTaskId(id + "._app.1")).build();
  }

  /** A claim is asked about too: its ACCEPT's outcome is unknown until Mesos says. */
  @ParameterizedTest(name = "{0} on agent ''{1}'' -> {2} tasks")
  @CsvSource({
      "RESERVING, a1, 1", "STAGING, a1, 1", "RUNNING_STATE, a1, 1", "UNREACHABLE, a1, 1",
      "SUSPENDED, a1, 0", "SCHEDULED, a1, 0", "GONE, a1, 0", "RESERVING, '', 0"})
  void asksAboutTasksThatMayBeAlive(InstanceState state, String agentId, int tasks) {
    List<ReconcileRequests.Batch> batches = ReconcileRequests.of(List.of(instance("i", state, agentId, "op-1")));

    assertEquals(tasks, batches.stream().mapToInt(b -> b.tasks().size()).sum());
    assertEquals(tasks, batches.stream().mapToInt(b -> b.operations().size()).sum(), "and its pending operations");
    batches.stream().flatMap(b -> b.tasks().stream()).forEach(t -> {
      assertEquals("i._app.1", t.getTaskId().getValue());
      assertEquals(agentId, t.getAgentId().getValue());
    });
  }

  @Test
  void anEndedTaskOfAPodIsNotAskedAbout() {
    Instance pod = instance("p", InstanceState.RUNNING_STATE, "a1").toBuilder().clearTasks()
        .addTasks(Task.newBuilder().setTaskId("p.web.1").setMesosState("TASK_RUNNING"))
        .addTasks(Task.newBuilder().setTaskId("p.init.1").setMesosState("TASK_FINISHED")).build();

    assertEquals(List.of("p.web.1"), ReconcileRequests.of(List.of(pod)).get(0).tasks().stream()
        .map(t -> t.getTaskId().getValue()).toList());
  }

  @Test
  void callsStayBounded() {
    List<Instance> many = IntStream.range(0, 2_500)
        .mapToObj(i -> instance("i" + i, InstanceState.RESERVING, "a1", "r" + i, "c" + i)).toList();

    List<ReconcileRequests.Batch> batches = ReconcileRequests.of(many);

    assertEquals(List.of(1_000, 1_000, 500, 0, 0), batches.stream().map(b -> b.tasks().size()).toList());
    assertEquals(List.of(1_000, 1_000, 1_000, 1_000, 1_000), batches.stream().map(b -> b.operations().size())
        .toList());
  }
}
