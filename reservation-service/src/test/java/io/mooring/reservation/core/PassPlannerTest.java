package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pass over every run spec: new instances a batch at a time, held run specs left alone. */
class PassPlannerTest {
  private static final long NOW = Fixtures.T0;
  private static final int BATCH = 500;

  @Test
  void aHugeAppIsCreatedABatchPerPassAndTheRestFollowAtOnce() {
    Book book = new Book(List.of());
    List<Long> batches = new ArrayList<>();
    List<Boolean> more = new ArrayList<>();
    PassPlanner.Plan plan;
    IdSource ids = new Fixtures.CountingIds();
    do {
      plan = PassPlanner.plan(Map.of(Fixtures.APP, Fixtures.app(1_200)), book.all(), List.of(), BATCH, "mooring",
          NOW, ids);
      book.apply(plan.actions());
      batches.add(creates(plan));
      more.add(plan.more());
    } while (plan.more() && batches.size() < 10);

    assertEquals(List.of(500L, 500L, 200L), batches);
    assertEquals(List.of(true, true, false), more);
    assertEquals(1_200, book.all().size());
  }

  @Test
  void theBatchIsSharedByEveryRunSpecOfThePass() {
    Map<String, RunSpec> specs = Map.of("/a", Fixtures.app(300), "/b", Fixtures.app(300));
    Book book = new Book(List.of());
    IdSource ids = new Fixtures.CountingIds();

    PassPlanner.Plan first = PassPlanner.plan(specs, book.all(), List.of(), BATCH, "mooring", NOW, ids);
    book.apply(first.actions());
    PassPlanner.Plan second = PassPlanner.plan(specs, book.all(), List.of(), BATCH, "mooring", NOW, ids);
    book.apply(second.actions());

    assertEquals(500, creates(first));
    assertTrue(first.more());
    assertEquals(100, creates(second));
    assertFalse(second.more());
    assertEquals(new PassPlanner.Plan(List.of(), false),
        PassPlanner.plan(specs, book.all(), List.of(), BATCH, "mooring", NOW, ids), "converged");
  }

  @Test
  void aHeldRunSpecIsNotPlannedAtAll() {
    Instance kept = PlannerTest.running("kept", 0).toBuilder().setRunSpecId("/missing").build();
    Map<String, RunSpec> specs = Map.of(Fixtures.APP, Fixtures.app(1));

    PassPlanner.Plan held = PassPlanner.plan(specs, List.of(kept), List.of("/missing"), BATCH, "mooring", NOW,
        new Fixtures.CountingIds());
    PassPlanner.Plan released = PassPlanner.plan(specs, List.of(kept), List.of(), BATCH, "mooring", NOW,
        new Fixtures.CountingIds());

    assertTrue(held.actions().stream().allMatch(Action.Create.class::isInstance), held.actions().toString());
    assertTrue(released.actions().contains(new Action.Apply(kept.getInstanceId(),
        new InstanceEvent.GoalChange(Goal.DECOMMISSIONED, NOW))), released.actions().toString());
  }

  private static long creates(PassPlanner.Plan plan) {
    return plan.actions().stream().filter(Action.Create.class::isInstance).count();
  }
}
