package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.QueuedRunSpec;
import io.mooring.proto.v1.RunSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LaunchQueueViewTest {
  private static final RunSpec A = spec("/a", "sleep 1");
  private static final RunSpec B = spec("/b", "sleep 1");
  private static final RunSpec Z = spec("/z", "sleep 1");
  private final TestClock clock = new TestClock();
  private final LaunchQueueView view = new LaunchQueueView(clock);

  /** A message, whether the view says it grew, and the instances pending after it ("id:incarnation"). */
  record Step(LaunchQueueUpdate message, boolean grew, List<String> pending) {}

  record Case(String name, List<Step> steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> streams() {
    return Stream.of(
        new Case("a reset in several messages counts once complete", List.of(
            new Step(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).build(), false, List.of()),
            new Step(message().addSpecs(queued(B)).addRequests(request(B, "b1", 0)).setComplete(true).build(), true,
                List.of("a1:0", "b1:0")))),
        new Case("changes apply by instance id", List.of(
            new Step(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).addRequests(request(A, "a2", 0))
                .setComplete(true).build(), true, List.of("a1:0", "a2:0")),
            new Step(message().addRequests(request(A, "a1", 1)).addRequests(request(A, "a3", 0))
                .addRemovedInstanceIds("a2").setComplete(true).build(), true, List.of("a1:1", "a3:0")),
            new Step(message().addRequests(request(A, "a3", 2)).setComplete(true).build(), false,
                List.of("a1:1", "a3:2")))),
        new Case("a reset replaces everything; it grows only by instances the queue lacked", List.of(
            new Step(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).addRequests(request(A, "a2", 0))
                .setComplete(true).build(), true, List.of("a1:0", "a2:0")),
            new Step(reset().addSpecs(queued(A)).addRequests(request(A, "a2", 0)).setComplete(true).build(), false,
                List.of("a2:0")),
            new Step(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).setComplete(true).build(), true,
                List.of("a1:0")))),
        new Case("the queue's order: run spec id, then instance id", List.of(
            new Step(reset().addSpecs(queued(Z)).addSpecs(queued(A)).addRequests(request(Z, "a-of-z", 0))
                .addRequests(request(A, "z2-of-a", 0)).addRequests(request(A, "z1-of-a", 0)).setComplete(true)
                .build(), true, List.of("z1-of-a:0", "z2-of-a:0", "a-of-z:0")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void messagesApplyIntoTheQueue(Case c) {
    for (Step step : c.steps()) {
      assertEquals(step.grew(), view.update(step.message()), "grew after " + step.message());
      assertEquals(step.pending(), pending(), "pending after " + step.message());
    }
  }

  @Test
  void requestsCarryTheirSpecFromTheStreamUntilItIsDropped() {
    view.update(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).setComplete(true).build());
    assertEquals(A, view.pending().get(0).getSpec());

    RunSpec edited = spec("/a", "sleep 2");
    view.update(message().addSpecs(queued(edited)).addRequests(request(edited, "a1", 0)).setComplete(true).build());
    assertEquals(edited, view.pending().get(0).getSpec());

    view.update(message().addRemovedInstanceIds("a1").addRemovedSpecKeys("/a@v1").setComplete(true).build());
    LaunchQueueUpdate naming = message().addRequests(request(A, "a2", 0)).setComplete(true).build();
    assertThrows(IllegalStateException.class, () -> view.update(naming), "the stream must start over");
  }

  /**
   * The claim's reply and the stream travel apart: a message published before the claim committed can arrive after
   * the claim returned. Hidden only until any newer message, as before, the instance would be claimed twice.
   */
  @Test
  void aClaimedInstanceStaysHiddenFromMessagesPublishedBeforeTheClaim() {
    view.update(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).addRequests(request(A, "a2", 0))
        .setRevision(1).setComplete(true).build());
    view.claimed("a1", 1);
    assertEquals(List.of("a2:0"), pending());

    // published before the claim committed: a1 still at incarnation 0
    view.update(message().addRequests(request(A, "a2", 1)).addRequests(request(A, "a1", 0)).setRevision(2)
        .setComplete(true).build());
    assertEquals(List.of("a2:1"), pending(), "a1 must not be offered again");

    // published after it: a1 is no longer queued
    view.update(message().addRemovedInstanceIds("a1").setRevision(3).setComplete(true).build());
    assertEquals(List.of("a2:1"), pending());

    // the claim expired: a1 comes back at the claimed incarnation, to be claimed at the next one
    view.update(message().addRequests(request(A, "a1", 1)).setRevision(4).setComplete(true).build());
    assertEquals(List.of("a1:1", "a2:1"), pending());
  }

  @Test
  void aResetStillBeingReceivedDoesNotLiftAHide() {
    view.update(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).setComplete(true).build());
    view.claimed("a1", 1);

    view.update(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 2)).build());
    assertEquals(List.of(), pending(), "the queue shown is still the old one");

    view.update(message().setComplete(true).build());
    assertEquals(List.of("a1:2"), pending(), "relaunched: a later incarnation");
  }

  @Test
  void aHideIsForgottenAfterFiveMinutes() {
    view.update(reset().addSpecs(queued(A)).addRequests(request(A, "a1", 0)).setComplete(true).build());
    view.claimed("a1", 1);
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    view.update(message().addRequests(request(A, "a1", 0)).setComplete(true).build());
    assertEquals(List.of(), pending());

    clock.advance(Duration.ofMillis(2));
    view.update(message().addRequests(request(A, "a1", 0)).setComplete(true).build());
    assertEquals(List.of("a1:0"), pending());
  }

  private List<String> pending() {
    return view.pending().stream()
        .map(r -> r.getInstance().getInstanceId() + ":" + r.getInstance().getIncarnation()).toList();
  }

  private static LaunchQueueUpdate.Builder reset() {
    return message().setReset(true);
  }

  private static LaunchQueueUpdate.Builder message() {
    return LaunchQueueUpdate.newBuilder();
  }

  private static RunSpec spec(String id, String cmd) {
    return RunSpec.newBuilder().setApp(App.newBuilder().setId(id).setVersion("v1").setCmd(cmd)).build();
  }

  private static QueuedRunSpec queued(RunSpec spec) {
    return QueuedRunSpec.newBuilder().setKey(spec.getApp().getId() + "@v1").setSpec(spec).build();
  }

  /** As the stream sends it: naming its spec. */
  private static LaunchRequest request(RunSpec spec, String instanceId, int incarnation) {
    return LaunchRequest.newBuilder().setSpecKey(spec.getApp().getId() + "@v1").setInstance(Instance.newBuilder()
        .setInstanceId(instanceId).setRunSpecId(spec.getApp().getId()).setIncarnation(incarnation)).build();
  }

  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2024-05-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
