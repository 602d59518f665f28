package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.AGENT;
import static io.mooring.reservation.core.Fixtures.INSTANCE;
import static io.mooring.reservation.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimTest {
  private static final long NOW = T0 + 5_000;
  private static final Reservation OFFERED = Reservation.newBuilder().setAgentId(AGENT).setHostname("host-1")
      .addResources(ReservedResource.newBuilder().setName("mem").setScalar(128))
      .addOperationIds("op-r").addOperationIds("op-c").build();

  private static InstanceEvent.Claimed claim(long fence, String configVersion, Reservation reservation, Task... tasks) {
    return new InstanceEvent.Claimed(fence, configVersion, reservation, List.of(tasks), NOW, NOW + 20_000);
  }

  private static Task task(int incarnation) {
    return Fixtures.task(INSTANCE + "._app." + incarnation, incarnation, "");
  }

  @Test
  void firstLaunchTakesTheClaimsReservationUnconfirmed() {
    Transition t = InstanceMachine.apply(Fixtures.in(InstanceState.SCHEDULED), claim(7, "v1", OFFERED, task(1)));

    Instance claimed = t.instance();
    assertEquals(InstanceState.RESERVING, claimed.getState());
    assertEquals(OFFERED.getResourcesList(), claimed.getReservation().getResourcesList());
    assertEquals(List.of("op-r", "op-c"), claimed.getReservation().getOperationIdsList());
    assertFalse(claimed.getReservation().getConfirmed());
    assertEquals(NOW + 20_000, claimed.getReservation().getDeadlineMillis());
    assertEquals(claimed.getVolumesList(), claimed.getReservation().getVolumesList(), "volumes from the instance");
    assertEquals(1, claimed.getIncarnation());
    assertEquals(7, claimed.getClaimFence());
    assertEquals(Timestamps.format(NOW), claimed.getTasks(0).getStagedAt());
  }

  @Test
  void relaunchKeepsTheReservationAndRefreshesTheHostname() {
    Instance suspended = Fixtures.in(InstanceState.SUSPENDED).toBuilder().setKillTaskId("x").build();
    Reservation offered = Reservation.newBuilder().setAgentId(AGENT).setHostname("host-1.renamed").build();

    Instance claimed = InstanceMachine.apply(suspended, claim(1, "v1", offered, task(2))).instance();

    assertEquals(InstanceState.RESERVING, claimed.getState());
    assertEquals(suspended.getReservation().getResourcesList(), claimed.getReservation().getResourcesList());
    assertTrue(claimed.getReservation().getConfirmed());
    assertEquals("host-1.renamed", claimed.getReservation().getHostname());
    assertEquals(List.of(task(2).getTaskId()), claimed.getTasksList().stream().map(Task::getTaskId).toList());
    assertEquals("", claimed.getKillTaskId());
  }

  @Test
  void aRelaunchFollowsTheReservationToTheNewIdOfARebootedAgent() {
    Instance suspended = Fixtures.in(InstanceState.SUSPENDED);
    Reservation rebooted = OFFERED.toBuilder().setAgentId("agent-1-after-reboot").build();
    Transition t = InstanceMachine.apply(suspended, claim(1, "v1", rebooted, task(2)));

    assertTrue(t.illegal().isEmpty());
    assertEquals("agent-1-after-reboot", t.instance().getReservation().getAgentId());
    assertEquals(suspended.getReservation().getResourcesList(), t.instance().getReservation().getResourcesList(),
        "the same labelled resources and volumes, found by offer-service under the new id");
    assertEquals(suspended.getReservation().getVolumesList(), t.instance().getReservation().getVolumesList());
  }

  @Test
  void theSameClaimTwiceChangesNothing() {
    InstanceEvent.Claimed claim = claim(7, "v1", OFFERED, task(1));
    Transition first = InstanceMachine.apply(Fixtures.in(InstanceState.SCHEDULED), claim);
    Transition second = InstanceMachine.apply(first.instance(), claim);

    assertFalse(second.changed());
    assertTrue(second.illegal().isEmpty());
  }

  @Test
  void theSameClaimAgainOnARelaunchChangesNothing() {
    Instance suspended = Fixtures.in(InstanceState.SUSPENDED);
    InstanceEvent.Claimed claim = claim(1, "v1", suspended.getReservation().toBuilder().clearOperationIds().build(),
        task(2));
    Transition first = InstanceMachine.apply(suspended, claim);
    Transition second = InstanceMachine.apply(first.instance(), claim);

    assertTrue(first.changed());
    assertFalse(second.changed());
    assertTrue(second.illegal().isEmpty());
  }

  /** Same fence and task ids, but another offer: granting it would send a second ACCEPT of the same task. */
  static Stream<Arguments> repeatedClaimsOfAnotherOffer() {
    return Stream.of(
        Arguments.of("another agent", OFFERED.toBuilder().setAgentId("agent-2").build()),
        Arguments.of("other resources", OFFERED.toBuilder().setResources(0,
            OFFERED.getResources(0).toBuilder().setScalar(64)).build()),
        Arguments.of("other operations", OFFERED.toBuilder().setOperationIds(0, "op-r2").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repeatedClaimsOfAnotherOffer")
  void aClaimedInstanceRefusesAClaimOfAnotherOffer(String why, Reservation other) {
    Instance claimed = InstanceMachine.apply(Fixtures.in(InstanceState.SCHEDULED), claim(7, "v1", OFFERED, task(1)))
        .instance();

    Transition again = InstanceMachine.apply(claimed, claim(7, "v1", other, task(1)));

    assertTrue(again.illegal().isPresent(), why);
    assertEquals(claimed, again.instance());
  }

  static Stream<Arguments> refusedClaims() {
    Instance scheduled = Fixtures.in(InstanceState.SCHEDULED);
    Instance suspended = Fixtures.in(InstanceState.SUSPENDED);
    return Stream.of(
        Arguments.of("goal stopped", scheduled.toBuilder().setGoal(Goal.STOPPED).build(),
            claim(1, "v1", OFFERED, task(1))),
        Arguments.of("stale config version", scheduled, claim(1, "v0", OFFERED, task(1))),
        Arguments.of("deposed leader", scheduled.toBuilder().setClaimFence(9).build(),
            claim(8, "v1", OFFERED, task(1))),
        Arguments.of("backing off", scheduled.toBuilder().setBackoffUntilMillis(NOW + 1).build(),
            claim(1, "v1", OFFERED, task(1))),
        Arguments.of("no task", scheduled, claim(1, "v1", OFFERED)),
        Arguments.of("another instance's task", scheduled,
            claim(1, "v1", OFFERED, Fixtures.task("db.instance-2._app.1", 1, ""))),
        Arguments.of("incarnation not above", suspended, claim(1, "v1", OFFERED, task(1))),
        Arguments.of("no agent", scheduled, claim(1, "v1", Reservation.getDefaultInstance(), task(1))),
        Arguments.of("relaunch on no agent", suspended,
            claim(1, "v1", OFFERED.toBuilder().setAgentId("").build(), task(2))),
        Arguments.of("unconfirmed suspended", edit(suspended, i -> i.getReservationBuilder().setConfirmed(false)),
            claim(1, "v1", OFFERED, task(2))),
        Arguments.of("scheduled with a reservation", scheduled.toBuilder().setReservation(OFFERED).build(),
            claim(1, "v1", OFFERED, task(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedClaims")
  void refused(String why, Instance instance, InstanceEvent.Claimed claim) {
    Transition t = InstanceMachine.apply(instance, claim);

    assertTrue(t.illegal().isPresent(), why);
    assertFalse(t.changed());
    assertEquals(instance, t.instance());
  }

  private static Instance edit(Instance instance, Consumer<Instance.Builder> change) {
    Instance.Builder builder = instance.toBuilder();
    change.accept(builder);
    return builder.build();
  }
}
