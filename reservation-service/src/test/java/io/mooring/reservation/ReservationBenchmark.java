package io.mooring.reservation;

import static io.mooring.reservation.ServiceTests.app;

import ch.qos.logback.classic.Level;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.proto.v1.ClaimAllRequest;
import io.mooring.proto.v1.ClaimRequest;
import io.mooring.proto.v1.ClaimResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.PortRange;
import io.mooring.proto.v1.QueueRequest;
import io.mooring.proto.v1.ReportAck;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.reservation.engine.LaunchQueueFollower;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A harness that prints figures, not a test (surefire skips *Benchmark; ./mooring bench runs it): reservation-service's
 * write path on a real etcd, with definition-service and reservation-service in-process and 4 gRPC client threads
 * playing offer-service, which also holds the launch queue stream open as offer-service does. One app with N = 500
 * resident instances (one volume, one port). Printed, for a first round on a cold JVM and a second one warm:
 * "create -> N instances": from the Create call until the launch queue stream carries all N (definition watch,
 * planner pass, batched etcd writes, queue publication); "claim + TASK_RUNNING": full launch confirmations (a Claim,
 * then the task's TASK_RUNNING, two etcd writes) per second and the latency of each call; the launch queue messages
 * streamed meanwhile; "repeated TASK_RUNNING": the idempotent no-op path (no etcd write). Latencies are per call, as
 * a client thread sees them; every call runs on reservation-service's single reconciler thread. What publishing the
 * queues costs that thread is measured by QueueStreamsBenchmark. io.mooring logs at WARN here: two INFO lines per
 * launch would bury the figures.
 */
class ReservationBenchmark {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final int N = Integer.getInteger("bench.instances", 500);
  private static final int CLIENTS = 4;
  private static final int REPEATS_PER_CLIENT = 1500;
  private static final int AGENTS = 10;
  private static final int BATCH = 10;
  private static final String FRAMEWORK = "framework-bench";
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final String APP = """
      {"id": "/db", "cmd": "sleep 3600", "instances": %d, "cpus": 0.5, "mem": 512,
       "portDefinitions": [{"port": 0, "name": "http"}],
       "container": {"type": "MESOS",
         "volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 1024}}]}}""";

  @Test
  void launchConfirmationsOnEtcd() throws Exception {
    ch.qos.logback.classic.Logger mooring = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.mooring");
    Level level = mooring.getLevel();
    mooring.setLevel(Level.WARN);
    try {
      System.out.printf("%n== reservation-service on etcd: one app of %d resident instances, %d client threads ==%n",
          N, CLIENTS);
      round("round 1, cold JVM");
      round("round 2, warm");
    } finally {
      mooring.setLevel(level);
    }
  }

  /** Fresh services on a fresh etcd namespace: create the app, confirm every launch, then repeat statuses. */
  private static void round(String name) throws Exception {
    String namespace = EtcdExtension.newNamespace();
    int definitionPort = Ports.free();
    int reservationPort = Ports.free();
    try (ApplicationContext definitionService = ApplicationContext.run(GrpcEmbeddedServer.class, Map.of(
            "grpc.server.port", definitionPort, "mooring.etcd.endpoints", ETCD.endpoint(),
            "mooring.etcd.namespace", namespace), "definition-service").getApplicationContext();
        ApplicationContext reservationService = ApplicationContext.run(GrpcEmbeddedServer.class, Map.of(
            "grpc.server.port", reservationPort, "mooring.etcd.endpoints", ETCD.endpoint(),
            "mooring.etcd.namespace", namespace, "grpc.channels.definition.address", "127.0.0.1:" + definitionPort,
            "mooring.task-reservation-timeout", "10m"), "reservation-service").getApplicationContext()) {
      ManagedChannel definitionChannel = ManagedChannelBuilder.forAddress("127.0.0.1", definitionPort)
          .usePlaintext().build();
      ManagedChannel reservationChannel = ManagedChannelBuilder.forAddress("127.0.0.1", reservationPort)
          .usePlaintext().build();
      try {
        measure(name, DefinitionServiceGrpc.newBlockingStub(definitionChannel), reservationChannel);
      } finally {
        definitionChannel.shutdownNow();
        reservationChannel.shutdownNow();
      }
    }
  }

  private static void measure(String name,
      DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions,
      ManagedChannel channel) throws Exception {
    var reservations = ReservationServiceGrpc.newBlockingStub(channel);
    LaunchQueueFollower queue = new LaunchQueueFollower();
    ReservationServiceGrpc.newStub(channel).streamLaunchQueue(QueueRequest.getDefaultInstance(), queue);
    awaitReady(reservations);

    long start = System.nanoTime();
    definitions.create(CreateRequest.newBuilder().setSpec(app(APP.formatted(N))).build());
    long created = System.nanoTime();
    List<Instance> instances = queue.await(q -> q.size() == N, MINUTE).values().stream()
        .map(LaunchRequest::getInstance).toList();
    long queued = System.nanoTime();

    int streamedBefore = queue.received().size();
    long[] claims = new long[N];
    long[] statuses = new long[N];
    AtomicInteger next = new AtomicInteger();
    long claimStart = System.nanoTime();
    run(() -> {
      for (int i = next.getAndIncrement(); i < N; i = next.getAndIncrement()) {
        Instance instance = instances.get(i);
        long t0 = System.nanoTime();
        reservations.claim(claim(instance, i));
        long t1 = System.nanoTime();
        reservations.reportTaskStatus(running(instance, i));
        statuses[i] = System.nanoTime() - t1;
        claims[i] = t1 - t0;
      }
    });
    double claimSeconds = (System.nanoTime() - claimStart) / 1e9;
    List<LaunchQueueUpdate> streamed = queue.received().subList(streamedBefore, queue.received().size());
    long bytes = streamed.stream().mapToLong(LaunchQueueUpdate::getSerializedSize).sum();
    queue.await(Map::isEmpty, MINUTE);
    long runningCount = reservations.listInstances(ListInstancesRequest.getDefaultInstance()).getInstancesList()
        .stream().filter(i -> i.getState() == InstanceState.RUNNING_STATE && i.getReservation().getConfirmed()).count();
    if (runningCount != N) throw new AssertionError(runningCount + " of " + N + " instances running");

    long[] repeats = new long[CLIENTS * REPEATS_PER_CLIENT];
    AtomicInteger slot = new AtomicInteger();
    long repeatStart = System.nanoTime();
    run(() -> {
      for (int s = slot.getAndIncrement(); s < repeats.length; s = slot.getAndIncrement()) {
        int i = (int) ((s * 7919L) % N);
        long t0 = System.nanoTime();
        ReportAck ack = reservations.reportTaskStatus(running(instances.get(i), i));
        repeats[s] = System.nanoTime() - t0;
        if (ack.getApplied()) throw new AssertionError("a repeated TASK_RUNNING was applied");
      }
    });
    double repeatSeconds = (System.nanoTime() - repeatStart) / 1e9;

    long[] pairs = new long[N];
    for (int i = 0; i < N; i++) pairs[i] = claims[i] + statuses[i];
    System.out.printf("%s: create -> %d instances in the launch queue: %.2f s (Create call %.0f ms)%n", name, N,
        (queued - start) / 1e9, (created - start) / 1e6);
    System.out.printf("  %-34s %6s %7s %9s %8s %8s%n", "call", "calls", "s", "calls/s", "p50 ms", "p99 ms");
    row("claim", claims, 0);
    row("TASK_RUNNING after the claim", statuses, 0);
    row("claim + TASK_RUNNING (launches)", pairs, claimSeconds);
    row("repeated TASK_RUNNING (no-op)", repeats, repeatSeconds);
    System.out.printf("  launch queue stream during the %d launches: %d messages, %.1f KiB (%.2f KiB per launch)%n",
        N, streamed.size(), bytes / 1024.0, bytes / 1024.0 / N);
    batchedClaims(definitions, reservations, queue);
  }

  /**
   * offer-service's path: the placements of one offer claimed in one ClaimAll call (one etcd transaction), here
   * {@link #BATCH} per offer, for a second app of N instances.
   */
  private static void batchedClaims(DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions,
      ReservationServiceGrpc.ReservationServiceBlockingStub reservations, LaunchQueueFollower queue)
      throws Exception {
    definitions.create(CreateRequest.newBuilder().setSpec(app(APP.replace("/db", "/batch").formatted(N))).build());
    List<Instance> instances = queue.await(q -> q.size() == N, MINUTE).values().stream()
        .map(LaunchRequest::getInstance).toList();
    long[] batches = new long[N / BATCH];
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    run(() -> {
      for (int b = next.getAndIncrement(); b < batches.length; b = next.getAndIncrement()) {
        ClaimAllRequest.Builder request = ClaimAllRequest.newBuilder();
        for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
          request.addClaims(claim(instances.get(i), i));
        }
        long t0 = System.nanoTime();
        if (!reservations.claimAll(request.build()).getResultsList().stream().allMatch(ClaimResult::getClaimed)) {
          throw new AssertionError("a claim of batch " + b + " was refused");
        }
        batches[b] = System.nanoTime() - t0;
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    row("ClaimAll of " + BATCH + " (one offer)", batches, seconds);
    System.out.printf("  = %.0f claims/s%n", batches.length * BATCH / seconds);
  }

  private static void row(String what, long[] latencies, double seconds) {
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    System.out.printf("  %-34s %6d %7s %9s %8.2f %8.2f%n", what, sorted.length,
        seconds == 0 ? "" : "%.2f".formatted(seconds), seconds == 0 ? "" : "%.0f".formatted(sorted.length / seconds),
        sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6);
  }

  /** Runs {@code work} on every client thread and waits for all of them. */
  private static void run(Runnable work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) futures.add(pool.submit(work));
    for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
    pool.shutdown();
  }

  /** reservation-service answers once it loaded its instances from etcd (the first reconciler tick). */
  private static void awaitReady(ReservationServiceGrpc.ReservationServiceBlockingStub reservations)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        reservations.listInstances(ListInstancesRequest.getDefaultInstance());
        return;
      } catch (io.grpc.StatusRuntimeException e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.sleep(20);
      }
    }
  }

  /** What offer-service claims for a first placement: ACCEPT [RESERVE, CREATE, LAUNCH] on agent i % 10. */
  private static ClaimRequest claim(Instance instance, int i) {
    String agent = "agent-" + (i % AGENTS);
    String taskId = instance.getInstanceId() + "._app.1";
    long port = 31000 + i / AGENTS;
    Map<String, String> labels = Map.of("marathon_framework_id", FRAMEWORK,
        "marathon_task_id", instance.getInstanceId());
    ReservedResource.Builder base = ReservedResource.newBuilder().setRole("mooring").setPrincipal("mooring")
        .putAllLabels(labels);
    Reservation reservation = Reservation.newBuilder().setAgentId(agent).setHostname("host-" + (i % AGENTS))
        .addResources(base.clone().setName("cpus").setScalar(0.5))
        .addResources(base.clone().setName("mem").setScalar(512))
        .addResources(base.clone().setName("ports").addRanges(PortRange.newBuilder().setBegin(port).setEnd(port)))
        .addResources(base.clone().setName("disk").setScalar(1024)
            .setDiskSource(DiskSource.newBuilder().setType(DiskSource.Type.TYPE_UNSPECIFIED))
            .setPersistenceId(instance.getVolumes(0).getPersistenceId()).setContainerPath("data"))
        .addAllVolumes(instance.getVolumesList())
        .addOperationIds(taskId + ".reserve").addOperationIds(taskId + ".create").build();
    return ClaimRequest.newBuilder().setInstanceId(instance.getInstanceId()).setFence(1).setFrameworkId(FRAMEWORK)
        .setReservation(reservation).setConfigVersion(instance.getConfigVersion())
        .addTasks(Task.newBuilder().setTaskId(taskId).setIncarnation(1).setMesosState("TASK_STAGING")
            .setStagedAt(Instant.now().toString()).setRunSpecVersion(instance.getRunSpecVersion())
            .addHostPorts((int) port))
        .build();
  }

  private static TaskStatusReport running(Instance instance, int i) {
    return TaskStatusReport.newBuilder().setTaskId(instance.getInstanceId() + "._app.1")
        .setAgentId("agent-" + (i % AGENTS)).setState("TASK_RUNNING").setMessage("")
        .setUuid(ByteString.copyFromUtf8(UUID.randomUUID().toString()))
        .setTimestampMicros(System.currentTimeMillis() * 1000).build();
  }

}
