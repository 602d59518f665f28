package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Planner scenarios; each one also checks that planning again after applying the actions yields nothing. */
class PlannerTest {
  private static final long NOW = T0 + 60_000;

  /** An instance "db.instance-<name>" in a state, with a goal, a config version and an age (seconds after T0). */
  static Instance instance(String name, InstanceState state, Goal goal, String configVersion, int ageSeconds) {
    Instance typical = Fixtures.in(state);
    String id = "db.instance-" + name;
    Instance.Builder builder = typical.toBuilder().setInstanceId(id).setGoal(goal)
        .setConfigVersion(configVersion).setRunSpecVersion(configVersion)
        .setSince(Timestamps.format(T0 + ageSeconds * 1000L)).clearTasks();
    typical.getTasksList().forEach(t -> builder.addTasks(t.toBuilder().setTaskId(id + "._app.1")));
    return builder.build();
  }

  static Instance running(String name, int ageSeconds) {
    return instance(name, InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", ageSeconds);
  }

  private static String names(List<Action> actions, Class<?> event) {
    return actions.stream().filter(a -> a instanceof Action.Apply apply && event.isInstance(apply.event()))
        .map(a -> ((Action.Apply) a).instanceId().substring("db.instance-".length()))
        .sorted().collect(Collectors.joining(" "));
  }

  private static long creates(List<Action> actions) {
    return actions.stream().filter(Action.Create.class::isInstance).count();
  }

  @Test
  void createsTheMissingInstances() {
    Book book = new Book(List.of());

    List<Action> actions = book.converge(Optional.of(Fixtures.app(3)), NOW, new Fixtures.CountingIds());

    assertEquals(3, creates(actions));
    Instance first = ((Action.Create) actions.get(0)).instance();
    assertEquals("db.instance-u1", first.getInstanceId());
    assertEquals(RunSpecKind.APP, first.getKind());
    assertEquals(Fixtures.APP, first.getRunSpecId());
    assertEquals(Goal.RUNNING, first.getGoal());
    assertEquals(InstanceState.SCHEDULED, first.getState());
    assertEquals("v1", first.getRunSpecVersion());
    assertEquals("v1", first.getConfigVersion());
    assertEquals("mooring", first.getRole());
    assertEquals(0, first.getIncarnation());
    assertEquals(Timestamps.format(NOW), first.getSince());
    assertEquals(List.of(LocalVolume.newBuilder().setRunSpecId(Fixtures.APP).setContainerPath("data").setUuid("u2")
        .setPersistenceId("db#data#u2").build()), first.getVolumesList());
    assertTrue(!first.hasReservation());
  }

  /** Unreachable first, then unlaunched, then the least advanced launch; among equals the youngest. */
  @ParameterizedTest(name = "to {0}: stop {1}")
  @CsvSource({"4, unreachable", "3, scheduled unreachable", "2, scheduled staging unreachable",
      "1, scheduled staging unreachable young", "0, old scheduled staging unreachable young"})
  void scaleDownStopsVictimsInMarathonsOrder(int target, String victims) {
    Book book = new Book(List.of(running("old", 0), running("young", 30),
        instance("staging", InstanceState.STAGING, Goal.RUNNING, "v1", 1),
        instance("scheduled", InstanceState.SCHEDULED, Goal.RUNNING, "v1", 2),
        instance("unreachable", InstanceState.UNREACHABLE, Goal.RUNNING, "v1", 3)));

    List<Action> actions = book.converge(Optional.of(Fixtures.app(target)), NOW, new Fixtures.CountingIds());

    assertEquals(victims, names(actions, InstanceEvent.GoalChange.class));
    assertEquals(0, creates(actions));
  }

  @ParameterizedTest(name = "to {0}: reuse {1}, create {2}")
  @CsvSource({"2, suspended, 0", "3, scheduled suspended, 0", "5, scheduled suspended, 2"})
  void scaleUpReusesStoppedInstancesFirst(int target, String reused, int created) {
    Book book = new Book(List.of(running("a", 0),
        instance("scheduled", InstanceState.SCHEDULED, Goal.STOPPED, "v1", 1),
        instance("suspended", InstanceState.SUSPENDED, Goal.STOPPED, "v1", 2)));

    List<Action> actions = book.converge(Optional.of(Fixtures.app(target)), NOW, new Fixtures.CountingIds());

    assertEquals(reused, names(actions, InstanceEvent.GoalChange.class));
    assertEquals(created, creates(actions));
  }

  @Test
  void reusedInstancesTakeTheCurrentVersion() {
    Book book = new Book(List.of(instance("stopped", InstanceState.SUSPENDED, Goal.STOPPED, "v0", 1)));

    book.converge(Optional.of(Fixtures.app(1, "v2", "v1", 0.5)), NOW, new Fixtures.CountingIds());

    Instance reused = book.get("db.instance-stopped");
    assertEquals(Goal.RUNNING, reused.getGoal());
    assertEquals("v2", reused.getRunSpecVersion());
    assertEquals("v1", reused.getConfigVersion());
  }

  /** A stopped task still being killed will free its slot: wait for it instead of going over `instances`. */
  @ParameterizedTest(name = "to {0}: create {1}")
  @CsvSource({"3, 0", "4, 0", "5, 1"})
  void scaleUpWaitsForPendingKills(int target, int created) {
    Book book = new Book(List.of(running("a", 0), running("b", 1),
        instance("killing", InstanceState.RUNNING_STATE, Goal.STOPPED, "v1", 2),
        instance("wiping", InstanceState.STAGING, Goal.DECOMMISSIONED, "v1", 3)));

    List<Action> actions = book.converge(Optional.of(Fixtures.app(target)), NOW, new Fixtures.CountingIds());

    assertEquals(created, creates(actions));
    assertEquals(created, actions.size());
  }

  @Test
  void anUnreachableInstanceStillCounts() {
    Book book = new Book(List.of(running("a", 0), instance("lost", InstanceState.UNREACHABLE, Goal.RUNNING, "v1", 1)));

    assertEquals(List.of(), book.converge(Optional.of(Fixtures.app(2)), NOW, new Fixtures.CountingIds()));
  }

  @Test
  void decommissionedInstancesAreLeftToVolumeGc() {
    Book book = new Book(List.of(instance("wiped", InstanceState.SUSPENDED, Goal.DECOMMISSIONED, "v1", 0)));

    List<Action> actions = book.converge(Optional.of(Fixtures.app(1)), NOW, new Fixtures.CountingIds());

    assertEquals(1, creates(actions));
    assertEquals(1, actions.size());
  }

  @Test
  void deletingDecommissionsEveryInstance() {
    Book book = new Book(List.of(running("a", 0), instance("stopped", InstanceState.SUSPENDED, Goal.STOPPED, "v1", 1),
        instance("wiped", InstanceState.SCHEDULED, Goal.DECOMMISSIONED, "v1", 2)));

    List<Action> actions = book.converge(Optional.empty(), NOW, new Fixtures.CountingIds());

    assertEquals("a stopped", names(actions, InstanceEvent.GoalChange.class));
    assertTrue(book.all().stream().allMatch(i -> i.getGoal() == Goal.DECOMMISSIONED));
  }

  @Test
  void aScaleOnlyVersionRestartsNothing() {
    Book book = new Book(List.of(running("a", 0), running("b", 1),
        instance("stopped", InstanceState.SUSPENDED, Goal.STOPPED, "v1", 2)));

    List<Action> actions = book.converge(Optional.of(Fixtures.app(2, "v2", "v1", 0.5)), NOW,
        new Fixtures.CountingIds());

    assertEquals("a b", names(actions, InstanceEvent.NewVersion.class));
    assertEquals(2, actions.size());
    assertTrue(book.all().stream().filter(i -> i.getGoal() == Goal.RUNNING)
        .allMatch(i -> i.getRunSpecVersion().equals("v2") && i.getState() == InstanceState.RUNNING_STATE));
  }

  @Test
  void instancesWithoutATaskTakeANewConfigurationAtOnce() {
    Book book = new Book(List.of(instance("scheduled", InstanceState.SCHEDULED, Goal.RUNNING, "v1", 0),
        instance("suspended", InstanceState.SUSPENDED, Goal.RUNNING, "v1", 1)));

    List<Action> actions = book.converge(Optional.of(Fixtures.app(2, "v2", "v2", 0.5)), NOW,
        new Fixtures.CountingIds());

    assertEquals("scheduled suspended", names(actions, InstanceEvent.NewVersion.class));
    assertEquals(2, actions.size());
  }

  /**
   * Old running tasks are stopped as the restart strategy allows (5 instances at 0.5: 2 now, as far as health
   * allows); old tasks not running yet count for nothing and are stopped at once; unreachable ones are left alone.
   */
  @ParameterizedTest(name = "{0}: stop {1}")
  @CsvSource(delimiter = '|', value = {
      "RUNNING_STATE RUNNING_STATE RUNNING_STATE RUNNING_STATE RUNNING_STATE | i3 i4",
      "STAGING RUNNING_STATE RUNNING_STATE RUNNING_STATE RUNNING_STATE       | i0 i4",
      "UNREACHABLE RUNNING_STATE RUNNING_STATE RUNNING_STATE RUNNING_STATE   | i4",
      "RESERVING STAGING RUNNING_STATE RUNNING_STATE RUNNING_STATE           | i0 i1"})
  void restartStopsOldTasksAFewAtATime(String states, String stopped) {
    String[] each = states.split(" ");
    Book book = new Book(IntStream.range(0, each.length)
        .mapToObj(i -> instance("i" + i, InstanceState.valueOf(each[i]), Goal.RUNNING, "v1", i)).toList());

    List<Action> actions = book.converge(Optional.of(Fixtures.app(5, "v2", "v2", 0.5)), NOW,
        new Fixtures.CountingIds());

    assertEquals(stopped, names(actions, InstanceEvent.GoalChange.class));
    assertEquals(0, creates(actions), "the stopped ones come back once their task has ended");
  }

  /**
   * A pod restart (2 instances at 0.5: one may go once both are up) counts an instance as up only once the task of
   * its checked container "web" is healthy; the unchecked sidecar's health does not matter. Per instance:
   * "web,sidecar" health, healthy, unhealthy or "-" for no result yet.
   */
  @ParameterizedTest(name = "{0} -> stop {1}")
  @CsvSource(delimiter = '|', value = {
      "healthy,- healthy,-                 | 1",
      "healthy,unhealthy healthy,unhealthy | 1",
      "healthy,- -,-                       | 0",
      "healthy,healthy unhealthy,healthy   | 0"})
  void aPodRestartWaitsForTheCheckedContainersToBeHealthy(String health, int stopped) {
    String[] each = health.split(" ");
    Book book = new Book(IntStream.range(0, each.length).mapToObj(i -> {
      String[] byContainer = each[i].split(",");
      Instance.Builder pod = instance("i" + i, InstanceState.RUNNING_STATE, Goal.RUNNING, "v1", i).toBuilder()
          .setKind(RunSpecKind.POD).clearTasks();
      for (int c = 0; c < 2; c++) {
        Task.Builder task = Task.newBuilder().setTaskId("db.instance-i" + i + (c == 0 ? ".web.1" : ".sidecar.1"))
            .setIncarnation(1).setMesosState("TASK_RUNNING");
        if (!byContainer[c].equals("-")) task.setHealthy(byContainer[c].equals("healthy"));
        pod.addTasks(task);
      }
      return pod.build();
    }).toList());

    List<Action> actions = book.converge(Optional.of(Fixtures.pod(2, "v2", 0.5, true)), NOW,
        new Fixtures.CountingIds());

    assertEquals(stopped, actions.stream().filter(a -> a instanceof Action.Apply apply
        && apply.event() instanceof InstanceEvent.GoalChange).count(), actions.toString());
  }

  @Test
  void anInstanceWhoseAgentIsGoneGetsFreshVolumes() {
    Book book = new Book(List.of(instance("gone", InstanceState.GONE, Goal.RUNNING, "v1", 0)));

    book.converge(Optional.of(Fixtures.app(1)), NOW, new Fixtures.CountingIds());

    Instance relocated = book.get("db.instance-gone");
    assertEquals(InstanceState.SCHEDULED, relocated.getState());
    assertEquals("db#data#u1", relocated.getVolumes(0).getPersistenceId());
  }

  @Test
  void anInstanceWhoseClaimWasAbandonedGetsFreshVolumesAndOnlyThenLaunches() {
    Instance reserving = instance("claimed", InstanceState.RESERVING, Goal.RUNNING, "v1", 0).toBuilder()
        .setReservation(Reservation.newBuilder().setAgentId("agent-1").setDeadlineMillis(NOW - 1))
        .addTasks(Fixtures.task("db.instance-claimed._app.1", 1, "")).build();
    Instance abandoned = InstanceMachine.apply(reserving, Fixtures.unknownToMesos("db.instance-claimed._app.1", NOW))
        .instance();
    assertEquals(0, abandoned.getVolumesCount(), "the old persistence ids now name garbage");
    assertEquals(List.of(), Queues.launchQueue(List.of(abandoned), id -> Optional.of(Fixtures.app(1)), NOW));

    Book book = new Book(List.of(abandoned));
    book.converge(Optional.of(Fixtures.app(1)), NOW, new Fixtures.CountingIds());

    Instance renewed = book.get("db.instance-claimed");
    assertEquals(InstanceState.SCHEDULED, renewed.getState());
    assertEquals("db#data#u1", renewed.getVolumes(0).getPersistenceId());
    assertEquals(1, Queues.launchQueue(List.of(renewed), id -> Optional.of(Fixtures.app(1)), NOW).size());
  }

  @Test
  void oldestFirstKillSelection() {
    RunSpec spec = Fixtures.app(1);
    spec = spec.toBuilder().setApp(spec.getApp().toBuilder().setKillSelection("OLDEST_FIRST")).build();
    Book book = new Book(List.of(running("old", 0), running("young", 30)));

    List<Action> actions = book.converge(Optional.of(spec), NOW, new Fixtures.CountingIds());

    assertEquals("old", names(actions, InstanceEvent.GoalChange.class));
  }

  @Test
  void planningIgnoresOtherRunSpecsInstances() {
    Instance foreign = running("x", 0).toBuilder().setRunSpecId("/other").build();

    List<Action> actions = Planner.plan(Fixtures.APP, Optional.empty(), List.of(foreign), "mooring", NOW,
        new Fixtures.CountingIds(), Long.MAX_VALUE);

    assertEquals(List.of(), actions);
  }
}
