package io.mooring.reservation.core;

import static io.mooring.reservation.core.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.model.TaskIds;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deploys an app, then restarts it with a new configuration, playing offer-service and Mesos one event at a time in
 * a seeded random order, planning after every event as the reconciler does. Throughout: never more than
 * {@code instances} instances that may have a task, never fewer healthy ones than the restart strategy allows;
 * in the end: converged, on the same instances and reservations (kill before launch, no new volume).
 */
class RestartSimulationTest {
  private static final int MAX_STEPS = 5_000;

  /** A first deployment may create instances; later phases must reuse them. */
  private enum Phase { DEPLOY, RESTART, SCALE }

  static Stream<Arguments> cases() {
    return Stream.of(1, 3, 5).flatMap(n -> Stream.of(0.5, 1.0)
        .flatMap(mhc -> Stream.of(1L, 2L, 3L, 4L).map(seed -> Arguments.of(n, mhc, seed))));
  }

  @ParameterizedTest(name = "{0} instances, minimumHealthCapacity {1}, interleaving {2}")
  @MethodSource("cases")
  void restartKillsBeforeItLaunches(int instances, double minimumHealthCapacity, long seed) {
    Simulation sim = new Simulation(new Random(seed), instances);
    sim.runUntilConverged(Fixtures.app(instances, "v1", "v1", minimumHealthCapacity), Phase.DEPLOY);
    Map<String, String> agentBefore = sim.agents();

    sim.runUntilConverged(Fixtures.app(instances, "v2", "v2", minimumHealthCapacity), Phase.RESTART);

    assertEquals(agentBefore, sim.agents(), "the same instances, on the same reservations");
    assertTrue(sim.book.all().stream().allMatch(i -> i.getIncarnation() == 2), "each relaunched exactly once");
  }

  /** Scaling down keeps the reservations; scaling back up reuses them before it creates anything. */
  @ParameterizedTest(name = "{0} instances, minimumHealthCapacity {1}, interleaving {2}")
  @MethodSource("cases")
  void scaleDownAndUpReusesReservations(int instances, double minimumHealthCapacity, long seed) {
    Simulation sim = new Simulation(new Random(seed), instances);
    sim.runUntilConverged(Fixtures.app(instances, "v1", "v1", minimumHealthCapacity), Phase.DEPLOY);
    Map<String, String> agentBefore = sim.agents();

    sim.runUntilConverged(Fixtures.app(1, "v2", "v1", minimumHealthCapacity), Phase.SCALE);
    sim.runUntilConverged(Fixtures.app(instances, "v3", "v1", minimumHealthCapacity), Phase.SCALE);

    assertEquals(agentBefore, sim.agents());
  }

  /** Launches that fail (operations, claims expiring, tasks crashing) slow convergence down but never break it. */
  @ParameterizedTest(name = "{0} instances, minimumHealthCapacity {1}, interleaving {2}")
  @MethodSource("cases")
  void failuresDelayButDoNotBreakConvergence(int instances, double minimumHealthCapacity, long seed) {
    Simulation sim = new Simulation(new Random(seed), instances);
    sim.chaosSteps = 300;
    sim.runUntilConverged(Fixtures.app(instances, "v1", "v1", minimumHealthCapacity), Phase.DEPLOY);
    sim.runUntilConverged(Fixtures.app(instances, "v2", "v2", minimumHealthCapacity), Phase.RESTART);

    assertEquals(instances, sim.book.all().size());
    assertTrue(sim.failuresInjected > 0, "failures happened");
  }

  private static final class Simulation {
    final Book book = new Book(List.of());
    final IdSource ids = new Fixtures.CountingIds();
    final Random random;
    final int instances;
    long now = T0;
    /** For how many steps of each phase failures may happen too. */
    int chaosSteps;
    int failuresInjected;

    Simulation(Random random, int instances) {
      this.random = random;
      this.instances = instances;
    }

    Map<String, String> agents() {
      return book.all().stream().collect(Collectors.toMap(Instance::getInstanceId,
          i -> i.getReservation().getAgentId()));
    }

    /** Plans and plays until converged; a restart also keeps health at the restart strategy's floor. */
    void runUntilConverged(RunSpec spec, Phase phase) {
      Function<String, Optional<RunSpec>> specs = id -> Optional.of(spec);
      int minHealthy = RestartStrategy.minimumHealthy(instances, RunSpecs.minimumHealthCapacity(spec));
      int floor = minHealthy == instances ? minHealthy - 1 : minHealthy;
      for (int step = 0; step < MAX_STEPS; step++) {
        now += 10;
        List<Action> actions = Planner.plan(Fixtures.APP, Optional.of(spec), book.all(), "mooring", now, ids,
            Long.MAX_VALUE);
        assertTrue(phase == Phase.DEPLOY || actions.stream().noneMatch(Action.Create.class::isInstance),
            "no new instance");
        book.apply(actions);
        assertEquals(List.of(), Planner.plan(Fixtures.APP, Optional.of(spec), book.all(), "mooring", now, ids,
            Long.MAX_VALUE));
        boolean chaos = step < chaosSteps;
        boolean checkHealth = phase == Phase.RESTART && chaosSteps == 0;
        checkInvariants(checkHealth, floor);
        if (Convergence.converged(Optional.of(spec), book.all())) {
          return;
        }
        List<Runnable> moves = moves(specs, chaos);
        if (moves.isEmpty()) {
          // Nothing to do but wait for a backoff to end.
          now = Math.max(now, Queues.nextWakeUp(book.all(), now).orElseThrow(() -> new AssertionError(
              "stuck: " + book.all())));
          continue;
        }
        moves.get(random.nextInt(moves.size())).run();
        checkInvariants(checkHealth, floor);
      }
      fail("did not converge in " + MAX_STEPS + " steps");
    }

    private void checkInvariants(boolean checkHealth, int floor) {
      long mayRun = book.all().stream().filter(InstanceStates::mayRun).count();
      assertTrue(mayRun <= instances, () -> mayRun + " instances may run a task: " + book.all());
      if (checkHealth) {
        long healthy = book.all().stream()
            .filter(i -> i.getGoal() == Goal.RUNNING && i.getState() == InstanceState.RUNNING_STATE).count();
        assertTrue(healthy >= floor, () -> "only " + healthy + " healthy");
      }
    }

    /** What offer-service and Mesos could do next. */
    private List<Runnable> moves(Function<String, Optional<RunSpec>> specs, boolean chaos) {
      List<Runnable> moves = new ArrayList<>();
      for (LaunchRequest request : Queues.launchQueue(book.all(), specs, now)) {
        moves.add(() -> claim(request));
      }
      for (KillRequest kill : Queues.killQueue(book.all(), specs)) {
        moves.add(() -> task(kill.getInstanceId(), kill.getTaskId(), "TASK_KILLED"));
      }
      for (Instance instance : book.all()) {
        String taskId = instance.getTasksCount() == 0 ? "" : instance.getTasks(0).getTaskId();
        for (String operation : instance.getReservation().getOperationIdsList()) {
          moves.add(() -> book.event(instance.getInstanceId(),
              new InstanceEvent.OperationUpdate(operation, "OPERATION_FINISHED", "", now)));
        }
        if (instance.getState() == InstanceState.RESERVING) {
          moves.add(() -> task(instance.getInstanceId(), taskId, "TASK_STAGING"));
        } else if (instance.getState() == InstanceState.STAGING) {
          moves.add(() -> task(instance.getInstanceId(), taskId, "TASK_RUNNING"));
        }
        if (chaos) {
          failures(instance, taskId).forEach(failure -> moves.add(() -> {
            failuresInjected++;
            failure.run();
          }));
        }
      }
      return moves;
    }

    private List<Runnable> failures(Instance instance, String taskId) {
      String id = instance.getInstanceId();
      List<Runnable> failures = new ArrayList<>();
      if (instance.getReservation().getOperationIdsCount() > 0) {
        String operation = instance.getReservation().getOperationIds(0);
        failures.add(() -> book.event(id, new InstanceEvent.OperationUpdate(operation, "OPERATION_FAILED", "", now)));
      }
      if (instance.getState() == InstanceState.RESERVING) {
        failures.add(() -> {
          now = Math.max(now, instance.getReservation().getDeadlineMillis());
          task(id, taskId, "TASK_UNKNOWN");
        });
      }
      if (instance.getState() == InstanceState.STAGING || instance.getState() == InstanceState.RUNNING_STATE) {
        failures.add(() -> task(id, taskId, "TASK_FAILED"));
      }
      return failures;
    }

    private void claim(LaunchRequest request) {
      Instance instance = request.getInstance();
      int incarnation = instance.getIncarnation() + 1;
      Reservation reservation = request.getOnReservation() ? instance.getReservation()
          : Fixtures.reservation(false, "reserve-" + incarnation, "create-" + incarnation).toBuilder()
              .setAgentId("agent-" + instance.getInstanceId()).build();
      book.event(instance.getInstanceId(), new InstanceEvent.Claimed(1, instance.getConfigVersion(), reservation,
          List.of(Fixtures.task(TaskIds.app(instance.getInstanceId(), incarnation), incarnation, "")), now,
          now + 20_000));
    }

    private void task(String instanceId, String taskId, String state) {
      book.event(instanceId, new InstanceEvent.TaskUpdate(taskId, state, "", "", now));
    }
  }
}
