package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.INSTANCE;
import static io.mooring.reservation.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpecKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pod instance has one task per container; its state follows all of them. */
class PodTasksTest {
  private static final String WEB = INSTANCE + ".web.1";
  private static final String SIDECAR = INSTANCE + ".sidecar.1";

  @ParameterizedTest(name = "web {0}, sidecar {1} reports {2} -> {3}")
  @CsvSource({
      "TASK_RUNNING,  TASK_STAGING, TASK_RUNNING,  RUNNING_STATE",
      "TASK_STAGING,  TASK_STAGING, TASK_RUNNING,  STAGING",
      "TASK_RUNNING,  TASK_RUNNING, TASK_FAILED,   RUNNING_STATE",
      "TASK_FAILED,   TASK_RUNNING, TASK_KILLED,   SUSPENDED",
      "TASK_KILLED,   TASK_RUNNING, TASK_FINISHED, SUSPENDED",
      "TASK_RUNNING,  TASK_RUNNING, TASK_UNREACHABLE, RUNNING_STATE",
      // the master forgot one container's task: the other one still runs
      "TASK_RUNNING,  TASK_FINISHED, TASK_UNKNOWN, RUNNING_STATE",
      "TASK_FINISHED, TASK_RUNNING, TASK_UNKNOWN,  SUSPENDED"})
  void theInstanceFollowsAllItsTasks(String web, String sidecarBefore, String sidecarNow, InstanceState expected) {
    Instance pod = Fixtures.in(InstanceState.STAGING).toBuilder().setKind(RunSpecKind.POD)
        .setReservation(Fixtures.reservation(true)).clearTasks()
        .addTasks(Fixtures.task(WEB, 1, web)).addTasks(Fixtures.task(SIDECAR, 1, sidecarBefore)).build();

    Transition t = InstanceMachine.apply(pod, new InstanceEvent.TaskUpdate(SIDECAR, sidecarNow, "", "", T0));

    assertEquals(expected, t.instance().getState());
    assertEquals(sidecarNow, t.instance().getTasks(1).getMesosState());
  }
}
