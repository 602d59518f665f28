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

  private static Deployment deployment(String version, String action) {
    return Deployment.newBuilder().setId(action + "-" + version).setVersion(version).addAffectedApps(Fixtures.APP)
        .addSteps(DeploymentStep.newBuilder().addActions(DeploymentAction.newBuilder().setAction(action)
            .setApp(Fixtures.APP))).build();
  }
}
