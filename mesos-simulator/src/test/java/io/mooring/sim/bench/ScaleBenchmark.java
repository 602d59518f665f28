package io.mooring.sim.bench;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.RecordIo;
import io.mooring.sim.Simulator;
import io.mooring.sim.config.SimConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/**
 * A harness that prints figures, not a test (surefire skips *Benchmark; ./mooring bench runs it): 2,000 virtual agents,
 * 10,000 virtual tasks launched over HTTP by ACCEPTs that each RESERVE labelled resources and LAUNCH on them, every
 * status update acknowledged. Prints the allocation cycle time, ACCEPTs per second and the heap.
 */
class ScaleBenchmark {
  private static final int AGENTS = Integer.getInteger("bench.agents", 2000);
  private static final int TASKS_PER_AGENT = Integer.getInteger("bench.tasksPerAgent", 5);
  private static final int CLIENTS = 4;
  private static final String ROLE = "mooring";

  private final HttpClient http = HttpClient.newHttpClient();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private String url;
  private String streamId;
  private org.apache.mesos.v1.Protos.FrameworkID frameworkId;

  @Test
  void twoThousandAgentsTenThousandTasks() throws Exception {
    Path home = Files.createTempDirectory("sim-bench");
    long heapBefore = usedHeap();
    SimConfig config = SimConfig.defaults(home).withPort(0).withAgents(SimConfig.standardAgents(AGENTS, "virtual"))
        .withTimings(Duration.ofHours(1), Duration.ofSeconds(15), Duration.ofSeconds(75));
    try (Simulator sim = Simulator.start(config)) {
      url = sim.url() + "/api/v1/scheduler";
      long heapIdle = usedHeap();
      subscribe();
      decline(nextOffers()); // subscribing triggers an allocation of its own

      List<Long> cycles = new ArrayList<>();
      List<Offer> offers = null;
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        int made = sim.master().allocateNow();
        cycles.add(System.nanoTime() - start);
        offers = nextOffers();
        if (made != AGENTS || offers.size() != AGENTS) throw new AssertionError("expected an offer per agent: " + made);
        if (i < 4) decline(offers);
      }

      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      AtomicInteger running = new AtomicInteger();
      Thread acker = new Thread(() -> acknowledgeUntil(running, AGENTS * TASKS_PER_AGENT, pool));
      acker.start();
      long start = System.nanoTime();
      List<Future<?>> accepts = new ArrayList<>();
      for (Offer offer : offers) accepts.add(pool.submit(() -> post(accept(offer))));
      for (Future<?> f : accepts) f.get();
      long acceptNanos = System.nanoTime() - start;
      acker.join(TimeUnit.MINUTES.toMillis(10));
      long runningNanos = System.nanoTime() - start;
      pool.shutdown();

      List<Long> busyCycles = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long t = System.nanoTime();
        int made = sim.master().allocateNow();
        busyCycles.add(System.nanoTime() - t);
        if (made != AGENTS) throw new AssertionError("expected an offer per agent after launching: " + made);
        decline(nextOffers());
      }
      long heapLoaded = usedHeap();
      int tasks = AGENTS * TASKS_PER_AGENT;
      System.out.printf("%n== mesos-simulator scale: %d virtual agents, %d virtual tasks ==%n", AGENTS, tasks);
      System.out.printf("allocation cycle, idle cluster (ms):   %s%n", millis(cycles));
      System.out.printf("allocation cycle, %d tasks (ms):    %s%n", tasks, millis(busyCycles));
      System.out.printf("ACCEPT [RESERVE, LAUNCH x%d]: %d calls in %.2f s = %.0f ACCEPTs/s (%d HTTP clients)%n",
          TASKS_PER_AGENT, offers.size(), acceptNanos / 1e9, offers.size() / (acceptNanos / 1e9), CLIENTS);
      System.out.printf("all %d tasks RUNNING (every update acknowledged) after %.2f s = %.0f tasks/s%n",
          running.get(), runningNanos / 1e9, running.get() / (runningNanos / 1e9));
      System.out.printf("heap used: JVM %d MiB, + simulator idle %d MiB, + %d tasks %d MiB%n",
          heapBefore >> 20, (heapIdle - heapBefore) >> 20, tasks, (heapLoaded - heapIdle) >> 20);
    }
  }

  private static String millis(List<Long> nanos) {
    return Arrays.toString(nanos.stream().mapToLong(n -> n / 1_000_000).toArray());
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private void subscribe() throws Exception {
    FrameworkInfo info = FrameworkInfo.newBuilder().setUser("nobody").setName("bench").addRoles(ROLE)
        .setPrincipal("bench").setCheckpoint(true).setFailoverTimeout(3600)
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(FrameworkInfo.Capability.newBuilder()
            .setType(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT)).build();
    Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
    HttpResponse<InputStream> response = http.send(request(call).header("Accept", MediaTypes.PROTOBUF).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
    InputStream in = response.body();
    Thread reader = new Thread(() -> {
      RecordIo.Reader records = new RecordIo.Reader(in, 256 * 1024 * 1024);
      try {
        for (byte[] r = records.next(); r != null; r = records.next()) events.add(Event.parseFrom(r));
      } catch (Exception e) {
        // stream closed at the end of the run
      }
    }, "bench-stream");
    reader.setDaemon(true);
    reader.start();
    Event subscribed = events.poll(10, TimeUnit.SECONDS);
    frameworkId = subscribed.getSubscribed().getFrameworkId();
  }

  private List<Offer> nextOffers() throws InterruptedException {
    while (true) {
      Event e = events.poll(60, TimeUnit.SECONDS);
      if (e == null) throw new AssertionError("no offers");
      if (e.getType() == Event.Type.OFFERS) return e.getOffers().getOffersList();
    }
  }

  private void decline(List<Offer> offers) throws Exception {
    Call.Decline.Builder decline = Call.Decline.newBuilder()
        .setFilters(org.apache.mesos.v1.Protos.Filters.newBuilder().setRefuseSeconds(0));
    offers.forEach(o -> decline.addOfferIds(o.getId()));
    post(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.DECLINE).setDecline(decline).build());
  }

  /** One ACCEPT per offer: RESERVE labelled cpus and mem for each task, then LAUNCH each task on its reservation. */
  private Call accept(Offer offer) {
    Call.Accept.Builder accept = Call.Accept.newBuilder().addOfferIds(offer.getId())
        .setFilters(org.apache.mesos.v1.Protos.Filters.newBuilder().setRefuseSeconds(0));
    for (int i = 0; i < TASKS_PER_AGENT; i++) {
      String id = offer.getAgentId().getValue() + "." + i;
      List<Resource> resources = List.of(reserved("cpus", 0.5, id), reserved("mem", 256, id));
      accept.addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
          .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(resources)));
      accept.addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
          .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task(id, offer.getAgentId(), resources))));
    }
    return Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACCEPT).setAccept(accept).build();
  }

  private static Resource reserved(String name, double value, String instance) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value))
        .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
        .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
            .setRole(ROLE).setPrincipal("bench")
            .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("instance").setValue(instance)))).build();
  }

  private static TaskInfo task(String id, AgentID agent, List<Resource> resources) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(agent)
        .setCommand(CommandInfo.newBuilder().setValue("sleep 3600")).addAllResources(resources).build();
  }

  /** Acknowledges every update until the given number of tasks are RUNNING. */
  private void acknowledgeUntil(AtomicInteger running, int target, ExecutorService pool) {
    try {
      while (running.get() < target) {
        Event e = events.poll(60, TimeUnit.SECONDS);
        if (e == null) throw new AssertionError("stalled at " + running.get() + " running tasks");
        if (e.getType() != Event.Type.UPDATE) continue;
        TaskStatus status = e.getUpdate().getStatus();
        if (status.getState() == TaskState.TASK_RUNNING) running.incrementAndGet();
        if (status.getState() == TaskState.TASK_ERROR) throw new AssertionError(status.getMessage());
        if (!status.hasUuid()) continue;
        pool.submit(() -> post(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACKNOWLEDGE)
            .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(status.getAgentId())
                .setTaskId(status.getTaskId()).setUuid(status.getUuid())).build()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Void post(Call call) throws Exception {
    HttpResponse<String> r = http.send(request(call).header("Mesos-Stream-Id", streamId).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) throw new AssertionError(call.getType() + " answered " + r.statusCode() + " " + r.body());
    return null;
  }

  private HttpRequest.Builder request(Call call) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", MediaTypes.PROTOBUF)
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray()));
  }
}
