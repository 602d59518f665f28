package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.Fixtures.mountDisk;
import static io.mooring.offer.matching.Fixtures.pathDisk;
import static io.mooring.offer.matching.Fixtures.ports;
import static io.mooring.offer.matching.Fixtures.scalar;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.Task;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

/**
 * A harness that prints figures, not a test (surefire skips *Benchmark; ./mooring bench runs it): the pure
 * {@link OfferMatcher#match} of ONE offer against a launch queue, on one thread, after warm-up. The app is resident:
 * 0.5 cpus, 512 MiB, one 1 GiB root volume, one port. Columns: queue = requests in the queue; launches = instances
 * placed from the one offer (the rest of the queue is tried and rejected); p50/p99 us = wall time of one match call;
 * matches/s = offers one offer-service thread can match back to back; launches/s = launches x matches/s;
 * KiB/match = heap allocated by one match call (com.sun.management.ThreadMXBean), i.e. GC pressure per offer.
 * (a) first placements on an agent like the simulator's default one (cpus 4 make 8 fit, the rest is rejected);
 * (b) relaunches: the offer holds the labelled reservations and volumes of 100 suspended instances (plus what nobody
 * reserved) and the queue holds 1,000 relaunches of instances spread over 10 agents, 100 of them on this one; the
 * "this agent's" row matches the same offer against those 100 alone (the difference is what the other 900 cost).
 */
class OfferMatcherBenchmark {
  private static final double CPUS = 0.5;
  private static final double MEM = 512;
  private static final int VOLUME_MB = 1024;
  private static final App DB = Fixtures.app("/db", Fixtures.persistent("data", "root", VOLUME_MB))
      .setCpus(CPUS).setMem(MEM).addPortDefinitions(PortDefinition.newBuilder().setPort(0).setName("http")).build();
  private static final int AGENTS = 10;
  private static final int PER_AGENT = 100;
  /** An agent big enough for 100 instances, where the reservations of (b) are made. */
  private static final double BIG_CPUS = 64;
  private static final double BIG_MEM = 65536;
  private static final double BIG_ROOT = 204800;
  private static final long WARMUP_NANOS = 1_000_000_000L;
  private static final long MEASURE_NANOS = 2_500_000_000L;

  private record Scenario(String name, Offer offer, List<LaunchRequest> queue, int expectedLaunches) {}

  private record Result(Scenario scenario, int launches, long matches, double seconds, long[] latencies,
      long allocatedBytes) {}

  @Test
  void matchOneOffer() {
    List<Scenario> scenarios = new ArrayList<>();
    for (int queue : new int[] {1, 100, 1000}) {
      List<LaunchRequest> requests = new ArrayList<>();
      for (int n = 0; n < queue; n++) requests.add(Fixtures.first(DB, n));
      scenarios.add(new Scenario("(a) first placement", Fixtures.standardOffer(), requests, Math.min(queue, 8)));
    }
    List<Agent> agents = new ArrayList<>();
    for (int a = 0; a < AGENTS; a++) agents.add(suspended(a));
    List<LaunchRequest> relaunches = new ArrayList<>();
    agents.forEach(agent -> agent.instances().forEach(i -> relaunches.add(Fixtures.relaunch(DB, i))));
    Collections.shuffle(relaunches, new Random(42));  // instance ids are uuids: the agents interleave in the queue
    Offer reoffer = reoffer(agents.get(0));
    scenarios.add(new Scenario("(b) relaunch, 10 agents", reoffer, relaunches, PER_AGENT));
    List<LaunchRequest> own = relaunches.stream()
        .filter(r -> r.getInstance().getReservation().getAgentId().equals("agent-0")).toList();
    scenarios.add(new Scenario("(b) relaunch, this agent's", reoffer, own, PER_AGENT));

    for (Scenario s : scenarios) run(s, WARMUP_NANOS, false);  // JIT every path before measuring any
    List<Result> results = new ArrayList<>();
    for (Scenario s : scenarios) results.add(run(s, MEASURE_NANOS, true));

    System.out.printf("%n== OfferMatcher.match: one offer against the launch queue (1 thread) ==%n");
    System.out.printf("standard offer: %d resources; relaunch offer: %d resources (%d instances' reservations)%n",
        Fixtures.standardOffer().getResourcesCount(), reoffer.getResourcesCount(), PER_AGENT);
    System.out.printf("%-28s %6s %8s %10s %10s %10s %11s %10s%n", "scenario", "queue", "launches", "p50 us",
        "p99 us", "matches/s", "launches/s", "KiB/match");
    for (Result r : results) {
      long[] l = r.latencies();
      double perSecond = r.matches() / r.seconds();
      System.out.printf("%-28s %6d %8d %10.1f %10.1f %10.0f %11.0f %10s%n", r.scenario().name(),
          r.scenario().queue().size(), r.launches(), l[l.length / 2] / 1e3, l[l.length * 99 / 100] / 1e3, perSecond,
          perSecond * r.launches(), r.allocatedBytes() < 0 ? "n/a" : "%.1f".formatted(
              r.allocatedBytes() / 1024.0 / r.matches()));
    }
  }

  /** Matches back to back for {@code nanos}; checks that the expected number of instances was placed. */
  private static Result run(Scenario s, long nanos, boolean measure) {
    long[] latencies = new long[1 << 20];
    long matches = 0;
    int launches = 0;
    long allocatedBefore = allocatedBytes();
    long start = System.nanoTime();
    long end = start + nanos;
    long now = start;
    while (now < end) {
      OfferMatch match = OfferMatcher.match(s.offer(), s.queue(), SETTINGS, NOW);
      long after = System.nanoTime();
      if (matches < latencies.length) latencies[(int) matches] = after - now;
      launches = match.launches().size();
      matches++;
      now = after;
      if (launches != s.expectedLaunches()) {
        throw new AssertionError(s.name() + ": " + launches + " launches, expected " + s.expectedLaunches() + " "
            + match.rejections());
      }
    }
    double seconds = (now - start) / 1e9;
    long allocated = allocatedBefore < 0 ? -1 : allocatedBytes() - allocatedBefore;
    long[] sorted = Arrays.copyOf(latencies, (int) Math.min(matches, latencies.length));
    Arrays.sort(sorted);
    return measure ? new Result(s, launches, matches, seconds, sorted, allocated) : null;
  }

  /** Bytes this thread allocated so far, -1 without com.sun.management. */
  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
      return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  private static List<Resource> bigAgent() {
    return List.of(scalar("cpus", BIG_CPUS), scalar("mem", BIG_MEM), ports(31000, 32000), scalar("disk", BIG_ROOT),
        pathDisk("/mnt/path-0", 10240, null), mountDisk("/mnt/ssd-0", 4096, null),
        mountDisk("/mnt/ssd-1", 8192, "fast"));
  }

  /** The instances of one agent, and what their first placements reserved and created there. */
  private record Agent(String id, List<Instance> instances, List<Resource> reserved) {}

  /**
   * 100 instances placed on agent {@code a} by the matcher itself (ACCEPT [RESERVE, CREATE, LAUNCH]), as
   * reservation-service holds them once their tasks ended: reservation confirmed, task killed, waiting to relaunch.
   */
  private static Agent suspended(int a) {
    String agent = "agent-" + a;
    List<LaunchRequest> firsts = new ArrayList<>();
    for (int i = 0; i < PER_AGENT; i++) firsts.add(Fixtures.first(DB, a * PER_AGENT + i));
    OfferMatch match = OfferMatcher.match(Fixtures.offer(agent, "host-" + a, bigAgent()), firsts, SETTINGS, NOW);
    if (match.launches().size() != PER_AGENT) throw new AssertionError("setup: " + match.rejections());
    List<Instance> instances = new ArrayList<>();
    List<Resource> reserved = new ArrayList<>();
    for (int i = 0; i < PER_AGENT; i++) {
      Launch launch = match.launches().get(i);
      List<Task> ended = launch.tasks().stream().map(t -> t.toBuilder().setMesosState("TASK_KILLED").build())
          .toList();
      instances.add(firsts.get(i).getInstance().toBuilder().setIncarnation(ended.get(0).getIncarnation())
          .setReservation(launch.reservation().toBuilder().setConfirmed(true).clearOperationIds())
          .addAllTasks(ended).build());
      reserved.addAll(PodFixtures.reservedBy(launch));
    }
    return new Agent(agent, instances, reserved);
  }

  /** The agent offered again: its 100 reservations with their volumes, and what nobody reserved. */
  private static Offer reoffer(Agent agent) {
    List<Resource> resources = new ArrayList<>(agent.reserved());
    resources.add(scalar("cpus", BIG_CPUS - PER_AGENT * CPUS));
    resources.add(scalar("mem", BIG_MEM - PER_AGENT * MEM));
    resources.add(ports(31000 + PER_AGENT, 32000));
    resources.add(scalar("disk", BIG_ROOT - (double) PER_AGENT * VOLUME_MB));
    resources.add(pathDisk("/mnt/path-0", 10240, null));
    resources.add(mountDisk("/mnt/ssd-0", 4096, null));
    resources.add(mountDisk("/mnt/ssd-1", 8192, "fast"));
    return Fixtures.offer(agent.id(), agent.id().replace("agent", "host"), resources);
  }
}
