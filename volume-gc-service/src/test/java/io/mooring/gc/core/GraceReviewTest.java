package io.mooring.gc.core;

import static io.mooring.gc.core.Fixtures.FW;
import static io.mooring.gc.core.Fixtures.cpus;
import static io.mooring.gc.core.Fixtures.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.ResourceOwner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GraceReviewTest {
  static final long NOW = 10_000_000L;
  static final Duration GRACE = Duration.ofMinutes(5);
  static final long G = GRACE.toMillis();

  static final Orphan A = orphan("a1", "app.instance-1", "claim-1");
  static final Orphan B = orphan("a1", "app.instance-1", "claim-2");
  static final Orphan C = orphan("a1", "app.instance-2", "claim-3");
  static final Orphan D = orphan("a2", "app.instance-3", "claim-4");
  static final Orphan A_ON_A2 = orphan("a2", "app.instance-1", "claim-1");

  static Stream<Arguments> reviews() {
    return Stream.of(
        Arguments.of("nothing seen, nothing recorded", List.of(), Map.of(), GRACE, List.of(), List.of(), List.of()),
        Arguments.of("first seen: record it", List.of(A), Map.of(), GRACE, List.of(A), List.of(), List.of()),
        Arguments.of("recorded just now", List.of(A), Map.of(A.key(), NOW), GRACE, List.of(), List.of(), List.of()),
        Arguments.of("within grace by a millisecond", List.of(A), Map.of(A.key(), NOW - G + 1), GRACE,
            List.of(), List.of(), List.of()),
        Arguments.of("exactly at grace: due", List.of(A), Map.of(A.key(), NOW - G), GRACE,
            List.of(), List.of(), List.of(A)),
        Arguments.of("long after grace: due", List.of(A), Map.of(A.key(), 0L), GRACE,
            List.of(), List.of(), List.of(A)),
        Arguments.of("first seen in the future (clock skew): not due", List.of(A), Map.of(A.key(), NOW + G), GRACE,
            List.of(), List.of(), List.of()),
        Arguments.of("no grace: due once recorded", List.of(A), Map.of(A.key(), NOW), Duration.ZERO,
            List.of(), List.of(), List.of(A)),
        Arguments.of("no grace, first seen: record only", List.of(A), Map.of(), Duration.ZERO,
            List.of(A), List.of(), List.of()),
        Arguments.of("recorded, referenced again: forget", List.of(), Map.of(A.key(), NOW - 1), GRACE,
            List.of(), List.of(A.key()), List.of()),
        Arguments.of("recorded past grace, no longer unreferenced: forget, never due", List.of(),
            Map.of(A.key(), 0L), GRACE, List.of(), List.of(A.key()), List.of()),
        Arguments.of("same instance and claim on another agent is another orphan", List.of(A, A_ON_A2),
            Map.of(A.key(), NOW - G), GRACE, List.of(A_ON_A2), List.of(), List.of(A)),
        Arguments.of("several at once", List.of(D, A, B, C),
            Map.of(B.key(), NOW - 1, C.key(), NOW - G, D.key(), NOW - 2 * G, "a9/gone/x", 1L, "a0/gone/y", NOW),
            GRACE, List.of(A), List.of("a0/gone/y", "a9/gone/x"), List.of(D, C)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reviews")
  void of(String name, List<Orphan> unreferenced, Map<String, Long> firstSeen, Duration grace,
      List<Orphan> toRecord, List<String> toForget, List<Orphan> due) {
    assertEquals(new GraceReview(toRecord, toForget, due), GraceReview.of(unreferenced, firstSeen, NOW, grace));
  }

  private static Orphan orphan(String agentId, String instanceId, String claimId) {
    Map<String, String> labels = labels(FW, instanceId, claimId);
    return new Orphan(agentId, "host-" + agentId,
        ResourceOwner.newBuilder().setInstanceId(instanceId).setClaimId(claimId).build(),
        new Identity(labels, Set.of()), List.of(cpus(1, labels)));
  }
}
