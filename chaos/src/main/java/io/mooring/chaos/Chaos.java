package io.mooring.chaos;

import io.mooring.chaos.MesosView.Reserved;
import io.mooring.chaos.Violation.Kind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One chaos run: per round, the user's change, then faults with the safety invariants checked after each, then
 * everything healed and the convergence invariants awaited. Round {@code r} draws from {@code seed * 1_000_003 + r}, so
 * a run replays with the same flags and seed (the faults and their targets; not the timing).
 */
final class Chaos {
  private static final Duration POLL = Duration.ofSeconds(2);

  private final Profile profile;
  private final Path root;
  private final PrintStream out;
  private final Report report = new Report();
  private final Ledger ledger = new Ledger();
  private Set<String> suspects = Set.of();
  private int round;

  Chaos(Profile profile, Path root, PrintStream out) {
    this.profile = profile;
    this.root = root;
    this.out = out;
  }

  Report run() throws Exception {
    log("starting: " + profile + " (logs in " + profile.home().resolve("logs") + ")");
    try (Cluster cluster = new Cluster(root, profile); Observer observer = new Observer(cluster)) {
      Workload workload = new Workload(profile, new Http(cluster.gateway()), ledger);
      Faults faults = new Faults(cluster, this::log);
      for (round = 1; round <= profile.rounds(); round++) {
        Random random = new Random(profile.seed() * 1_000_003 + round);
        log("change " + workload.apply(round, random, observer.look()));
        for (int i = 0; i < profile.faultsPerRound(); i++) {
          Pause.millis(500 + random.nextInt(2500));
          faults.inject(random, observer.look().mesos());
          check(observer.look());
        }
        log("healed " + faults.heal());
        converge(workload, observer);
      }
      String summary = report.summary(profile, faults.injected());
      log(summary);
      return report;
    }
  }

  private void converge(Workload workload, Observer observer) throws IOException {
    Instant start = Instant.now();
    Instant deadline = start.plus(profile.convergeTimeout());
    while (true) {
      Observation o = observer.look();
      check(o);
      List<Violation> remaining = Invariants.convergence(o, workload.wanted());
      if (remaining.isEmpty()) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        report.round(seconds);
        log(String.format("converged in %.1f s: %d instances, %d volumes followed", seconds,
            o.etcd().instances().size(), ledger.size()));
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        report.round(null);
        remaining.forEach(this::record);
        log("did not converge in " + profile.convergeTimeout().toSeconds() + " s: " + remaining.size() + " problems");
        return;
      }
      Pause.millis(POLL.toMillis());
    }
  }

  /** The safety invariants; a resource unowned in two looks in a row is leaked (one look may race an expunge). */
  private void check(Observation o) {
    Invariants.duplicates(o).forEach(this::record);
    ledger.lost(o).forEach(this::record);
    ledger.remember(o);
    List<Reserved> unowned = Invariants.unowned(o);
    for (Reserved r : unowned) {
      if (suspects.contains(r.key())) {
        record(new Violation(Kind.LEAKED, r.instanceId(), r.name() + " on " + r.agentId()
            + " belongs to no instance and no recorded garbage", o.recordOf(r.instanceId()), r.json()));
      }
    }
    suspects = unowned.stream().map(Reserved::key).collect(Collectors.toCollection(HashSet::new));
  }

  private void record(Violation violation) {
    if (report.add(violation)) {
      log("VIOLATION " + violation);
    }
  }

  private void log(String line) {
    out.println(Instant.now() + " round=" + round + " seed=" + profile.seed() + " " + line);
  }
}
