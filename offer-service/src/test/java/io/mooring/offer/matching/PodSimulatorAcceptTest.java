package io.mooring.offer.matching;

import static io.mooring.offer.matching.PodFixtures.container;
import static io.mooring.offer.matching.PodFixtures.endpoint;
import static io.mooring.offer.matching.PodFixtures.mount;
import static io.mooring.offer.matching.SimAccepts.accept;
import static io.mooring.offer.matching.SimAccepts.awaitLines;
import static io.mooring.offer.matching.SimAccepts.operation;
import static io.mooring.offer.matching.SimAccepts.taskState;
import static io.mooring.offer.matching.SimAccepts.volumeDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Lifecycle;
import io.mooring.proto.v1.Pod;
import io.mooring.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod of two containers sharing one persistent volume, on the simulator: ONE ACCEPT [RESERVE, CREATE,
 * LAUNCH_GROUP] runs both and they write into the volume through the executor; killed, the instance is relaunched
 * from the re-offer of its reservation with ACCEPT [LAUNCH_GROUP] and both find the data.
 */
class PodSimulatorAcceptTest {
  private static final Lifecycle QUICK_KILL = Lifecycle.newBuilder().setKillGracePeriodSeconds(1).build();
  private static final Pod POD = PodFixtures.pod("/store", List.of(PodFixtures.volume("data", "path", 100)),
      container("a", 0.2, 32, "echo a >> data/log && sleep 3600").addEndpoints(endpoint("http", 0))
          .addVolumeMounts(mount("data", "data")).setLifecycle(QUICK_KILL).build(),
      container("b", 0.2, 32, "echo b >> data/log && echo $ENDPOINT_HTTP > data/port && sleep 3600")
          .addVolumeMounts(mount("data", "data")).setLifecycle(QUICK_KILL).build()).build();
  private static final List<String> TASKS = List.of("store.instance-1.a.1", "store.instance-1.b.1");

  @TempDir Path home;

  @Test
  void firstLaunchAndRelaunchOfAPodRunOnTheSimulator() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorAcceptTest.config(home));
        SimScheduler scheduler = new SimScheduler(sim.url())) {
      scheduler.subscribe(SimAccepts.framework());
      MatchSettings settings = new MatchSettings(scheduler.frameworkId.getValue(), SimAccepts.ROLE, "mooring", 100);
      Instance instance = PodFixtures.instance(POD, 1);

      Offer offer = SimAccepts.offer(scheduler, o -> true, 0);
      OfferMatch first = OfferMatcher.match(offer, List.of(PodFixtures.first(POD, instance)), settings, Fixtures.NOW);
      assertEquals(Map.of(), first.rejections());
      assertEquals(List.of(Offer.Operation.Type.RESERVE, Offer.Operation.Type.CREATE,
          Offer.Operation.Type.LAUNCH_GROUP), first.operations().stream().map(Offer.Operation::getType).toList());
      Launch launch = first.launches().get(0);
      int mark = scheduler.mark();
      accept(scheduler, offer, first);
      assertEquals(OperationState.OPERATION_FINISHED, operation(scheduler, TASKS.get(0) + ".reserve", mark));
      assertEquals(OperationState.OPERATION_FINISHED, operation(scheduler, TASKS.get(0) + ".create", mark));
      for (String task : TASKS) taskState(scheduler, task, TaskState.TASK_RUNNING, mark);
      Path volume = volumeDir(home, instance, "data");
      assertEquals(List.of("a", "b"), sorted(awaitLines(volume.resolve("log"), 2)));
      assertEquals(List.of(String.valueOf(launch.tasks().get(0).getHostPorts(0))),
          awaitLines(volume.resolve("port"), 1), "b sees a's endpoint");
      SimAccepts.assertReservedOnAgent(sim, settings, instance, TASKS.get(0));

      mark = scheduler.mark();
      for (String task : TASKS) SimAccepts.kill(scheduler, task);
      for (String task : TASKS) taskState(scheduler, task, TaskState.TASK_KILLED, mark);
      Offer reoffer = SimAccepts.wholeReoffer(scheduler, mark);
      OfferMatch second = OfferMatcher.match(reoffer,
          List.of(PodFixtures.relaunch(POD, PodFixtures.suspended(instance, launch))), settings, Fixtures.NOW);
      assertEquals(Map.of(), second.rejections());
      assertEquals(List.of(Offer.Operation.Type.LAUNCH_GROUP), second.operations().stream()
          .map(Offer.Operation::getType).toList());
      mark = scheduler.mark();
      accept(scheduler, reoffer, second);
      for (String task : List.of("store.instance-1.a.2", "store.instance-1.b.2")) {
        taskState(scheduler, task, TaskState.TASK_RUNNING, mark);
      }
      assertEquals(List.of("a", "a", "b", "b"), sorted(awaitLines(volume.resolve("log"), 4)),
          "the relaunched containers found the first ones' data");
      SimAccepts.assertReservedOnAgent(sim, settings, instance, TASKS.get(0));
      assertEquals(List.of(), sim.master().accountingErrors(), "resource accounting");
    }
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }
}
