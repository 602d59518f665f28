package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.app;
import static io.mooring.offer.matching.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Container;
import io.mooring.proto.v1.Docker;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.Volume;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The TaskInfo of an app task: name, command, environment, container, kill policy, labels. */
class TaskBuilderTest {
  private static final String TASK_ID = "g_db.instance-1._app.1";

  private static TaskInfo build(App app, List<Integer> hostPorts) {
    return TaskBuilder.build(app, TASK_ID, Fixtures.standardOffer(), List.of(scalar("cpus", 1)),
        AppRequirements.ports(app), hostPorts);
  }

  private static Map<String, String> env(TaskInfo task) {
    return task.getCommand().getEnvironment().getVariablesList().stream()
        .collect(Collectors.toMap(Environment.Variable::getName, Environment.Variable::getValue));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"/db, db", "/g/db, g.db", "/a/b/c, a.b.c"})
  void namesTheTaskAfterTheAppId(String appId, String name) {
    assertEquals(name, build(app(appId).build(), List.of()).getName());
  }

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of(app("/db").setCmd("echo hi").build(),
            CommandInfo.newBuilder().setShell(true).setValue("echo hi").build()),
        Arguments.of(app("/db").clearCmd().addArgs("/bin/db").addArgs("--port").build(),
            CommandInfo.newBuilder().setShell(false).setValue("/bin/db").addArguments("/bin/db").addArguments("--port")
                .build()),
        Arguments.of(app("/db").clearCmd().build(), CommandInfo.newBuilder().setShell(false).build()));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void runsCmdInAShellAndArgsWithout(App app, CommandInfo expected) {
    assertEquals(expected, build(app, List.of()).getCommand().toBuilder().clearEnvironment().build());
  }

  @Test
  void setsMarathonsEnvironment() {
    App app = app("/g/db").setCpus(1).putEnv("MODE", "test").putEnv("HOST", "mine")
        .addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("http"))
        .addPortDefinitions(PortDefinition.newBuilder().setPort(10001).setName("admin")).build();
    Map<String, String> env = env(build(app, List.of(31000, 31001)));
    assertEquals("test", env.get("MODE"));
    assertEquals("/g/db", env.get("MARATHON_APP_ID"));
    assertEquals(Fixtures.VERSION, env.get("MARATHON_APP_VERSION"));
    assertEquals(TASK_ID, env.get("MESOS_TASK_ID"));
    assertEquals("host-0", env.get("HOST"), "Marathon's variables win");
    assertEquals("31000,31001", env.get("PORTS"));
    assertEquals("31000", env.get("PORT"));
    assertEquals("31000", env.get("PORT0"));
    assertEquals("31001", env.get("PORT1"));
    assertEquals("31000", env.get("PORT_HTTP"));
    assertEquals("31001", env.get("PORT_ADMIN"));
    assertEquals("31001", env.get("PORT_10001"));
    assertEquals("1.0", env.get("MARATHON_APP_RESOURCE_CPUS"));
  }

  @Test
  void exportsLabelsFitForTheEnvironment() {
    Map<String, String> env = env(build(app("/db").putLabels("tier", "db").putLabels("a-b", "x").build(), List.of()));
    assertEquals("tier", env.get("MARATHON_APP_LABELS"));
    assertEquals("db", env.get("MARATHON_APP_LABEL_TIER"));
  }

  /** Expected: the HealthCheck in text format, fields in field-number order. */
  static Stream<Arguments> healthChecks() {
    String defaults = "delay_seconds: 15.0 interval_seconds: 60.0 timeout_seconds: 20.0 consecutive_failures: 3 "
        + "grace_period_seconds: 300.0";
    return Stream.of(
        Arguments.of("{\"protocol\":\"MESOS_HTTP\",\"path\":\"/ping\",\"portIndex\":1,\"intervalSeconds\":5}",
            "http { port: 31001 path: \"/ping\" scheme: \"http\" } " + defaults.replace("60.0", "5.0") + " type: HTTP"),
        Arguments.of("{\"protocol\":\"MESOS_HTTPS\"}",
            "http { port: 31000 path: \"/\" scheme: \"https\" } " + defaults + " type: HTTP"),
        Arguments.of("{\"protocol\":\"MESOS_TCP\",\"port\":8080,\"maxConsecutiveFailures\":1,\"gracePeriodSeconds\":0}",
            defaults.replace("failures: 3", "failures: 1").replace("300.0", "0.0") + " type: TCP tcp { port: 8080 }"),
        Arguments.of("{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"test -f ready\"}}",
            defaults + " command { value: \"test -f ready\" shell: true } type: COMMAND"),
        Arguments.of("{\"protocol\":\"HTTP\"}", "(none: Marathon-level checks are not Mesos')"),
        Arguments.of("{\"protocol\":\"MESOS_TCP\",\"portIndex\":5}", "(none: no such port)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("healthChecks")
  void carriesTheHealthCheckMesosRuns(String json, String expected) throws Exception {
    Struct.Builder check = Struct.newBuilder();
    JsonFormat.parser().merge(json, check);
    TaskInfo task = build(app("/db").addPortDefinitions(PortDefinition.newBuilder().setPort(0))
        .addPortDefinitions(PortDefinition.newBuilder().setPort(0)).addHealthChecks(check).build(), List.of(31000, 31001));
    assertEquals(expected, task.hasHealthCheck() ? task.getHealthCheck().toString().replaceAll("\\s+", " ").trim()
        : expected.startsWith("(none") ? expected : "(none)");
  }

  @Test
  void noPortVariablesWithoutPorts() {
    Map<String, String> env = env(build(app("/db").build(), List.of()));
    assertFalse(env.containsKey("PORTS"));
    assertFalse(env.containsKey("PORT0"));
  }

  @Test
  void runsADockerImageInTheMesosContainerizerWithHostVolumes() {
    App app = app("/db").setContainer(Container.newBuilder().setType("DOCKER")
        .setDocker(Docker.newBuilder().setImage("postgres:16"))
        .addVolumes(Volume.newBuilder().setContainerPath("/var/lib/mysql").setHostPath("mysqldata").setMode("RW"))
        .addVolumes(Fixtures.persistent("mysqldata", "root", 100))).build();
    ContainerInfo container = build(app, List.of()).getContainer();
    assertEquals(ContainerInfo.Type.MESOS, container.getType());
    assertEquals(Image.newBuilder().setType(Image.Type.DOCKER)
        .setDocker(Image.Docker.newBuilder().setName("postgres:16")).build(), container.getMesos().getImage());
    assertEquals(1, container.getVolumesCount(), "the persistent volume is a resource, not a container volume");
    assertEquals("mysqldata", container.getVolumes(0).getHostPath());
  }

  @Test
  void noContainerWithoutImageOrHostVolumes() {
    App app = app("/db", Fixtures.persistent("data", "root", 100)).build();
    assertFalse(build(app, List.of()).hasContainer());
  }

  @Test
  void killGracePeriodAndLabels() {
    TaskInfo task = build(app("/db").setTaskKillGracePeriodSeconds(7).putLabels("tier", "db").build(), List.of());
    assertEquals(7_000_000_000L, task.getKillPolicy().getGracePeriod().getNanoseconds());
    assertEquals("tier", task.getLabels().getLabels(0).getKey());
    assertEquals("db", task.getLabels().getLabels(0).getValue());
    assertFalse(build(app("/db").build(), List.of()).hasKillPolicy());
  }

  /** Expected: the limits in text format, or "" for none; "unlimited" is infinity (Mesos' "no limit"). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"cpus\":2,\"mem\":1024} | cpus=2.0 mem=1024.0",
      "{\"cpus\":\"unlimited\"} | cpus=Infinity",
      "{\"mem\":\"unlimited\"} | mem=Infinity",
      "{} | ",
      "(none) | "})
  void carriesTheResourceLimits(String limits, String expected) throws Exception {
    App.Builder app = app("/db");
    if (!limits.equals("(none)")) JsonFormat.parser().merge(limits, app.getResourceLimitsBuilder());
    TaskInfo task = build(app.build(), List.of());
    String actual = task.getLimitsMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue().getValue()).collect(Collectors.joining(" "));
    assertEquals(expected == null ? "" : expected, actual);
  }

  static Stream<Arguments> portSpecs() {
    return Stream.of(
        Arguments.of("definition 0", app("/a").addPortDefinitions(PortDefinition.newBuilder().setPort(0)),
            List.of(new PortRequest(0, false, null, 0))),
        Arguments.of("definition without requirePorts", app("/a")
            .addPortDefinitions(PortDefinition.newBuilder().setPort(8080)), List.of(new PortRequest(8080, false, null,
            8080))),
        Arguments.of("definition with requirePorts", app("/a").setRequirePorts(true)
            .addPortDefinitions(PortDefinition.newBuilder().setPort(8080).setName("web")),
            List.of(new PortRequest(8080, true, "web", 8080))),
        Arguments.of("legacy ports list", app("/a").addPorts(0), List.of(new PortRequest(0, false, null, 0))),
        Arguments.of("mappings win over definitions", app("/a").addPortDefinitions(PortDefinition.newBuilder())
            .setContainer(Container.newBuilder()
                .addPortMappings(PortMapping.newBuilder().setContainerPort(5432).setHostPort(0).setName("pg"))
                .addPortMappings(PortMapping.newBuilder().setContainerPort(9000))
                .addPortMappings(PortMapping.newBuilder().setContainerPort(80).setHostPort(31080))),
            List.of(new PortRequest(0, false, "pg", 5432), new PortRequest(31080, true, null, 80))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("portSpecs")
  void readsHostPortRequests(String name, App.Builder app, List<PortRequest> expected) {
    assertEquals(expected, AppRequirements.ports(app.build()));
  }
}
