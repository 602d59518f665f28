package io.mooring.chaos;

import static io.mooring.chaos.Fixtures.AGENT;
import static io.mooring.chaos.Fixtures.claim;
import static io.mooring.chaos.Fixtures.kinds;
import static io.mooring.chaos.Fixtures.pid;
import static io.mooring.chaos.Fixtures.resource;
import static io.mooring.chaos.Fixtures.taskId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.chaos.MesosView.Reserved;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case changes a healthy cluster (a.instance-1 of /a running on its volume) and names what the checker finds. */
class InvariantsTest {
  private static final String A1 = "a.instance-1";
  private static final String A2 = "a.instance-2";

  private static Arguments row(String situation, Consumer<Fixtures> change, String... expected) {
    return Arguments.of(situation, change, List.of(expected));
  }

  private static Fixtures healthy(Consumer<Fixtures> change) {
    Fixtures cluster = new Fixtures().running(A1);
    change.accept(cluster);
    return cluster;
  }

  static Stream<Arguments> duplicateCases() {
    return Stream.of(
        row("a second live task of one instance is a duplicate",
            c -> c.task(A1 + "._app.2", "TASK_STAGING", A1, pid(A1)), "DUPLICATE " + A1),
        row("a new task beside an unreachable one (which may still run) is a duplicate",
            c -> c.task(A1 + "._app.0", "TASK_UNREACHABLE", A1, pid(A1)), "DUPLICATE " + A1),
        row("a finished task beside the live one is no duplicate",
            c -> c.task(A1 + "._app.0", "TASK_FINISHED", A1, pid(A1))),
        row("a gone task beside the live one is no duplicate",
            c -> c.task(A1 + "._app.0", "TASK_GONE", A1, pid(A1))),
        row("one volume reserved on two agents is a duplicate",
            c -> c.reserve("agent-2", "disk", pid(A1), A1, claim(A1)), "DUPLICATE " + A1),
        row("two directories of one persistence id are a duplicate",
            c -> c.dir("agent-2", pid(A1), taskId(A1)), "DUPLICATE " + A1),
        row("one persistence id in two instance records is a duplicate",
            c -> c.stopped(A2).update(A2, i -> i.addVolumes(LocalVolume.newBuilder().setPersistenceId(pid(A1)))),
            "DUPLICATE " + A2),
        row("a healthy cluster with a stopped instance has no duplicate", c -> c.stopped(A2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicateCases")
  void duplicatesAreLiveTasksVolumesAndPersistenceIdsSeenTwice(String situation, Consumer<Fixtures> change,
      List<String> expected) {
    assertEquals(expected, kinds(Invariants.duplicates(healthy(change).observe())));
  }

  static Stream<Arguments> ownershipCases() {
    return Stream.of(
        row("resources with the instance's labels and claim are owned", c -> {}),
        row("a resource of the instance under another claim is unowned",
            c -> c.reserve(AGENT, "mem", "", A1, A1 + ".old-claim"), "mem " + A1),
        row("a volume with the instance's claim but a persistence id not its own is unowned",
            c -> c.reserve(AGENT, "disk", "a#data#other", A1, claim(A1)), "disk " + A1),
        row("resources covered by garbage (the claim; a volume by its persistence id) are owned",
            c -> c.reserveOwn(A2).garbage(A2, resource("cpus", "", A2, claim(A2)),
                resource("disk", pid(A2), A2, "another-claim"))),
        row("garbage of another claim does not cover a resource",
            c -> c.reserve(AGENT, "cpus", "", A2, claim(A2)).garbage(A2, resource("cpus", "", A2, "another-claim")),
            "cpus " + A2),
        row("resources of an instance with no record and no garbage are unowned",
            c -> c.reserveOwn(A2), "cpus " + A2, "disk " + A2),
        row("a decommissioned instance's resources are still owned (its recorded garbage)",
            c -> c.stopped(A2).update(A2, i -> i.setGoal(Goal.DECOMMISSIONED))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownershipCases")
  void unownedAreResourcesOfNoInstanceClaimAndNoGarbage(String situation, Consumer<Fixtures> change,
      List<String> expected) {
    List<Reserved> unowned = Invariants.unowned(healthy(change).observe());
    assertEquals(expected, unowned.stream().map(r -> r.name() + " " + r.instanceId()).sorted().toList());
  }

  static Stream<Arguments> convergenceCases() {
    return Stream.of(
        row("an instance not running is unconverged",
            c -> c.update(A1, i -> i.setState(InstanceState.SUSPENDED)), "UNCONVERGED " + A1),
        row("Mesos running another task than the record's is unconverged", c -> {
          c.tasks.clear();
          c.task(A1 + "._app.2", "TASK_RUNNING", A1, pid(A1));
        }, "UNCONVERGED " + A1),
        row("a task on a volume the instance does not own is unconverged", c -> {
          c.tasks.clear();
          c.task(taskId(A1), "TASK_RUNNING", A1, pid(A1), "b#data#instance-1");
        }, "UNCONVERGED " + A1),
        row("a volume last written by another task is unconverged",
            c -> c.lines(pid(A1), Fixtures.launched(A1), A1 + "._app.0 " + Fixtures.CONFIG), "UNCONVERGED " + A1),
        row("a task of an older configuration is unconverged",
            c -> c.lines(pid(A1), taskId(A1) + " r0"), "UNCONVERGED " + A1),
        row("a volume never written is unconverged", c -> c.lines(pid(A1)), "UNCONVERGED " + A1),
        row("an app with fewer instances to run than wanted is unconverged",
            c -> c.wanted.put("/a", 2), "UNCONVERGED "),
        row("an instance of an app not wanted is unconverged",
            c -> c.running("b.instance-1").wanted.remove("/b"), "UNCONVERGED b.instance-1"),
        row("a garbage record left is unconverged",
            c -> c.garbage("a.instance-0", resource("cpus", "", "a.instance-0", claim("a.instance-0"))),
            "UNCONVERGED a.instance-0"),
        row("a decommissioned instance left is unconverged",
            c -> c.record(Fixtures.instance(A2, Goal.DECOMMISSIONED, InstanceState.SUSPENDED, null)),
            "UNCONVERGED " + A2),
        row("a reserved resource of a decommissioned instance is leaked", c -> {
          c.record(Fixtures.instance(A2, Goal.DECOMMISSIONED, InstanceState.SUSPENDED, null));
          c.reserve(AGENT, "cpus", "", A2, claim(A2));
        }, "LEAKED " + A2, "UNCONVERGED " + A2),
        row("a reserved resource of no instance is leaked",
            c -> c.reserve(AGENT, "cpus", "", A2, claim(A2)), "LEAKED " + A2),
        row("a volume directory without its Mesos volume is leaked",
            c -> c.dir(AGENT, "a#data#instance-0", "a.instance-0._app.1"), "LEAKED "),
        row("a stopped instance keeping its reservation, volume and data is converged", c -> c.stopped(A2)),
        row("a deployment still running is unconverged", c -> c.deployments.add(Deployment.newBuilder().setId("d1")
            .addAffectedApps("/a").setState(Deployment.State.RUNNING).build()), "UNCONVERGED "),
        row("a finished deployment is converged", c -> c.deployments.add(Deployment.newBuilder().setId("d1")
            .addAffectedApps("/a").setState(Deployment.State.SUCCEEDED).build())),
        row("a stopped instance whose task still runs is unconverged",
            c -> c.stopped(A2).task(taskId(A2), "TASK_RUNNING", A2, pid(A2)), "UNCONVERGED " + A2));
  }

  @Test
  void aTaskThatARestartReplacesMustNotRunOnceConverged() {
    Fixtures cluster = new Fixtures().running(A1);
    Map<String, Workload.Want> wants = cluster.wants();
    wants.put("/a", new Workload.Want(1, Fixtures.CONFIG, Set.of(taskId(A1))));
    assertEquals(List.of("UNCONVERGED " + A1), kinds(Invariants.convergence(cluster.observe(), wants)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convergenceCases")
  void convergenceFindsWhatIsNotAsTheUserWants(String situation, Consumer<Fixtures> change, List<String> expected) {
    Fixtures cluster = healthy(change);
    assertEquals(expected, kinds(Invariants.convergence(cluster.observe(), cluster.wants())));
  }

  @Test
  void aHealthyClusterIsConvergedAndSafe() {
    Fixtures cluster = new Fixtures().running(A1).running(A2).running("b.instance-1");
    Observation o = cluster.observe();
    assertEquals(List.of(), Invariants.convergence(o, cluster.wants()));
    assertEquals(List.of(), Invariants.duplicates(o));
    assertEquals(List.of(), Invariants.unowned(o));
  }

  @Test
  void aViolationCarriesTheRecordAndTheMesosResourcesOfItsInstance() {
    Fixtures cluster = healthy(c -> c.task(A1 + "._app.2", "TASK_STAGING", A1, pid(A1)));
    Violation v = Invariants.duplicates(cluster.observe()).get(0);
    assertTrue(v.etcdRecord().contains(A1) && v.mesosResources().contains(A1 + "._app.2 TASK_STAGING"),
        v::toString);
  }
}
