package io.mooring.definition;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A harness that prints figures, not a test: surefire's default includes skip *Benchmark; ./mooring bench runs it.
 * Measures the pure core (normalise + validate) and definition-service's gRPC writes and reads on a real etcd.
 */
class DefinitionBenchmark {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final String POSTGRES = "{\"id\":\"/pg-%d\",\"cpus\":1,\"mem\":512,\"instances\":1,"
      + "\"networks\":[{\"mode\":\"container/bridge\"}],\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"postgres\"},"
      + "\"volumes\":[{\"containerPath\":\"pgdata\",\"mode\":\"RW\",\"persistent\":{\"type\":\"mount\",\"size\":524288,"
      + "\"maxSize\":1048576,\"constraints\":[[\"path\",\"LIKE\",\"/mnt/ssd-.+\"]]}}],"
      + "\"portMappings\":[{\"containerPort\":5432,\"hostPort\":0,\"protocol\":\"tcp\",\"name\":\"postgres\"}]},"
      + "\"env\":{\"PGDATA\":\"pgdata\"},\"upgradeStrategy\":{\"maximumOverCapacity\":0,\"minimumHealthCapacity\":0}}";

  @Test
  void pureCore() {
    RunSpec raw = RunSpec.newBuilder().setApp(Specs.app(POSTGRES.formatted(0))).build();
    int sink = 0;
    for (int i = 0; i < 50_000; i++) {
      sink += AppOrPod.validate(AppOrPod.normalize(raw, "mooring")).toList().size();
    }
    int n = 500_000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += AppOrPod.validate(AppOrPod.normalize(raw, "mooring")).toList().size();
    }
    double nanos = (System.nanoTime() - start) / (double) n;
    System.out.printf("normalise+validate (seed PostgreSQL app): %.2f us/op, %.0f ops/s (violations %d)%n",
        nanos / 1000, 1e9 / nanos, sink);
  }

  @Test
  void grpcWritesAndReads() throws Exception {
    int port = Ports.free();
    try (ApplicationContext service = ApplicationContext.run(GrpcEmbeddedServer.class, Map.of(
        "grpc.server.port", port, "mooring.etcd.endpoints", ETCD.endpoint(),
        "mooring.etcd.namespace", EtcdExtension.newNamespace()), "definition-service").getApplicationContext()) {
      ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      var stub = DefinitionServiceGrpc.newBlockingStub(channel);
      int clients = 4;
      int perClient = 1000;
      AtomicInteger next = new AtomicInteger();
      Runnable create = () -> stub.create(CreateRequest.newBuilder().setSpec(RunSpec.newBuilder()
          .setApp(Specs.app(POSTGRES.formatted(next.getAndIncrement())))).build());
      AtomicInteger read = new AtomicInteger();
      Runnable get = () -> stub.get(GetRequest.newBuilder().setKind(RunSpecKind.APP)
          .setId("/pg-" + (read.getAndIncrement() % next.get())).build());
      run(clients, perClient, create);  // warm-up rounds: JIT, connections
      run(clients, perClient, get);
      report("create", clients, perClient, create);
      report("get", clients, perClient, get);
      channel.shutdownNow();
    }
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    System.out.printf("heap used after the run (client + service + 8000 apps): %d MiB%n",
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);
  }

  private static void report(String what, int clients, int perClient, Runnable call) throws Exception {
    long start = System.nanoTime();
    long[] all = run(clients, perClient, call);
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(all);
    System.out.printf("%s: %d calls from %d clients in %.2f s = %.0f/s, p50 %.2f ms, p99 %.2f ms%n", what,
        all.length, clients, seconds, all.length / seconds, all[all.length / 2] / 1e6, all[all.length * 99 / 100] / 1e6);
  }

  /** Latencies of {@code clients} threads making {@code perClient} calls each. */
  private static long[] run(int clients, int perClient, Runnable call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      results.add(pool.submit(() -> {
        long[] latencies = new long[perClient];
        for (int i = 0; i < perClient; i++) {
          long t = System.nanoTime();
          call.run();
          latencies[i] = System.nanoTime() - t;
        }
        return latencies;
      }));
    }
    long[] all = new long[clients * perClient];
    for (int c = 0; c < clients; c++) {
      System.arraycopy(results.get(c).get(), 0, all, c * perClient, perClient);
    }
    pool.shutdown();
    return all;
  }
}
