package io.mooring.reservation.core;

import static io.mooring.reservation.core.PlannerTest.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvergenceTest {
  /**
   * Instances as "goal/state/config[/healthy|unhealthy]" words; spec "-" means deleted, otherwise
   * instances@configVersion, "+hc" with a health check that Mesos runs (then only healthy tasks count as up).
   */
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "2@v1 | RUNNING/RUNNING_STATE/v1 RUNNING/RUNNING_STATE/v1                         | true",
      "2@v1 | RUNNING/RUNNING_STATE/v1                                                  | false",
      "2@v1 | RUNNING/RUNNING_STATE/v1 RUNNING/STAGING/v1                               | false",
      "2@v2 | RUNNING/RUNNING_STATE/v1 RUNNING/RUNNING_STATE/v2                         | false",
      "1@v1 | RUNNING/RUNNING_STATE/v1 STOPPED/SUSPENDED/v1                             | true",
      "1@v1 | RUNNING/RUNNING_STATE/v1 STOPPED/RUNNING_STATE/v1                         | false",
      "1@v1 | RUNNING/RUNNING_STATE/v1 STOPPED/UNREACHABLE/v1                           | true",
      "1@v1 | RUNNING/RUNNING_STATE/v1 DECOMMISSIONED/RESERVING/v1                      | false",
      "1@v1 | RUNNING/RUNNING_STATE/v1 RUNNING/RUNNING_STATE/v1                         | false",
      "0@v1 |                                                                           | true",
      "-    |                                                                           | true",
      "-    | DECOMMISSIONED/SUSPENDED/v1 DECOMMISSIONED/GONE/v1                        | false",
      "-    | DECOMMISSIONED/STAGING/v1                                                 | false",
      "-    | STOPPED/SUSPENDED/v1                                                      | false",
      "1@v1+hc | RUNNING/RUNNING_STATE/v1/healthy                                        | true",
      "1@v1+hc | RUNNING/RUNNING_STATE/v1/unhealthy                                      | false",
      "1@v1+hc | RUNNING/RUNNING_STATE/v1                                                | false",
      "1@v1    | RUNNING/RUNNING_STATE/v1/unhealthy                                      | true"})
  void converged(String spec, String instances, boolean expected) {
    List<Instance> list = new ArrayList<>();
    if (instances != null) {
      for (String word : instances.trim().split("\\s+")) {
        String[] parts = word.split("/");
        Instance instance = instance("i" + list.size(), InstanceState.valueOf(parts[1]), Goal.valueOf(parts[0]),
            parts[2], 0);
        if (parts.length > 3) {
          Instance.Builder checked = instance.toBuilder();
          if (checked.getTasksCount() == 0) {
            checked.addTasks(Task.newBuilder().setTaskId("t" + list.size()).setMesosState("TASK_RUNNING"));
          }
          checked.getTasksBuilderList().forEach(task -> task.setHealthy(parts[3].equals("healthy")));
          instance = checked.build();
        }
        list.add(instance);
      }
    }
    String version = spec.contains("@") ? spec.split("@")[1].replace("+hc", "") : "";
    Optional<RunSpec> runSpec = spec.equals("-") ? Optional.empty() : Optional.of(Fixtures.app(
        Integer.parseInt(spec.split("@")[0]), version, version, 0.5));
    if (spec.endsWith("+hc")) {
      Struct check = Struct.newBuilder().putFields("protocol", Value.newBuilder().setStringValue("MESOS_TCP").build())
          .build();
      runSpec = Optional.of(runSpec.get().toBuilder().setApp(runSpec.get().getApp().toBuilder()
          .addHealthChecks(check)).build());
    }

    assertEquals(expected, Convergence.converged(runSpec, list));
  }

  /**
   * A pod whose "web" container has a health check ("+hc") and whose sidecar has none: an instance is up once web's
   * task is healthy, whatever the sidecar's says. Health per task: healthy, unhealthy, or "-" for no result yet.
   */
  @ParameterizedTest(name = "{0}: web {1}, sidecar {2} -> {3}")
  @CsvSource({
      "+hc, healthy,   -,         true",
      "+hc, healthy,   unhealthy, true",
      "+hc, unhealthy, healthy,   false",
      "+hc, -,         healthy,   false",
      "+hc, -,         -,         false",
      "'',  -,         -,         true",
      "'',  unhealthy, unhealthy, true"})
  void aPodIsUpOnceEveryTaskWithACheckIsHealthy(String check, String web, String sidecar, boolean expected) {
    Instance.Builder instance = instance("i0", InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", 0).toBuilder()
        .setKind(RunSpecKind.POD).clearTasks()
        .addTasks(podTask("db.instance-i0.web.1", web)).addTasks(podTask("db.instance-i0.sidecar.1", sidecar));

    assertEquals(expected, Convergence.converged(Optional.of(Fixtures.pod(1, "v1", 0.5, check.equals("+hc"))),
        List.of(instance.build())));
  }

  private static Task podTask(String taskId, String health) {
    Task.Builder task = Task.newBuilder().setTaskId(taskId).setIncarnation(1).setMesosState("TASK_RUNNING");
    if (!health.equals("-")) {
      task.setHealthy(health.equals("healthy"));
    }
    return task.build();
  }
}
