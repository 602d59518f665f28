package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.desired.DeploymentCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentCheckTest {
  private static final Deployment START = deployment("v1", "StartApplication");
  private static final Deployment STOP = deployment("v2", "StopApplication");
  private static final Instance RUNNING = Fixtures.in(InstanceState.RUNNING_STATE);
  private static final Instance CLEANING = Fixtures.in(InstanceState.SUSPENDED).toBuilder()
      .setGoal(Goal.DECOMMISSIONED).build();

  static Stream<Arguments> cases() {
    Optional<RunSpec> app = Optional.of(Fixtures.app(1));
    return Stream.of(
        Arguments.of("start: the instance runs", START, app, List.of(RUNNING), List.of(START), true),
        Arguments.of("start: not yet running", START, app, List.of(Fixtures.in(InstanceState.STAGING)),
            List.of(START), false),
        Arguments.of("start: the spec not seen yet", START, Optional.empty(), List.of(), List.of(START), false),
        Arguments.of("stop: instances still being cleaned", STOP, Optional.empty(), List.of(CLEANING),
            List.of(STOP), false),
        Arguments.of("stop: everything expunged", STOP, Optional.empty(), List.of(), List.of(STOP), true),
        Arguments.of("start superseded by a deletion: done with it", START, Optional.empty(), List.of(),
            List.of(START, STOP), true),
        Arguments.of("start superseded by a deletion still cleaning", START, Optional.empty(), List.of(CLEANING),
            List.of(START, STOP), false),
        Arguments.of("a stop older than the start does not end it", deployment("v3", "StartApplication"),
            Optional.empty(), List.of(), List.of(STOP), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void done(String name, Deployment deployment, Optional<RunSpec> spec, List<Instance> instances,
      List<Deployment> running, boolean done) {
    assertEquals(done, DeploymentCheck.done(deployment, id -> spec, Map.of(Fixtures.APP, instances), running));
  }

  /** A group deployment: /db first, then /web, which depends on it; {@code current} is the step in progress. */
  private static Deployment ordered(int current) {
    return Deployment.newBuilder().setId("group").setVersion("v1").addAffectedApps("/db").addAffectedApps("/web")
        .setCurrentStep(current)
        .addSteps(DeploymentStep.newBuilder().addActions(action("StartApplication", "/db"))
            .addActions(action("ScaleApplication", "/db")))
        .addSteps(DeploymentStep.newBuilder().addActions(action("StartApplication", "/web"))
            .addActions(action("ScaleApplication", "/web"))).build();
  }

  static Stream<Arguments> steps() {
    Instance dbRunning = RUNNING.toBuilder().setRunSpecId("/db").build();
    Instance webRunning = RUNNING.toBuilder().setRunSpecId("/web").build();
    return Stream.of(
        Arguments.of("nothing runs yet", Map.of(), 0),
        Arguments.of("the first layer runs", Map.of("/db", List.of(dbRunning)), 1),
        Arguments.of("only the later layer runs: the first is not done", Map.of("/web", List.of(webRunning)), 0),
        Arguments.of("both run", Map.of("/db", List.of(dbRunning), "/web", List.of(webRunning)), 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void stepsDone(String name, Map<String, List<Instance>> instances, int done) {
    Optional<RunSpec> db = Optional.of(Fixtures.app(1).toBuilder()
        .setApp(Fixtures.app(1).getApp().toBuilder().setId("/db").setVersion("v1")).build());
    Optional<RunSpec> web = Optional.of(Fixtures.app(1).toBuilder()
        .setApp(Fixtures.app(1).getApp().toBuilder().setId("/web").setVersion("v1")).build());
    assertEquals(done, DeploymentCheck.stepsDone(ordered(1), id -> id.equals("/db") ? db : web, instances,
        List.of(ordered(1))));
  }

  static Stream<Arguments> waiting() {
    return Stream.of(
        Arguments.of("step 1 of 2: the dependent app waits", List.of(ordered(1)), Set.of("/web")),
        Arguments.of("step 2 of 2: nothing waits", List.of(ordered(2)), Set.of()),
        Arguments.of("a single app's steps never hold it back", List.of(START), Set.of()),
        Arguments.of("no deployment", List.of(), Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waiting")
  void waiting(String name, List<Deployment> running, Set<String> waiting) {
    assertEquals(waiting, DeploymentCheck.waiting(running));
  }

  private static DeploymentAction action(String action, String app) {
    return DeploymentAction.newBuilder().setAction(action).setApp(app).build();
  }

  private static Deployment deployment(String version, String action) {
    return Deployment.newBuilder().setId(action + "-" + version).setVersion(version).addAffectedApps(Fixtures.APP)
        .addSteps(DeploymentStep.newBuilder().addActions(DeploymentAction.newBuilder().setAction(action)
            .setApp(Fixtures.APP))).build();
  }
}
