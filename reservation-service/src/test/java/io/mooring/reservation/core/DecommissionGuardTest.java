package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which run specs missing from definition-service's snapshot keep their instances, under the default settings. */
class DecommissionGuardTest {
  private static final DecommissionGuard.Rule DEFAULTS = new DecommissionGuard.Rule(0.1, 3, false);

  /** What a first pass holds, with nothing held before. */
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

    DecommissionGuard.Held result = DecommissionGuard.held(
        DecommissionGuard.census(ids(specs), ids(deleted), instances), Set.of(), rule(confirmed));

    assertEquals(sorted(held), result.runSpecIds());
  }

  /**
   * A pass after others: what was held stays held while it is missing, whatever the proportions; what newly went
   * missing is weighed together with it. "/a=20": /a is missing with 20 live instances.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                            | missing    | held before | live | no specs | confirm | held
      A, pass 1: /db is 5 of 40 live                    | /db=5      |             | 40   | false    | false   | /db
      A, pass 2: /web scaled up to 60 live, /db stays   | /db=5      | /db         | 60   | false    | false   | /db
      B, pass 1: /a and /b are 25 of 100 live           | /a=20 /b=5 |             | 100  | false    | false   | /a /b
      B, pass 2: /a confirmed, /b stays                 | /b=5       | /a /b       | 100  | false    | false   | /b
      B, pass 3: /a decommissioned, /b stays            | /b=5       | /b          | 75   | false    | false   | /b
      a spec back or deleted releases its run spec      |            | /a          | 50   | false    | false   |
      a small newcomer beside a hold is held with it    | /a=20 /b=1 | /a          | 100  | false    | false   | /a /b
      a small newcomer goes when all missing would      | /db=5 /x=1 | /db         | 60   | false    | false   | /db
      a large newcomer is held beside a small hold      | /db=5 /x=9 | /db         | 60   | false    | false   | /db /x
      a small newcomer goes when nothing is held        | /b=3       |             | 100  | false    | false   |
      an empty snapshot holds a newcomer however small  | /a=5 /b=1  | /a          | 100  | true     | false   | /a /b
      the setting releases every hold                   | /a=20 /b=1 | /a          | 100  | false    | true    |
      """)
  void holdsAreSticky(String name, String missing, String heldBefore, long live, boolean noSpecs, boolean confirmed,
      String held) {
    DecommissionGuard.Census census = new DecommissionGuard.Census(counts(missing), live, noSpecs);

    DecommissionGuard.Held result = DecommissionGuard.held(census, ids(heldBefore), rule(confirmed));

    assertEquals(sorted(held), result.runSpecIds());
  }

  @Test
  void saysHowManyInstancesItHoldsOfHowManyLive() {
    List<Instance> instances = new ArrayList<>(instances("/a=20 /b=4 /c=3", Goal.RUNNING));
    instances.addAll(instances("/b=7", Goal.DECOMMISSIONED));

    DecommissionGuard.Held held = DecommissionGuard.held(DecommissionGuard.census(Set.of("/a"), Set.of(), instances),
        Set.of(), DEFAULTS);

    assertEquals(new DecommissionGuard.Held(List.of("/b", "/c"), 7, 27), held);
  }

  private static DecommissionGuard.Rule rule(boolean confirmed) {
    return new DecommissionGuard.Rule(DEFAULTS.share(), DEFAULTS.floor(), confirmed);
  }

  private static List<String> sorted(String spaced) {
    return ids(spaced).stream().sorted().toList();
  }

  /** "/a=2 /b=1": /a counts 2, /b 1. */
  private static Map<String, Long> counts(String spaced) {
    return ids(spaced).stream().collect(Collectors.toMap(entry -> entry.substring(0, entry.indexOf('=')),
        entry -> Long.parseLong(entry.substring(entry.indexOf('=') + 1))));
  }

  private static Set<String> ids(String spaced) {
    return spaced == null ? Set.of() : Set.of(spaced.trim().split("\\s+"));
  }

  /** "/a=2 /b=1": two instances of /a and one of /b. */
  private static List<Instance> instances(String counts, Goal goal) {
    return counts(counts).entrySet().stream().flatMap(count -> LongStream.range(0, count.getValue())
        .mapToObj(i -> Instance.newBuilder().setInstanceId(count.getKey().substring(1) + ".instance-" + goal + i)
            .setRunSpecId(count.getKey()).setGoal(goal).build())).toList();
  }
}
