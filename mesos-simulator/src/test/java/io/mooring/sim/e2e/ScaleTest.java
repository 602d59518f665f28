package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.framework;
import static io.mooring.sim.e2e.RefusalSupport.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator at the scale Mooring runs it: 1,000 instances, each a labelled RESERVE and a CREATE (with operation
 * ids, as Mooring sends them) and the LAUNCH of a virtual task, through the scheduler API, spread over 1,000 agents or
 * packed on one. ACCEPTs are answered at once however many operations they hold, and the master keeps answering
 * promptly; an operation costs no more on an agent that already holds thousands of volumes.
 */
class ScaleTest {
  private static final int INSTANCES = 1000;
  /** Instances per ACCEPT when they share an agent: 300 operations. */
  private static final int PER_ACCEPT = 100;
  /** An idle 1,000-agent cluster answers /master/state in about 70 ms. */
  private static final Duration PROMPT = Duration.ofSeconds(2);

  @TempDir Path home;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void aThousandVolumesOnAThousandAgents() throws Exception {
    try (SimFixture sim = new SimFixture(home, INSTANCES, "virtual");
        SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("scale"));
      List<Future<?>> accepts = new ArrayList<>();
      for (Offer offer : oneOfferPerAgent(client, INSTANCES)) {
        String id = "i-" + offer.getAgentId().getValue();
        // leftovers refused for an hour: the test is about what was accepted, not about more offers
        Call accept = client.call(Call.Type.ACCEPT).setAccept(Mesos.accept(offer.getId(), 3600,
            instance(offer, id).toArray(Offer.Operation[]::new))).build();
        accepts.add(pool.submit(() -> send(client, accept)));
      }
      for (Future<?> accept : accepts) accept.get();
      awaitRunningAndFinished(client, INSTANCES);
      assertPromptAndComplete(sim, INSTANCES);
    }
  }

  @Test
  void aThousandVolumesOnOneAgentThreeHundredOperationsPerAccept() throws Exception {
    try (SimFixture sim = new SimFixture(home, 1, "virtual");
        SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      client.subscribe(framework("scale"));
      Offer offer = SimFixture.offer(client, o -> true);
      long stateAtHalf = 0;
      for (int launched = 0; launched < INSTANCES; launched += PER_ACCEPT) {
        if (launched == INSTANCES / 2) stateAtHalf = stateBytes(sim);
        List<Offer.Operation> operations = new ArrayList<>();
        for (int i = launched; i < launched + PER_ACCEPT; i++) operations.addAll(instance(offer, "i-" + i));
        Call accept = client.call(Call.Type.ACCEPT).setAccept(
            Mesos.accept(offer.getId(), 0, operations.toArray(Offer.Operation[]::new))).build();
        int mark = client.seen.size();
        within(Duration.ofSeconds(1), "an ACCEPT of 300 operations", () -> send(client, accept));
        awaitRunningAndFinished(client, PER_ACCEPT);
        offer = RefusalSupport.offerSince(client, mark, o -> true);
      }
      long stateAtFull = stateBytes(sim);
      System.out.printf("ScaleTest: the master allocates %,d bytes for the state with 500 tasks, %,d with 1,000%n",
          stateAtHalf, stateAtFull);
      assertTrue(stateAtFull < 2.5 * stateAtHalf,
          "the state of 1,000 tasks cost " + stateAtFull + " bytes of the master's allocations, of 500 " + stateAtHalf);
      assertPromptAndComplete(sim, 1);
    }
  }

  @Test
  void anOperationCostsNoMoreOnAnAgentHoldingThousandsOfVolumes() throws Exception {
    try (SimFixture sim = new SimFixture(home, 2, "virtual");
        SchedulerClient client = sim.client(MediaTypes.Encoding.PROTOBUF)) {
      List<String> agents = sim.simulator.master().faults().agentIds();
      String emptyAgent = agents.get(0);
      String fullAgent = agents.get(1);
      preloadVolumes(sim, fullAgent, 2000);
      client.subscribe(framework("scale"));
      Map<String, Offer> offers = new HashMap<>();
      oneOfferPerAgent(client, 2).forEach(o -> offers.put(o.getAgentId().getValue(), o));

      applyingCost(sim, client, offers.get(emptyAgent), "warm-up", 10);
      Offer again = RefusalSupport.offerSince(client, 0, o -> o.getAgentId().getValue().equals(emptyAgent)
          && !o.getId().equals(offers.get(emptyAgent).getId()));
      Duration onEmpty = applyingCost(sim, client, again, "empty", PER_ACCEPT);
      Duration onFull = applyingCost(sim, client, offers.get(fullAgent), "full", PER_ACCEPT);

      System.out.printf("ScaleTest: master CPU per operation: %d us on an agent with 10 volumes, %d us with 2,000%n",
          onEmpty.toNanos() / 1000 / (3 * PER_ACCEPT), onFull.toNanos() / 1000 / (3 * PER_ACCEPT));
      assertTrue(onFull.toNanos() < 2.5 * onEmpty.toNanos(),
          "300 operations cost " + onFull + " of the master's time next to 2,000 volumes, " + onEmpty + " next to 10");
    }
  }

  // ---------------------------------------------------------------- one instance and its operations

  /** RESERVE (labelled) and CREATE with operation ids, then LAUNCH on them: one instance, as Mooring places it. */
  private static List<Offer.Operation> instance(Offer offer, String id) {
    Resource cpus = Mesos.reserved(Mesos.scalar("cpus", 0.001), id);
    Resource mem = Mesos.reserved(Mesos.scalar("mem", 1), id);
    Resource disk = Mesos.reserved(Mesos.scalar("disk", 1), id);
    Resource volume = Mesos.volume(disk, id, "data");
    return List.of(Mesos.reserve(id + ".reserve", List.of(cpus, mem, disk)),
        Mesos.create(id + ".create", List.of(volume)),
        Mesos.launch(Mesos.task(id, offer.getAgentId(), "sleep 3600", List.of(cpus, mem, volume))));
  }

  private static Void send(SchedulerClient client, Call call) throws Exception {
    client.send(call);
    return null;
  }

  private static List<Offer> oneOfferPerAgent(SchedulerClient client, int agents) throws InterruptedException {
    Map<AgentID, Offer> offers = new HashMap<>();
    while (offers.size() < agents) {
      Event e = client.await(ev -> ev.getType() == Event.Type.OFFERS, SimFixture.WAIT);
      e.getOffers().getOffersList().forEach(o -> offers.putIfAbsent(o.getAgentId(), o));
    }
    return List.copyOf(offers.values());
  }

  /**
   * Reads events until that many more tasks are RUNNING and twice as many operations FINISHED, acknowledging every
   * status with a uuid as a scheduler does (a task's next update waits for the acknowledgement of the last).
   */
  private void awaitRunningAndFinished(SchedulerClient client, int tasks) throws Exception {
    Set<String> running = new HashSet<>();
    Set<String> finished = new HashSet<>();
    List<Future<?>> acknowledgements = new ArrayList<>();
    while (running.size() < tasks || finished.size() < 2 * tasks) {
      Event e = client.next(SimFixture.WAIT);
      if (e.getType() == Event.Type.UPDATE) {
        TaskStatus status = e.getUpdate().getStatus();
        if (status.getState() == TaskState.TASK_RUNNING) running.add(status.getTaskId().getValue());
        else if (status.getState() != TaskState.TASK_STARTING) fail("unexpected " + status);
        acknowledgements.add(pool.submit(() -> acknowledge(client, status)));
      } else if (e.getType() == Event.Type.UPDATE_OPERATION_STATUS) {
        OperationStatus status = e.getUpdateOperationStatus().getStatus();
        if (status.getState() != OperationState.OPERATION_FINISHED) fail("unexpected " + status);
        finished.add(status.getOperationId().getValue());
        acknowledgements.add(pool.submit(() -> acknowledge(client, status)));
      }
    }
    for (Future<?> acknowledgement : acknowledgements) acknowledgement.get();
  }

  private static Void acknowledge(SchedulerClient client, TaskStatus status) throws Exception {
    SimFixture.acknowledge(client, status);
    return null;
  }

  private static Void acknowledge(SchedulerClient client, OperationStatus status) throws Exception {
    SimFixture.acknowledge(client, status);
    return null;
  }

  // ---------------------------------------------------------------- what the operators see

  /** /master/state, GET_HEALTH and GET_AGENTS answer promptly, and the state lists every volume once. */
  private static void assertPromptAndComplete(SimFixture sim, int agents) throws Exception {
    JsonObject state = within(PROMPT, "/master/state", sim::state);
    assertEquals(INSTANCES, volumes(state), "volumes in /master/state");
    Response health = within(PROMPT, "GET_HEALTH", () -> response(sim.operator(operatorCall(
        org.apache.mesos.v1.master.Protos.Call.Type.GET_HEALTH))));
    assertTrue(health.getGetHealth().getHealthy());
    Response listed = within(PROMPT, "GET_AGENTS", () -> response(sim.operator(operatorCall(
        org.apache.mesos.v1.master.Protos.Call.Type.GET_AGENTS))));
    assertEquals(agents, listed.getGetAgents().getAgentsCount());
  }

  private static <T> T within(Duration limit, String what, Callable<T> call) throws Exception {
    long start = System.nanoTime();
    T result = call.call();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(limit) < 0, what + " answered after " + took);
    return result;
  }

  private static org.apache.mesos.v1.master.Protos.Call operatorCall(org.apache.mesos.v1.master.Protos.Call.Type type) {
    return org.apache.mesos.v1.master.Protos.Call.newBuilder().setType(type).build();
  }

  private static long volumes(JsonObject state) {
    long count = 0;
    for (JsonElement slave : state.getAsJsonArray("slaves")) {
      for (var role : slave.getAsJsonObject().getAsJsonObject("reserved_resources_full").entrySet()) {
        for (JsonElement r : role.getValue().getAsJsonArray()) {
          JsonObject disk = r.getAsJsonObject().getAsJsonObject("disk");
          if (disk != null && disk.has("persistence")) count++;
        }
      }
    }
    return count;
  }

  // ---------------------------------------------------------------- the cost of applying operations

  /** Labelled reservations and a volume on each, made by the operator in two calls, before any framework comes. */
  private static void preloadVolumes(SimFixture sim, String agent, int count) throws Exception {
    List<Resource> disks = IntStream.range(0, count)
        .mapToObj(i -> Mesos.reserved(Mesos.scalar("disk", 1), "pre-" + i).toBuilder().clearAllocationInfo().build())
        .toList();
    List<Resource> volumes = IntStream.range(0, count)
        .mapToObj(i -> Mesos.volume(disks.get(i), "pre-" + i, "data")).toList();
    AgentID agentId = AgentID.newBuilder().setValue(agent).build();
    var reserve = org.apache.mesos.v1.master.Protos.Call.newBuilder()
        .setType(org.apache.mesos.v1.master.Protos.Call.Type.RESERVE_RESOURCES)
        .setReserveResources(org.apache.mesos.v1.master.Protos.Call.ReserveResources.newBuilder()
            .setAgentId(agentId).addAllResources(disks)).build();
    assertEquals(202, sim.operator(reserve).statusCode());
    var create = org.apache.mesos.v1.master.Protos.Call.newBuilder()
        .setType(org.apache.mesos.v1.master.Protos.Call.Type.CREATE_VOLUMES)
        .setCreateVolumes(org.apache.mesos.v1.master.Protos.Call.CreateVolumes.newBuilder()
            .setAgentId(agentId).addAllVolumes(volumes)).build();
    assertEquals(202, sim.operator(create).statusCode());
  }

  /**
   * The master thread's CPU time for one ACCEPT of that many instances (three operations each): CPU rather than
   * wall-clock time, so that a busy machine does not blur it. The ACCEPT is applied after its answer, so the reading
   * after it waits its turn on the master's thread.
   */
  private static Duration applyingCost(SimFixture sim, SchedulerClient client, Offer offer, String name, int instances)
      throws Exception {
    List<Offer.Operation> operations = new ArrayList<>();
    for (int i = 0; i < instances; i++) operations.addAll(instance(offer, name + "-" + i));
    long before = masterCpuNanos(sim);
    client.send(client.call(Call.Type.ACCEPT).setAccept(Mesos.accept(offer.getId(), 0,
        operations.toArray(Offer.Operation[]::new))).build());
    return Duration.ofNanos(masterCpuNanos(sim) - before);
  }

  /** The master thread's CPU time to take the state (GET_STATE, behind /master/state), the least of three. */
  /**
   * What building the state allocates on the master's thread (the least of 3): it grows with the work as CPU time
   * does, without CPU time's noise from the JIT, the collector and the other core, which once made 2.8 ms and 7 ms.
   */
  private static long stateBytes(SimFixture sim) {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long before = masterAllocatedBytes(sim);
      sim.simulator.master().state();
      least = Math.min(least, masterAllocatedBytes(sim) - before);
    }
    return least;
  }

  private static long masterAllocatedBytes(SimFixture sim) {
    return sim.simulator.master().call(() ->
        ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes());
  }

  private static long masterCpuNanos(SimFixture sim) {
    return sim.simulator.master().call(() -> ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
  }
}
