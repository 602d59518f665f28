package io.mooring.offer.matching;

import static io.mooring.offer.matching.PodFirstPlacementTest.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;

import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Lifecycle;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.LinuxInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The TaskInfo of a pod container (PodFirstPlacementTest.DB): command, image, volume mounts, environment. */
class PodTaskBuilderTest {
  private static final Pod POD = PodFixtures.pod("/p", List.of(PodFixtures.volume("data", "root", 10),
      PodVolume.newBuilder().setName("logs").setHost("/var/log").build(),
      PodVolume.newBuilder().setName("token").setSecret("db-token").build())).build();

  static Stream<Arguments> mounts() {
    return Stream.of(
        Arguments.of("persistent", PodFixtures.mount("data", "data"), Optional.of(sandbox("data", "data"))),
        Arguments.of("persistent, nested path", PodFixtures.mount("data", "var/lib/db"),
            Optional.of(sandbox("var/lib/db", "data"))),
        Arguments.of("host, read-only", PodFixtures.mount("logs", "logs").toBuilder().setReadOnly(true).build(),
            Optional.of(Volume.newBuilder().setContainerPath("logs").setMode(Volume.Mode.RO).setHostPath("/var/log")
                .build())),
        Arguments.of("secret: not mounted", PodFixtures.mount("token", "token"), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mounts")
  void mountsVolumes(String name, VolumeMount mount, Optional<Volume> expected) {
    assertEquals(expected, PodTaskBuilder.volume(POD, mount));
  }

  @Test
  void eachContainerMountsThePersistentVolumeFromTheExecutorSandbox() {
    assertEquals(List.of(sandbox("data", "data")), task("a").getContainer().getVolumesList());
    assertEquals(List.of(sandbox("var/data", "data")), task("b").getContainer().getVolumesList());
    assertEquals(ContainerInfo.Type.MESOS, task("a").getContainer().getType());
    assertFalse(task("a").getContainer().hasMesos(), "no image");
    assertEquals(Image.newBuilder().setType(Image.Type.DOCKER).setDocker(Image.Docker.newBuilder()
        .setName("busybox:1")).build(), task("b").getContainer().getMesos().getImage());
  }

  @Test
  void shellRunsInAShellAndArgvIsExeced() {
    assertEquals(CommandInfo.newBuilder().setShell(true).setValue("echo a >> data/log").build(),
        task("a").getCommand().toBuilder().clearEnvironment().build());
    assertEquals(CommandInfo.newBuilder().setShell(false).setValue("/bin/db").addArguments("/bin/db")
        .addArguments("--admin").build(), task("b").getCommand().toBuilder().clearEnvironment().build());
  }

  @ParameterizedTest(name = "{0}: {1}={2}")
  @CsvSource({
      "a, MESOS_TASK_ID, db.instance-1.a.1", "b, MESOS_TASK_ID, db.instance-1.b.1",
      "a, MARATHON_APP_ID, /db", "a, MARATHON_CONTAINER_ID, a", "a, HOST, host-0",
      "a, ROLE, a", "b, ROLE, pod", "b, SHARED, yes",
      "a, ENDPOINT_HTTP, 31000", "a, ENDPOINT_ADMIN_API, 31500", "b, ENDPOINT_HTTP, 31000",
      "b, EP_HOST_ADMIN_API, 31500",
      "b, MARATHON_CONTAINER_RESOURCE_CPUS, 0.25", "b, MARATHON_CONTAINER_RESOURCE_DISK, 5.0",
      "a, MARATHON_EXECUTOR_RESOURCE_MEM, 32.0"})
  void setsMarathonsPodEnvironment(String container, String variable, String value) {
    assertEquals(value, env(task(container)).get(variable));
  }

  @Test
  void killGracePeriodAndLabelsComeFromTheContainer() {
    Pod pod = PodFirstPlacementTest.DB.toBuilder().setContainers(0, PodFirstPlacementTest.DB.getContainers(0)
        .toBuilder().setLifecycle(Lifecycle.newBuilder().setKillGracePeriodSeconds(1.5)).putLabels("tier", "db"))
        .build();
    TaskInfo task = PodTaskBuilder.build(pod, 0, "t", Fixtures.standardOffer(), List.of(), List.of(), Map.of());
    assertEquals(1_500_000_000L, task.getKillPolicy().getGracePeriod().getNanoseconds());
    assertEquals("tier", task.getLabels().getLabels(0).getKey());
  }

  /** Expected: the limits of container 0 in text format, and whether it shares the executor's cgroups. */
  @ParameterizedTest(name = "{0}, legacySharedCgroups {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"cpus\":1,\"mem\":\"unlimited\"} | false | cpus=1.0 mem=Infinity | false",
      "{\"mem\":512} | | mem=512.0 | false",
      "(none) | true | | true",
      "(none) | | | false"})
  void carriesLimitsAndSaysWhetherTheContainerSharesTheExecutorsCgroups(String limits, Boolean legacy,
      String expected, boolean shared) throws Exception {
    PodContainer.Builder container = PodFirstPlacementTest.DB.getContainers(0).toBuilder();
    if (!limits.equals("(none)")) JsonFormat.parser().merge(limits, container.getResourceLimitsBuilder());
    Pod.Builder pod = PodFirstPlacementTest.DB.toBuilder().setContainers(0, container);
    if (legacy != null) pod.setLegacySharedCgroups(legacy);
    TaskInfo task = PodTaskBuilder.build(pod.build(), 0, "t", Fixtures.standardOffer(), List.of(), List.of(),
        Map.of());
    String actual = task.getLimitsMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue().getValue()).collect(Collectors.joining(" "));
    assertEquals(expected == null ? "" : expected, actual);
    assertTrue(task.getContainer().getLinuxInfo().hasShareCgroups(), "Mesos' default would be to share");
    assertEquals(shared, task.getContainer().getLinuxInfo().getShareCgroups());
  }

  @Test
  void aContainerWithoutImageOrVolumesStillSaysItHasCgroupsOfItsOwn() {
    Pod pod = PodFixtures.pod("/plain", List.of(), PodFixtures.container("c", 0.1, 32, "sleep 1").build()).build();
    TaskInfo task = PodTaskBuilder.build(pod, 0, "t", Fixtures.standardOffer(), List.of(), List.of(), Map.of());
    assertEquals(ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
        .setLinuxInfo(LinuxInfo.newBuilder().setShareCgroups(false)).build(), task.getContainer());
  }

  /**
   * A container's health check in its TaskInfo, as "kind target | grace interval timeout failures delay". Endpoint
   * "http" has container port 8080 and no host port, "admin" host port 0: on host networking both got one (31000,
   * 31001), on a container network only "admin" (31001), and Mesos probes "http" at its container port.
   */
  @ParameterizedTest(name = "{0} network, {1}")
  @CsvSource(delimiter = '|', value = {
      "host      | {\"http\": {\"endpoint\": \"http\", \"path\": \"/\", \"scheme\": \"HTTP\"}} "
          + "| HTTP http://:31000/ | 300 60 20 3 15",
      "host      | {\"http\": {\"endpoint\": \"admin\", \"scheme\": \"HTTPS\"}} | HTTP https://:31001 "
          + "| 300 60 20 3 15",
      "host      | {\"tcp\": {\"endpoint\": \"admin\"}, \"gracePeriodSeconds\": 1, \"intervalSeconds\": 2, "
          + "\"timeoutSeconds\": 1, \"maxConsecutiveFailures\": 5, \"delaySeconds\": 0} | TCP :31001 | 1 2 1 5 0",
      "host      | {\"exec\": {\"command\": {\"shell\": \"test -f ready\"}}}  | COMMAND shell test -f ready "
          + "| 300 60 20 3 15",
      "container | {\"exec\": {\"command\": {\"argv\": [\"/bin/check\", \"-q\"]}}} "
          + "| COMMAND /bin/check [/bin/check, -q] | 300 60 20 3 15",
      "host      | {\"exec\": {\"command\": {\"shell\": \"\", \"argv\": [\"/bin/check\"]}}} "
          + "| COMMAND /bin/check [/bin/check] | 300 60 20 3 15",
      "container | {\"tcp\": {\"endpoint\": \"http\"}}                       | TCP :8080 | 300 60 20 3 15",
      "container | {\"tcp\": {\"endpoint\": \"admin\"}}                      | (none) |",
      "host      | {\"tcp\": {\"endpoint\": \"nope\"}}                       | (none) |",
      "host      | {\"gracePeriodSeconds\": 5}                               | (none) |",
      "host      | (none)                                                    | (none) |"})
  void carriesTheContainersHealthCheckOnTheEndpointsPort(String network, String check, String target,
      String timings) throws Exception {
    PodContainer.Builder container = PodFixtures.container("web", 0.1, 32, "sleep 1")
        .addEndpoints(Endpoint.newBuilder().setName("http").setContainerPort(8080))
        .addEndpoints(Endpoint.newBuilder().setName("admin").setHostPort(0));
    if (!check.equals("(none)")) JsonFormat.parser().merge(check, container.getHealthCheckBuilder());
    Pod pod = PodFixtures.pod("/web", List.of(), container.build())
        .addNetworks(Network.newBuilder().setMode(network)).build();
    List<Integer> hostPorts = network.equals("host") ? List.of(31000, 31001) : List.of(31001);

    TaskInfo task = PodTaskBuilder.build(pod, 0, "t", Fixtures.standardOffer(), List.of(), hostPorts, Map.of());

    assertEquals(target.equals("(none)") ? "(none)" : target + " | " + timings, brief(task));
  }

  /** Through the launch: each container's check on its own endpoint's host port. */
  @Test
  void eachContainersCheckProbesItsOwnEndpoint() throws Exception {
    Pod.Builder pod = PodFirstPlacementTest.DB.toBuilder();
    JsonFormat.parser().merge("{\"http\": {\"endpoint\": \"http\"}}",
        pod.getContainersBuilder(0).getHealthCheckBuilder());
    JsonFormat.parser().merge("{\"tcp\": {\"endpoint\": \"admin-api\"}}",
        pod.getContainersBuilder(1).getHealthCheckBuilder());
    Launch launch = OfferMatcher.match(Fixtures.standardOffer(), List.of(PodFixtures.first(pod.build(),
        PodFixtures.instance(pod.build(), 1))), Fixtures.SETTINGS, Fixtures.NOW).launches().get(0);

    List<String> checks = PodFixtures.launchGroup(launch).getTaskGroup().getTasksList().stream()
        .map(task -> task.getName() + ": " + brief(task)).toList();

    assertEquals(List.of("a: HTTP http://:31000 | 300 60 20 3 15", "b: TCP :31500 | 300 60 20 3 15"), checks);
  }

  private static String brief(TaskInfo task) {
    if (!task.hasHealthCheck()) return "(none)";
    HealthCheck check = task.getHealthCheck();
    String target = switch (check.getType()) {
      case HTTP -> "HTTP " + check.getHttp().getScheme() + "://:" + check.getHttp().getPort()
          + check.getHttp().getPath();
      case TCP -> "TCP :" + check.getTcp().getPort();
      case COMMAND -> "COMMAND " + (check.getCommand().getShell() ? "shell " + check.getCommand().getValue()
          : check.getCommand().getValue() + " " + check.getCommand().getArgumentsList());
      default -> check.getType().name();
    };
    return target + " | " + (int) check.getGracePeriodSeconds() + " " + (int) check.getIntervalSeconds() + " "
        + (int) check.getTimeoutSeconds() + " " + check.getConsecutiveFailures() + " " + (int) check.getDelaySeconds();
  }

  private static Volume sandbox(String containerPath, String volumeName) {
    return Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW)
        .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.SANDBOX_PATH)
            .setSandboxPath(Volume.Source.SandboxPath.newBuilder().setType(Volume.Source.SandboxPath.Type.PARENT)
                .setPath(volumeName))).build();
  }

  private static Map<String, String> env(TaskInfo task) {
    return task.getCommand().getEnvironment().getVariablesList().stream()
        .collect(Collectors.toMap(Environment.Variable::getName, Environment.Variable::getValue));
  }
}
