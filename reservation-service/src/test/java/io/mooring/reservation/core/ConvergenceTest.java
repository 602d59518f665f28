package io.mooring.reservation.core;

import static io.mooring.reservation.core.PlannerTest.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvergenceTest {
  /**
   * Instances as "goal/state/config" words; spec "-" means deleted, otherwise instances@configVersion.
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
      "-    | STOPPED/SUSPENDED/v1                                                      | false"})
  void converged(String spec, String instances, boolean expected) {
    List<Instance> list = new ArrayList<>();
    if (instances != null) {
      for (String word : instances.trim().split("\\s+")) {
        String[] parts = word.split("/");
        list.add(instance("i" + list.size(), InstanceState.valueOf(parts[1]), Goal.valueOf(parts[0]), parts[2], 0));
      }
    }
    Optional<RunSpec> runSpec = spec.equals("-") ? Optional.empty() : Optional.of(Fixtures.app(
        Integer.parseInt(spec.split("@")[0]), spec.split("@")[1], spec.split("@")[1], 0.5));

    assertEquals(expected, Convergence.converged(runSpec, list));
  }
}
