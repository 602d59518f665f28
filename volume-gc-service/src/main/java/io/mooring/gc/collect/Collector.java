package io.mooring.gc.collect;

import io.grpc.StatusRuntimeException;
import io.mooring.gc.GcSettings;
import io.mooring.gc.core.ClusterView;
import io.mooring.gc.core.Decision;
import io.mooring.gc.core.GraceReview;
import io.mooring.gc.core.Identity;
import io.mooring.gc.core.Orphan;
import io.mooring.gc.core.Step;
import io.mooring.gc.mesos.OperatorClient;
import io.mooring.gc.mesos.OperatorException;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.ResourceOwner;
import io.mooring.runtime.etcd.LeaderElection;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection pass: look at the agents, learn what is garbage, decide the next step of each piece, write the
 * intent, call Mesos, write the outcome, and expunge what the agents no longer hold. The order of the reads matters:
 * the agents first, then which owners instances reference, then the garbage: whatever a claim reserved was recorded
 * before Mesos could show it, and a claim given up in between is in the garbage read last, so a resource seen is
 * always either referenced, or recorded garbage, or truly nobody's.
 */
@Singleton
public class Collector {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
  static final String GARBAGE = "g/";
  static final String ORPHAN = "o/";
  private final GcSettings settings;
  private final CleanupStore store;
  private final Neighbours neighbours;
  private final OperatorClient operator;
  private final Clock clock;

  public Collector(GcSettings settings, CleanupStore store, Neighbours neighbours, OperatorClient operator,
      Clock clock) {
    this.settings = settings;
    this.store = store;
    this.neighbours = neighbours;
    this.operator = operator;
    this.clock = clock;
  }

  /** What a pass did, for its log line and for tests. */
  public record Pass(int garbage, int orphans, int calls, int expunged, int waiting) {}

  /** One pass while {@code term} leads; a lost term stops it at the next write. */
  public Pass run(LeaderElection.Term term) throws OperatorException {
    long now = clock.millis();
    ClusterView cluster = ClusterView.of(operator.getAgents());
    Optional<List<Orphan>> candidates = unreferencedGroups(cluster);
    List<Garbage> garbage = neighbours.garbage();
    Map<String, Cleanup> records = store.all();

    Plan plan = new Plan(now, settings.absentAgentGrace(), records);
    for (Garbage item : garbage) {
      plan.garbage(item, Decision.next(Identity.of(item), item.getAgentId(), cluster));
    }
    List<Identity> covered = garbage.stream().map(Identity::of).toList();
    List<Orphan> orphans = candidates.orElse(List.of()).stream().filter(o -> !o.coveredBy(covered)).toList();
    if (candidates.isPresent()) {  // without a scan, the orphans' grace periods go on as recorded
      GraceReview review = GraceReview.of(orphans, plan.firstSeen(), now, settings.orphanGrace());
      review.toRecord().forEach(o -> plan.firstSeen(o, now + settings.orphanGrace().toMillis()));
      review.toForget().forEach(key -> plan.forget(ORPHAN + key));
      review.due().forEach(o -> plan.orphan(o, Decision.next(o.identity(), o.agentId(), cluster)));
    }
    plan.forgetStale(garbage.stream().map(g -> GARBAGE + g.getKey()).toList());

    List<Plan.Work> work = plan.work().subList(0, Math.min(plan.work().size(), settings.maxCallsPerPass()));
    Map<String, Cleanup> intents = new LinkedHashMap<>(plan.puts());
    work.forEach(w -> intents.put(w.key(), w.intent()));
    if (!store.write(term, intents, plan.deletes())) {
      return new Pass(garbage.size(), orphans.size(), 0, 0, plan.waiting());
    }
    Map<String, Cleanup> outcomes = new LinkedHashMap<>();
    Calls calls = new Calls(operator, clock);
    for (Plan.Work w : work) {
      if (term.lost().isDone()) {
        break;  // a deposed leader calls Mesos no more: the next one decides from what the agents show
      }
      Calls.Performed performed = calls.perform(w);
      outcomes.put(w.key(), performed.record());
      if (performed.masterTrouble()) {
        break;  // unavailable or unanswered: the rest waits for the next look at the agents
      }
    }
    store.write(term, outcomes, List.of());
    int expunged = expunge(term, plan.expunges());
    return new Pass(garbage.size(), orphans.size(), outcomes.size(), expunged, plan.waiting());
  }

  /**
   * Labelled groups of this framework that no instance references; no scan while offer-service cannot tell the
   * framework id (without it nothing can be told apart from another framework's).
   */
  private Optional<List<Orphan>> unreferencedGroups(ClusterView cluster) {
    FrameworkInfo framework;
    try {
      framework = neighbours.framework();
    } catch (StatusRuntimeException e) {
      LOG.debug("no orphan scan: offer-service did not answer ({})", e.getStatus().getCode());
      return Optional.empty();
    }
    if (framework.getFrameworkId().isEmpty()) {
      return Optional.empty();
    }
    List<Orphan> groups = Orphan.scan(cluster, framework.getFrameworkId(), framework.getRole());
    Set<ResourceOwner> unreferenced = new HashSet<>(neighbours.unreferenced(groups.stream().map(Orphan::owner)
        .distinct().toList()));
    return Optional.of(groups.stream().filter(o -> unreferenced.contains(o.owner())).toList());
  }

  private int expunge(LeaderElection.Term term, Map<Cleaned, String> expunges) {
    if (expunges.isEmpty()) {
      return 0;
    }
    List<Cleaned> done = neighbours.expunge(new ArrayList<>(expunges.keySet()), term.fence());
    store.write(term, Map.of(), done.stream().map(expunges::get).toList());
    return done.size();
  }
}
