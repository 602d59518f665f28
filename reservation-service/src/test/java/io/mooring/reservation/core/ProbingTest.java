package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.Probing.Decision;
import io.mooring.reservation.core.Probing.Kind;
import io.mooring.reservation.core.Probing.State;
import io.mooring.reservation.core.Probing.Target;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbingTest {
  private static final long STARTED = Fixtures.T0;
  private static final long GRACE_OVER = STARTED + 301_000;

  private static Struct json(String json) {
    Struct.Builder struct = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, struct);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return struct.build();
  }

  private static RunSpec app(String healthChecks, String readinessChecks) {
    App.Builder app = Fixtures.app(1).getApp().toBuilder()
        .addPortDefinitions(PortDefinition.newBuilder().setName("admin"))
        .addPortDefinitions(PortDefinition.newBuilder().setName("http"));
    if (!healthChecks.isEmpty()) {
      app.addHealthChecks(json(healthChecks));
    }
    if (!readinessChecks.isEmpty()) {
      app.addReadinessChecks(json(readinessChecks));
    }
    return RunSpec.newBuilder().setApp(app).build();
  }

  private static Instance running(int... ports) {
    Instance instance = Fixtures.in(InstanceState.RUNNING_STATE);
    Instance.Builder builder = instance.toBuilder();
    for (int port : ports) {
      builder.getTasksBuilder(0).addHostPorts(port);
    }
    return builder.build();
  }

  static Stream<Arguments> targets() {
    String http = "{\"protocol\": \"HTTP\", \"path\": \"/health\", \"portIndex\": 1}";
    String readiness = "{\"name\": \"warm\", \"path\": \"/ready\", \"portName\": \"http\"}";
    Instance ready = running(31000, 31001).toBuilder()
        .setTasks(0, running(31000, 31001).getTasks(0).toBuilder().setReady(true)).build();
    return Stream.of(
        Arguments.of("an HTTP check on the port at its index", app(http, ""), running(31000, 31001),
            List.of("HEALTH host-1:31001 HTTP /health")),
        Arguments.of("a check Mesos runs is not Mooring's", app("{\"protocol\": \"MESOS_HTTP\"}", ""),
            running(31000), List.of()),
        Arguments.of("a TCP check on a fixed port", app("{\"protocol\": \"TCP\", \"port\": 8080}", ""),
            running(), List.of("HEALTH host-1:8080 TCP /")),
        Arguments.of("no host port at the index: nothing to probe", app(http, ""), running(31000), List.of()),
        Arguments.of("a task not running yet", app(http, ""), Fixtures.in(InstanceState.STAGING), List.of()),
        Arguments.of("readiness on the named port", app("", readiness), running(31000, 31001),
            List.of("READINESS host-1:31001 HTTP /ready")),
        Arguments.of("a ready task is not probed for readiness again", app("", readiness), ready, List.of()),
        Arguments.of("readiness only for the current configuration", app("", readiness),
            running(31000, 31001).toBuilder().setConfigVersion("v0").build(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void targets(String name, RunSpec spec, Instance instance, List<String> expected) {
    assertEquals(expected, Probing.targets(List.of(instance), id -> Optional.of(spec)).stream()
        .map(t -> t.kind() + " " + t.host() + ":" + t.port() + " " + t.protocol() + " " + t.path()).toList());
  }

  private static Target health(Optional<Boolean> healthy, int maxFailures) {
    return new Target(Kind.HEALTH, Fixtures.INSTANCE, Fixtures.TASK, Fixtures.AGENT, "TASK_RUNNING", "", "host-1",
        31000, "HTTP", "/", 60, 20, 300, maxFailures, List.of(), STARTED, healthy);
  }

  static Stream<Arguments> results() {
    Target unknown = health(Optional.empty(), 3);
    Target healthy = health(Optional.of(true), 3);
    Target unhealthy = health(Optional.of(false), 3);
    Target readiness = new Target(Kind.READINESS, Fixtures.INSTANCE, Fixtures.TASK, Fixtures.AGENT, "TASK_RUNNING",
        "", "host-1", 31000, "HTTP", "/", 30, 10, 0, 0, List.of(200), STARTED, Optional.empty());
    State fresh = State.first(STARTED);
    return Stream.of(
        Arguments.of("first success: healthy", unknown, fresh, true, STARTED + 1000,
            new Decision(new State(STARTED + 61_000, 0, true), Optional.of(true), false, false)),
        Arguments.of("success again: nothing to write", healthy, new State(0, 0, true), true, STARTED + 1000,
            new Decision(new State(STARTED + 61_000, 0, true), Optional.empty(), false, false)),
        Arguments.of("failure in the grace period: ignored", unknown, fresh, false, STARTED + 1000,
            new Decision(new State(STARTED + 61_000, 0, false), Optional.empty(), false, false)),
        Arguments.of("failure after the grace period: unhealthy", unknown, fresh, false, GRACE_OVER,
            new Decision(new State(GRACE_OVER + 60_000, 1, false), Optional.of(false), false, false)),
        Arguments.of("a healthy task's failure counts at once", healthy, new State(0, 0, true), false, STARTED + 1000,
            new Decision(new State(STARTED + 61_000, 1, true), Optional.of(false), false, false)),
        Arguments.of("the third failure in a row kills", unhealthy, new State(0, 2, true), false, GRACE_OVER,
            new Decision(new State(GRACE_OVER + 60_000, 3, true), Optional.empty(), false, true)),
        Arguments.of("maxConsecutiveFailures 0 never kills", health(Optional.of(false), 0), new State(0, 9, true),
            false, GRACE_OVER, new Decision(new State(GRACE_OVER + 60_000, 10, true), Optional.empty(), false,
                false)),
        Arguments.of("readiness passed: ready", readiness, fresh, true, STARTED + 1000,
            new Decision(new State(STARTED + 31_000, 0, false), Optional.empty(), true, false)),
        Arguments.of("readiness not yet: wait", readiness, fresh, false, STARTED + 1000,
            new Decision(new State(STARTED + 31_000, 0, false), Optional.empty(), false, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void result(String name, Target target, State state, boolean ok, long now, Decision expected) {
    assertEquals(expected, Probing.result(target, state, ok, now));
  }

  @Test
  void onlyAppsWithAnHttpHttpsOrTcpCheckOrAReadinessCheckAreProbed() {
    assertEquals(List.of(true, true, true, false, false), Stream.of(
        app("{\"protocol\": \"HTTP\"}", ""), app("{\"protocol\": \"TCP\", \"port\": 1}", ""),
        app("", "{\"path\": \"/ready\"}"), app("{\"protocol\": \"MESOS_HTTP\"}", ""), app("", ""))
        .map(Probing::probed).toList());
  }

  @Test
  void healthTakes2xxAnd3xxAndReadinessItsOwnStatuses() {
    Target health = health(Optional.empty(), 3);
    Target readiness = new Target(Kind.READINESS, "", "", "", "", "", "", 0, "HTTP", "/", 30, 10, 0, 0,
        List.of(200, 204), 0, Optional.empty());
    assertEquals(List.of(false, true, true, false, false), Stream.of(199, 200, 399, 400, 503)
        .map(status -> Probing.passes(health, status)).toList());
    assertEquals(List.of(true, true, false), Stream.of(200, 204, 301)
        .map(status -> Probing.passes(readiness, status)).toList());
  }
}
