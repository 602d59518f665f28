package io.mooring.gc.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.gc.core.Step;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.Garbage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records a pass keeps between passes: an absent agent's grace, a backoff, a verified expunge. */
class PlanTest {
  private static final Duration ABSENT_GRACE = Duration.ofMinutes(10);
  private static final Garbage ITEM = Garbage.newBuilder().setInstanceId("db.instance-1").setAgentId("a1")
      .setId("g1").setKey("db.instance-1/a1/g1").setReason(Garbage.Reason.CLAIM_EXPIRED).build();
  private static final String KEY = Collector.GARBAGE + ITEM.getKey();
  private static final Cleaned CLEANED = Cleaned.newBuilder().setInstanceId("db.instance-1").setAgentId("a1")
      .setGarbageId("g1").build();

  @Test
  void anAbsentAgentsGarbageIsForgottenOnlyAfterTheGracePeriod() {
    Map<String, Cleanup> records = new HashMap<>();
    Plan first = new Plan(1_000, ABSENT_GRACE, records);
    first.garbage(ITEM, new Step.Vanished("a1"));
    Cleanup absent = first.puts().get(KEY);
    assertEquals(Cleanup.Phase.ABSENT, absent.getPhase());
    assertEquals(1_000 + ABSENT_GRACE.toMillis(), absent.getNotBeforeMillis());
    assertEquals(Map.of(), first.expunges());
    records.put(KEY, absent);

    Plan during = new Plan(1_000 + ABSENT_GRACE.toMillis() - 1, ABSENT_GRACE, records);
    during.garbage(ITEM, new Step.Vanished("a1"));
    assertEquals(Map.of(), during.puts(), "the grace period is not restarted");
    assertEquals(Map.of(), during.expunges());
    assertEquals(1, during.waiting());

    Plan back = new Plan(1_000 + ABSENT_GRACE.toMillis() - 1, ABSENT_GRACE, records);
    back.garbage(ITEM, new Step.Expunge());
    assertEquals(Map.of(CLEANED, KEY), back.expunges(), "the agent returned holding nothing of it");

    Plan after = new Plan(1_000 + ABSENT_GRACE.toMillis(), ABSENT_GRACE, records);
    after.garbage(ITEM, new Step.Vanished("a1"));
    assertEquals(Map.of(CLEANED, KEY), after.expunges());
  }

  @Test
  void aRefusedCallBacksOffAndAVerifiedOneIsExpunged() {
    Cleanup backingOff = Cleanup.newBuilder().setPhase(Cleanup.Phase.DESTROYING).setAttempts(1)
        .setNotBeforeMillis(5_000).build();
    Plan plan = new Plan(4_999, ABSENT_GRACE, Map.of(KEY, backingOff));
    plan.garbage(ITEM, new Step.Expunge());
    assertEquals(Map.of(), plan.expunges(), "nothing before its backoff ends");
    assertEquals(List.of(), plan.work());

    Cleanup verifying = backingOff.toBuilder().setPhase(Cleanup.Phase.VERIFYING).setNotBeforeMillis(0).build();
    Plan next = new Plan(5_000, ABSENT_GRACE, Map.of(KEY, verifying));
    next.garbage(ITEM, new Step.Expunge());
    assertEquals(Map.of(CLEANED, KEY), next.expunges());
  }

  @Test
  void aStaleRecordIsForgottenAndAWaitIsWrittenOnce() {
    Plan plan = new Plan(0, ABSENT_GRACE, Map.of("g/gone/a1/x", Cleanup.getDefaultInstance()));
    plan.garbage(ITEM, new Step.Wait("a1", "agent a1 is not connected"));
    plan.forgetStale(List.of(KEY));
    assertEquals(List.of("g/gone/a1/x"), plan.deletes());
    Cleanup waiting = plan.puts().get(KEY);
    assertEquals(Cleanup.Phase.WAITING, waiting.getPhase());

    Plan again = new Plan(1, ABSENT_GRACE, Map.of(KEY, waiting));
    again.garbage(ITEM, new Step.Wait("a1", "agent a1 is not connected"));
    assertTrue(again.puts().isEmpty(), "an unchanged wait is not written again");
  }
}
