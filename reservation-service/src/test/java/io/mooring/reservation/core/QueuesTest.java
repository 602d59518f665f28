package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.T0;
import static io.mooring.reservation.core.PlannerTest.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.RunSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueuesTest {
  private static final long NOW = T0 + 60_000;
  private static final RunSpec SPEC = Fixtures.app(3).toBuilder()
      .setApp(Fixtures.app(3).getApp().toBuilder().setTaskKillGracePeriodSeconds(7)
          .addConstraints(ListValue.newBuilder().addValues(Value.newBuilder().setStringValue("hostname"))
              .addValues(Value.newBuilder().setStringValue("UNIQUE")))).build();
  private static final Function<String, Optional<RunSpec>> SPECS =
      id -> id.equals(Fixtures.APP) ? Optional.of(SPEC) : Optional.empty();

  private static Instance on(Instance instance, String host) {
    Instance.Builder builder = instance.toBuilder();
    builder.getReservationBuilder().setHostname(host);
    return builder.build();
  }

  private static List<String> ids(List<LaunchRequest> requests) {
    return requests.stream().map(r -> r.getInstance().getInstanceId().substring("db.instance-".length())).toList();
  }

  @Test
  void theLaunchQueueHoldsInstancesThatWantAnOfferNow() {
    List<Instance> instances = List.of(
        instance("new", InstanceState.SCHEDULED, Goal.RUNNING, "v1", 0),
        on(instance("relaunch", InstanceState.SUSPENDED, Goal.RUNNING, "v1", 1), "host-2"),
        instance("backoff", InstanceState.SUSPENDED, Goal.RUNNING, "v1", 2).toBuilder()
            .setBackoffUntilMillis(NOW + 1).build(),
        instance("stale", InstanceState.SCHEDULED, Goal.RUNNING, "v0", 3),
        instance("stopped", InstanceState.SUSPENDED, Goal.STOPPED, "v1", 4),
        on(instance("running", InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", 5), "host-1"),
        on(instance("wiped", InstanceState.SUSPENDED, Goal.DECOMMISSIONED, "v1", 6), "host-3"),
        instance("orphan", InstanceState.SCHEDULED, Goal.RUNNING, "v1", 7).toBuilder().setRunSpecId("/gone").build());

    List<LaunchRequest> queue = Queues.launchQueue(instances, SPECS, NOW);

    assertEquals(List.of("new", "relaunch"), ids(queue));
    assertEquals(false, queue.get(0).getOnReservation());
    assertEquals(true, queue.get(1).getOnReservation());
    assertEquals(SPEC, queue.get(0).getSpec());
    // every other instance of /db holding a reservation, not decommissioned, by instance id (default host: host-1)
    assertEquals(List.of("host-1", "host-2", "host-1", "host-1"), queue.get(0).getPeerHostsList());
    assertEquals(List.of("host-1", "host-1", "host-1"), queue.get(1).getPeerHostsList());

    // Peer hosts only serve constraints: without any the queue does not carry them.
    RunSpec unconstrained = SPEC.toBuilder().setApp(SPEC.getApp().toBuilder().clearConstraints()).build();
    assertEquals(List.of(), Queues.launchQueue(instances, id -> SPECS.apply(id).map(s -> unconstrained), NOW).get(0)
        .getPeerHostsList());
  }

  @Test
  void theKillQueueHoldsActiveTasksNobodyWants() {
    List<Instance> instances = List.of(
        instance("stopping", InstanceState.RUNNING_STATE, Goal.STOPPED, "v1", 0),
        instance("killed", InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", 1).toBuilder()
            .setKillTaskId("db.instance-killed._app.1").build(),
        instance("wiping", InstanceState.RESERVING, Goal.DECOMMISSIONED, "v1", 2),
        instance("running", InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", 3),
        instance("unreachable", InstanceState.UNREACHABLE, Goal.STOPPED, "v1", 4),
        instance("suspended", InstanceState.SUSPENDED, Goal.STOPPED, "v1", 5),
        instance("staleMark", InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", 6).toBuilder()
            .setKillTaskId("db.instance-staleMark._app.0").build());

    List<KillRequest> queue = Queues.killQueue(instances, SPECS);

    assertEquals(List.of("db.instance-killed._app.1", "db.instance-stopping._app.1", "db.instance-wiping._app.1"),
        queue.stream().map(KillRequest::getTaskId).toList());
    assertEquals(KillRequest.newBuilder().setInstanceId("db.instance-killed").setTaskId("db.instance-killed._app.1")
        .setAgentId(Fixtures.AGENT).setGracePeriodSeconds(7).build(), queue.get(0));
  }

  /** Only a backoff ends by time alone; a claim waits for Mesos's word, however overdue. */
  @Test
  void wakeUpAtTheEarliestBackoff() {
    Instance reserving = instance("r", InstanceState.RESERVING, Goal.RUNNING, "v1", 0); // deadline T0 + 20 s
    Instance backingOff = instance("b", InstanceState.SUSPENDED, Goal.RUNNING, "v1", 0).toBuilder()
        .setBackoffUntilMillis(T0 + 5_000).build();
    Instance stoppedBackingOff = backingOff.toBuilder().setInstanceId("db.instance-s").setGoal(Goal.STOPPED)
        .setBackoffUntilMillis(T0 + 1_000).build();

    assertEquals(OptionalLong.of(T0 + 5_000), Queues.nextWakeUp(List.of(reserving, backingOff, stoppedBackingOff), T0));
    assertEquals(OptionalLong.empty(), Queues.nextWakeUp(List.of(reserving, backingOff), T0 + 6_000));
    assertEquals(OptionalLong.empty(), Queues.nextWakeUp(List.of(reserving), T0 + 30_000));
    assertEquals(OptionalLong.empty(), Queues.nextWakeUp(List.of(backingOff), T0 + 6_000));
  }
}
