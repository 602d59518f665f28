package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.mesos.MesosJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACCEPTs the matcher builds, run against the simulator (a faithful Mesos 1.11 master with a process agent): the
 * first launch in one ACCEPT [RESERVE, CREATE, LAUNCH] writes into its volumes; killed, it is relaunched from the
 * re-offer of its reservation with ACCEPT [LAUNCH] and finds its data.
 */
class SimulatorAcceptTest {
  private static final String ROLE = "mooring";
  private static final App APP = Fixtures.app("/db",
          Fixtures.persistent("data", "path", 100),
          Fixtures.persistent("logs", PersistentVolumeInfo.newBuilder().setType("mount").setSize(100)
              .setProfileName("fast").addConstraints(list("path", "LIKE", "/mnt/ssd-.*")).build()))
      .setCmd("echo hello >> data/foo && echo $PORT_HTTP > logs/port && sleep 3600").setDisk(10)
      .setTaskKillGracePeriodSeconds(1).addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("http"))
      .build();

  @TempDir Path home;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void firstLaunchAndRelaunchRunOnTheSimulator() throws Exception {
    SimConfig config = SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(1, "process"))
        .withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(75));
    try (Simulator sim = Simulator.start(config); SimScheduler scheduler = new SimScheduler(sim.url())) {
      scheduler.subscribe(framework());
      MatchSettings settings = new MatchSettings(scheduler.frameworkId.getValue(), ROLE, "mooring");
      Instance instance = Fixtures.instance(APP, 1);

      Offer offer = offer(scheduler, o -> true, 0);
      OfferMatch first = OfferMatcher.match(offer, List.of(Fixtures.first(APP, instance)), settings, Fixtures.NOW);
      assertEquals(Map.of(), first.rejections());
      Launch launch = first.launches().get(0);
      int mark = scheduler.mark();
      accept(scheduler, offer, first);
      assertEquals(OperationState.OPERATION_FINISHED, operation(scheduler, "db.instance-1._app.1.reserve", mark));
      assertEquals(OperationState.OPERATION_FINISHED, operation(scheduler, "db.instance-1._app.1.create", mark));
      taskState(scheduler, "db.instance-1._app.1", TaskState.TASK_RUNNING, mark);
      awaitLines(volumeDir(instance, "data").resolve("foo"), 1);
      assertEquals(List.of(String.valueOf(launch.tasks().get(0).getHostPorts(0))),
          awaitLines(mountPoint("/mnt/ssd-1").resolve("port"), 1), "the mount volume is on the disk with the profile");
      assertReservedOnAgent(sim, settings, instance);

      mark = scheduler.mark();
      scheduler.send(scheduler.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(TaskID.newBuilder().setValue("db.instance-1._app.1"))).build());
      taskState(scheduler, "db.instance-1._app.1", TaskState.TASK_KILLED, mark);
      Offer reoffer = offer(scheduler,
          o -> o.getResourcesList().stream().anyMatch(Ownership::isPersistentVolume), mark);
      Instance suspended = instance.toBuilder().setIncarnation(1).setReservation(launch.reservation())
          .addAllTasks(launch.tasks()).build();
      OfferMatch second = OfferMatcher.match(reoffer, List.of(Fixtures.relaunch(APP, suspended)), settings,
          Fixtures.NOW);
      assertEquals(Map.of(), second.rejections());
      assertEquals(List.of(Offer.Operation.Type.LAUNCH), second.operations().stream().map(Offer.Operation::getType)
          .toList());
      mark = scheduler.mark();
      accept(scheduler, reoffer, second);
      taskState(scheduler, "db.instance-1._app.2", TaskState.TASK_RUNNING, mark);
      assertEquals(List.of("hello", "hello"), awaitLines(volumeDir(instance, "data").resolve("foo"), 2),
          "the relaunched task found the first one's data");
      assertEquals(launch.tasks().get(0).getHostPortsList(), second.launches().get(0).tasks().get(0)
          .getHostPortsList());
      assertReservedOnAgent(sim, settings, instance);
      assertEquals(List.of(), sim.master().accountingErrors(), "resource accounting");
    }
  }

  @Test
  void severalInstancesInOneAccept() throws Exception {
    App web = Fixtures.app("/web", Fixtures.persistent("data", "root", 100)).setDisk(10)
        .setCmd("echo hello >> data/foo && sleep 3600")
        .addPortDefinitions(PortDefinition.newBuilder().setPort(0)).build();
    List<Instance> instances = List.of(Fixtures.instance(web, 1), Fixtures.instance(web, 2), Fixtures.instance(web, 3));
    SimConfig config = SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(1, "process"))
        .withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(75));
    try (Simulator sim = Simulator.start(config); SimScheduler scheduler = new SimScheduler(sim.url())) {
      scheduler.subscribe(framework());
      MatchSettings settings = new MatchSettings(scheduler.frameworkId.getValue(), ROLE, "mooring");
      Offer offer = offer(scheduler, o -> true, 0);
      OfferMatch match = OfferMatcher.match(offer, instances.stream().map(i -> Fixtures.first(web, i)).toList(),
          settings, Fixtures.NOW);
      assertEquals(3, match.launches().size());
      int mark = scheduler.mark();
      accept(scheduler, offer, match);
      for (Instance instance : instances) {
        taskState(scheduler, instance.getInstanceId() + "._app.1", TaskState.TASK_RUNNING, mark);
        awaitLines(volumeDir(instance, "data").resolve("foo"), 1);
      }
      assertEquals(List.of(), sim.master().accountingErrors(), "resource accounting");
    }
  }

  /** /master/state: everything reserved for the role carries our labels, and both volumes exist there. */
  private void assertReservedOnAgent(Simulator sim, MatchSettings settings, Instance instance) throws Exception {
    HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(sim.url() + "/master/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject slave = JsonParser.parseString(state.body()).getAsJsonObject().getAsJsonArray("slaves").get(0)
        .getAsJsonObject();
    List<Resource> reserved = new ArrayList<>();
    for (JsonElement r : slave.getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE)) {
      reserved.add(MesosJson.parse(r.toString(), Resource.getDefaultInstance()));
    }
    assertEquals(Set.of("cpus", "mem", "disk", "ports"), reserved.stream().map(Resource::getName)
        .collect(Collectors.toSet()));
    for (Resource r : reserved) {
      Map<String, String> labels = r.getReservations(r.getReservationsCount() - 1).getLabels().getLabelsList().stream()
          .collect(Collectors.toMap(Label::getKey, Label::getValue));
      assertEquals(Map.of("marathon_framework_id", settings.frameworkId(), "marathon_task_id",
          instance.getInstanceId()), labels, r.toString());
    }
    Set<String> volumes = reserved.stream().filter(Ownership::isPersistentVolume)
        .map(r -> r.getDisk().getPersistence().getId()).collect(Collectors.toSet());
    assertEquals(instance.getVolumesList().stream().map(v -> v.getPersistenceId()).collect(Collectors.toSet()),
        volumes);
  }

  private static FrameworkInfo framework() {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("nobody").setName("mooring-matching-test")
        .addRoles(ROLE).setPrincipal("mooring").setCheckpoint(true).setFailoverTimeout(3600);
    for (var type : List.of(FrameworkInfo.Capability.Type.MULTI_ROLE,
        FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT, FrameworkInfo.Capability.Type.PARTITION_AWARE)) {
      info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
    }
    return info.build();
  }

  private static Offer offer(SimScheduler scheduler, java.util.function.Predicate<Offer> matching, int from)
      throws InterruptedException {
    Event e = scheduler.await(ev -> ev.getType() == Event.Type.OFFERS
        && ev.getOffers().getOffersList().stream().anyMatch(matching), from);
    return e.getOffers().getOffersList().stream().filter(matching).findFirst().orElseThrow();
  }

  private static void accept(SimScheduler scheduler, Offer offer, OfferMatch match) throws Exception {
    scheduler.send(scheduler.call(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
        .addAllOperations(match.operations()).setFilters(Filters.newBuilder().setRefuseSeconds(0))).build());
  }

  private static OperationState operation(SimScheduler scheduler, String id, int from) throws InterruptedException {
    return scheduler.await(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(id), from)
        .getUpdateOperationStatus().getStatus().getState();
  }

  /** Waits for the task to reach the state; fails at once if it ends in another terminal state. */
  private static void taskState(SimScheduler scheduler, String taskId, TaskState state, int from)
      throws InterruptedException {
    Event e = scheduler.await(ev -> ev.getType() == Event.Type.UPDATE
        && ev.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && (ev.getUpdate().getStatus().getState() == state || terminal(ev.getUpdate().getStatus().getState())), from);
    assertEquals(state, e.getUpdate().getStatus().getState(), e.getUpdate().getStatus().getMessage());
  }

  private static boolean terminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE -> true;
      default -> false;
    };
  }

  private Path volumeDir(Instance instance, String containerPath) throws Exception {
    String id = instance.getVolumesList().stream().filter(v -> v.getContainerPath().equals(containerPath))
        .findFirst().orElseThrow().getPersistenceId();
    try (Stream<Path> paths = Files.walk(home)) {
      return paths.filter(p -> p.getFileName().toString().equals(id)).findFirst()
          .orElseThrow(() -> new AssertionError("no volume directory " + id));
    }
  }

  /** A volume on a MOUNT disk is the mount point itself (as in Mesos). */
  private Path mountPoint(String root) {
    return home.resolve("agents/agent-0/disks" + root);
  }

  private static List<String> awaitLines(Path file, int lines) throws Exception {
    long deadline = System.nanoTime() + SimScheduler.WAIT.toNanos();
    List<String> read = List.of();
    while (System.nanoTime() < deadline && read.size() < lines) {
      if (Files.exists(file)) read = Files.readAllLines(file);
      Thread.sleep(50);
    }
    assertTrue(read.size() >= lines, file + ": " + read);
    return read;
  }
}
