package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which run specs missing from definition-service's snapshot keep their instances, under the default settings. */
class DecommissionGuardTest {
  private static final DecommissionGuard.Rule DEFAULTS = new DecommissionGuard.Rule(0.1, 3, false);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                               | specs | deleted | live             | decommissioned | confirm | held
      every spec present                   | /a /b |         | /a=5 /b=5        |                | false   |
      empty snapshot, one instance         |       |         | /a=1             |                | false   | /a
      empty snapshot, confirmed            |       |         | /a=1             |                | true    |
      empty snapshot, all decommissioned   |       |         |                  | /a=3           | false   |
      empty after the last app's deletion  |       | /a      | /a=2             |                | false   |
      one small app missing                | /a    |         | /a=40 /b=2       |                | false   |
      missing up to the floor              | /a    |         | /a=40 /b=3       |                | false   |
      beyond the floor, within the share   | /a    |         | /a=60 /b=5       |                | false   |
      beyond the floor and the share       | /a    |         | /a=40 /b=5       |                | false   | /b
      small apps missing add up            | /a    |         | /a=20 /b=2 /c=2  |                | false   | /b /c
      deleted apps go whatever their size  | /a    | /b      | /a=20 /b=10 /c=1 |                | false   |
      deleted apps go beside held ones     | /a    | /b      | /a=20 /b=10 /c=9 |                | false   | /c
      instances of a run spec never seen   | /a    |         | /a=2 /z=4        |                | false   | /z
      decommissioned instances not live    | /a    |         | /a=26 /b=4       | /a=100         | false   | /b
      partial snapshot, confirmed          | /a    |         | /a=20 /b=10      |                | true    |
      """)
  void holds(String name, String specs, String deleted, String live, String decommissioned, boolean confirmed,
      String held) {
    List<Instance> instances = new ArrayList<>(instances(live, Goal.RUNNING));
    instances.addAll(instances(decommissioned, Goal.DECOMMISSIONED));

    DecommissionGuard.Held result = DecommissionGuard.held(ids(specs), ids(deleted), instances,
        new DecommissionGuard.Rule(DEFAULTS.share(), DEFAULTS.floor(), confirmed));

    assertEquals(ids(held).stream().sorted().toList(), result.runSpecIds());
  }

  @Test
  void saysHowManyInstancesItHoldsOfHowManyLive() {
    List<Instance> instances = new ArrayList<>(instances("/a=20 /b=4 /c=3", Goal.RUNNING));
    instances.addAll(instances("/b=7", Goal.DECOMMISSIONED));

    DecommissionGuard.Held held = DecommissionGuard.held(Set.of("/a"), Set.of(), instances, DEFAULTS);

    assertEquals(new DecommissionGuard.Held(List.of("/b", "/c"), 7, 27), held);
  }

  private static Set<String> ids(String spaced) {
    return spaced == null ? Set.of() : Set.of(spaced.trim().split("\\s+"));
  }

  /** "/a=2 /b=1": two instances of /a and one of /b. */
  private static List<Instance> instances(String counts, Goal goal) {
    if (counts == null) {
      return List.of();
    }
    return Arrays.stream(counts.trim().split("\\s+")).flatMap(entry -> {
      String runSpecId = entry.substring(0, entry.indexOf('='));
      int count = Integer.parseInt(entry.substring(entry.indexOf('=') + 1));
      return IntStream.range(0, count).mapToObj(i -> Instance.newBuilder()
          .setInstanceId(runSpecId.substring(1) + ".instance-" + goal + i).setRunSpecId(runSpecId).setGoal(goal)
          .build());
    }).collect(Collectors.toList());
  }
}
