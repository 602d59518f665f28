package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.list;
import static io.mooring.offer.matching.SimAccepts.accept;
import static io.mooring.offer.matching.SimAccepts.awaitLines;
import static io.mooring.offer.matching.SimAccepts.operation;
import static io.mooring.offer.matching.SimAccepts.taskState;
import static io.mooring.offer.matching.SimAccepts.volumeDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACCEPTs the matcher builds, run against the simulator (a faithful Mesos 1.11 master with a process agent): the
 * first launch in one ACCEPT [RESERVE, CREATE, LAUNCH] writes into its volumes; killed, it is relaunched from the
 * re-offer of its reservation with ACCEPT [LAUNCH] and finds its data.
 */
class SimulatorAcceptTest {
  private static final App APP = Fixtures.app("/db",
          Fixtures.persistent("data", "path", 100),
          Fixtures.persistent("logs", PersistentVolumeInfo.newBuilder().setType("mount").setSize(100)
              .setProfileName("fast").addConstraints(list("path", "LIKE", "/mnt/ssd-.*")).build()))
      .setCmd("echo hello >> data/foo && echo $PORT_HTTP > logs/port && sleep 3600").setDisk(10)
      .setTaskKillGracePeriodSeconds(1).addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("http"))
      .build();

  @TempDir Path home;

  static SimConfig config(Path home) {
    return SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(1, "process"))
        .withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(75));
  }

  @Test
  void firstLaunchAndRelaunchRunOnTheSimulator() throws Exception {
    try (Simulator sim = Simulator.start(config(home)); SimScheduler scheduler = new SimScheduler(sim.url())) {
      scheduler.subscribe(SimAccepts.framework());
      MatchSettings settings = new MatchSettings(scheduler.frameworkId.getValue(), SimAccepts.ROLE, "mooring", 100);
      Instance instance = Fixtures.instance(APP, 1);

      Offer offer = SimAccepts.offer(scheduler, o -> true, 0);
      OfferMatch first = OfferMatcher.match(offer, List.of(Fixtures.first(APP, instance)), settings, Fixtures.NOW);
      assertEquals(Map.of(), first.rejections());
      Launch launch = first.launches().get(0);
      int mark = scheduler.mark();
      accept(scheduler, offer, first);
      assertEquals(OperationState.OPERATION_FINISHED, operation(scheduler, "db.instance-1._app.1.reserve", mark));
      assertEquals(OperationState.OPERATION_FINISHED, operation(scheduler, "db.instance-1._app.1.create", mark));
      taskState(scheduler, "db.instance-1._app.1", TaskState.TASK_RUNNING, mark);
      awaitLines(volumeDir(home, instance, "data").resolve("foo"), 1);
      assertEquals(List.of(String.valueOf(launch.tasks().get(0).getHostPorts(0))),
          awaitLines(mountPoint("/mnt/ssd-1").resolve("port"), 1), "the mount volume is on the disk with the profile");
      SimAccepts.assertReservedOnAgent(sim, settings, instance, "db.instance-1._app.1");

      mark = scheduler.mark();
      SimAccepts.kill(scheduler, "db.instance-1._app.1");
      taskState(scheduler, "db.instance-1._app.1", TaskState.TASK_KILLED, mark);
      Offer reoffer = SimAccepts.reoffer(scheduler, mark);
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
      assertEquals(List.of("hello", "hello"), awaitLines(volumeDir(home, instance, "data").resolve("foo"), 2),
          "the relaunched task found the first one's data");
      assertEquals(launch.tasks().get(0).getHostPortsList(), second.launches().get(0).tasks().get(0)
          .getHostPortsList());
      assertEquals(launch.reservation().getAgentId(), second.launches().get(0).reservation().getAgentId());
      SimAccepts.assertReservedOnAgent(sim, settings, instance, "db.instance-1._app.1");
      assertEquals(List.of(), sim.master().accountingErrors(), "resource accounting");
    }
  }

  @Test
  void severalInstancesInOneAccept() throws Exception {
    App web = Fixtures.app("/web", Fixtures.persistent("data", "root", 100)).setDisk(10)
        .setCmd("echo hello >> data/foo && sleep 3600")
        .addPortDefinitions(PortDefinition.newBuilder().setPort(0)).build();
    List<Instance> instances = List.of(Fixtures.instance(web, 1), Fixtures.instance(web, 2), Fixtures.instance(web, 3));
    try (Simulator sim = Simulator.start(config(home)); SimScheduler scheduler = new SimScheduler(sim.url())) {
      scheduler.subscribe(SimAccepts.framework());
      MatchSettings settings = new MatchSettings(scheduler.frameworkId.getValue(), SimAccepts.ROLE, "mooring", 100);
      Offer offer = SimAccepts.offer(scheduler, o -> true, 0);
      OfferMatch match = OfferMatcher.match(offer, instances.stream().map(i -> Fixtures.first(web, i)).toList(),
          settings, Fixtures.NOW);
      assertEquals(3, match.launches().size());
      int mark = scheduler.mark();
      accept(scheduler, offer, match);
      for (Instance instance : instances) {
        taskState(scheduler, instance.getInstanceId() + "._app.1", TaskState.TASK_RUNNING, mark);
        awaitLines(volumeDir(home, instance, "data").resolve("foo"), 1);
      }
      assertEquals(List.of(), sim.master().accountingErrors(), "resource accounting");
    }
  }

  /** A volume on a MOUNT disk is the mount point itself (as in Mesos). */
  private Path mountPoint(String root) {
    return home.resolve("agents/agent-0/disks" + root);
  }
}
