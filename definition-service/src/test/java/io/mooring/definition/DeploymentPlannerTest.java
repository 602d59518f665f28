package io.mooring.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.definition.deployment.DeploymentPlanner;
import io.mooring.definition.deployment.DeploymentPlanner.Change;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.RunSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentPlannerTest {
  private static final RunSpec BASE = app("{\"id\":\"/a\",\"cmd\":\"x\",\"instances\":1,\"version\":\"v1\"}");

  private static RunSpec app(String json) {
    return RunSpec.newBuilder().setApp(Specs.app(json)).build();
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of(Change.CREATE, null, BASE, List.of("StartApplication", "ScaleApplication")),
        Arguments.of(Change.UPDATE, BASE, app("{\"id\":\"/a\",\"cmd\":\"x\",\"instances\":3,\"version\":\"v2\"}"),
            List.of("ScaleApplication")),
        Arguments.of(Change.UPDATE, BASE, app("{\"id\":\"/a\",\"cmd\":\"y\",\"instances\":1,\"version\":\"v2\"}"),
            List.of("RestartApplication")),
        Arguments.of(Change.UPDATE, BASE, app("{\"id\":\"/a\",\"cmd\":\"y\",\"instances\":3,\"version\":\"v2\"}"),
            List.of("RestartApplication")),
        Arguments.of(Change.UPDATE, BASE, app("{\"id\":\"/a\",\"cmd\":\"x\",\"instances\":1,\"version\":\"v2\"}"),
            List.of()),
        Arguments.of(Change.RESTART, BASE, BASE, List.of("RestartApplication")),
        Arguments.of(Change.DELETE, BASE, BASE, List.of("StopApplication")),
        Arguments.of(Change.CREATE, null, RunSpec.newBuilder().setPod(Specs.pod("{\"id\":\"/p\"}")).build(),
            List.of("StartPod", "ScalePod")));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("plans")
  void stepsFollowWhatChanged(Change change, RunSpec before, RunSpec after, List<String> actions) {
    Deployment deployment = DeploymentPlanner.plan(change, before, after, "v2", "now");
    assertEquals(actions, deployment.getStepsList().stream().map(s -> s.getActions(0).getAction()).toList());
    assertEquals(actions.size(), deployment.getTotalSteps());
    assertEquals(actions.isEmpty() ? Deployment.State.SUCCEEDED : Deployment.State.RUNNING, deployment.getState());
  }
}
