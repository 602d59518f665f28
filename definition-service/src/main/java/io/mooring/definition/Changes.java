package io.mooring.definition;

import io.mooring.definition.deployment.DeploymentPlanner;
import io.mooring.definition.deployment.DeploymentPlanner.Change;
import io.mooring.definition.deployment.DeploymentPlanner.Planned;
import io.mooring.definition.store.ChangeSet;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentLock;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.RollbackImage;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.proto.v1.VersionInfo;
import io.mooring.proto.v1.Violation;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a change of desired state: stamps one version on every run spec it writes, plans its deployment, honours
 * the locks of running deployments (a forced change cancels them), and writes everything in one transaction. A
 * change whose reads went stale is drafted again from fresh reads.
 */
@Singleton
public class Changes {
  private static final Logger LOG = LoggerFactory.getLogger(Changes.class);
  private static final int ATTEMPTS = 5;
  /**
   * Run specs one change may write: each takes three of etcd's 128 operations per transaction, and one more per
   * service port it gives or frees.
   */
  public static final int MAX_RUN_SPECS = 20;
  static final String LOCKED = "App is locked by one or more deployments. Override with the option '?force=true'. "
      + "View details at '/v2/deployments/<DEPLOYMENT_ID>'.";

  private final DefinitionStore store;
  private final VersionClock clock;
  private final ServicePorts servicePorts;

  public Changes(DefinitionStore store, VersionClock clock, ServicePorts servicePorts) {
    this.store = store;
    this.clock = clock;
    this.servicePorts = servicePorts;
  }

  /**
   * One run spec's part of a draft: {@code after} unversioned, empty for a deletion; {@code chosenPorts}: service
   * ports chosen for it now, which must still be free when the change commits.
   */
  public record Item(String id, Change change, Optional<Versioned<StoredRunSpec>> before, Optional<RunSpec> after,
      RunSpec requested, Set<Integer> chosenPorts) {
    public Item(String id, Change change, Optional<Versioned<StoredRunSpec>> before, Optional<RunSpec> after,
        RunSpec requested) {
      this(id, change, before, after, requested, Set.of());
    }

    /** A new or changed run spec with its service ports. */
    public static Item of(String id, Change change, Optional<Versioned<StoredRunSpec>> before,
        ServicePorts.Assigned assigned, RunSpec requested) {
      return new Item(id, change, before, Optional.of(assigned.spec()), requested, assigned.chosen());
    }
  }

  /**
   * A change as drafted from what was read: the run specs, the groups it records and deletes, the dependency
   * layers of its run specs, and (for a rollback) a deployment it replaces whatever {@code force} says.
   */
  public record Draft(List<Item> items, List<Group> groups, List<String> deletedGroups, Map<String, Integer> layers,
      Optional<Versioned<Deployment>> replaces) {
    public static Draft of(Item item) {
      return new Draft(List.of(item), List.of(), List.of(), Map.of(), Optional.empty());
    }
  }

  /** How the caller asked: {@code describe} names the change in the log. */
  public record Request(boolean force, boolean dryRun, ChangeOrigin origin, String describe) {}

  /** An attempt's outcome: committed, lost a race (drafted again), or canceled what held it (drafted again, free). */
  private record Outcome(Optional<ChangeResult> result, boolean canceledHolders) {
    static final Outcome STALE = new Outcome(Optional.empty(), false);
    static final Outcome UNLOCKED = new Outcome(Optional.empty(), true);
  }

  /**
   * Drafts (an empty draft: lost a race that a new draft resolves) and commits until a commit wins. Canceling the
   * deployments that held a forced change is no lost race, within a bound.
   */
  public ChangeResult commit(Supplier<Optional<Draft>> drafting, Request request) {
    return commit(round -> drafting.get(), request);
  }

  /**
   * As {@link #commit(Supplier, Request)}, drafting with the round's number: the first round may leave to the
   * transaction what it would otherwise read first (that an id is free), as the common case needs no read.
   */
  public ChangeResult commit(IntFunction<Optional<Draft>> drafting, Request request) {
    int lost = 0;
    for (int round = 0; lost < ATTEMPTS && round < 4 * ATTEMPTS; round++) {
      Optional<Draft> draft = drafting.apply(round);
      Outcome outcome = draft.isPresent() ? attempt(draft.get(), request, round == 0) : Outcome.STALE;
      if (outcome.result().isPresent()) {
        return outcome.result().get();
      }
      if (!outcome.canceledHolders() && round > 0) {  // the first, optimistic round read no lock
        lost++;
      }
    }
    throw Errors.conflict(request.describe() + " was changed concurrently; retry the request");
  }

  /**
   * {@code first}: no lock is read; the transaction requires every lock absent, as it nearly always is, and a later
   * round reads them (a 409, or what a forced change cancels).
   */
  private Outcome attempt(Draft draft, Request request, boolean first) {
    if (draft.items().size() > MAX_RUN_SPECS) {
      throw Errors.invalid(List.of(Violation.newBuilder().setPath("/").addErrors("This change touches "
          + draft.items().size() + " apps and pods; one change may touch at most " + MAX_RUN_SPECS
          + ". Split it into several.").build()));
    }
    String version = clock.next(draft.items().stream().flatMap(item -> item.before().stream())
        .map(before -> RunSpecs.version(before.value().getSpec())).max(Comparator.naturalOrder()).orElse(""));
    List<Planned> planned = new ArrayList<>();
    List<RunSpec> stamped = new ArrayList<>();
    for (Item item : draft.items()) {
      RunSpec old = item.before().map(b -> b.value().getSpec()).orElse(null);
      RunSpec spec = item.after().map(after -> stamp(item.change(), old, after, version)).orElse(old);
      stamped.add(spec);
      planned.add(new Planned(item.change(), old, spec));
    }
    Deployment deployment = DeploymentPlanner.plan(planned, draft.layers(), version, clock.now()).toBuilder()
        .setOrigin(request.origin()).build();
    boolean running = deployment.getState() == Deployment.State.RUNNING;
    ChangeResult.Builder result = ChangeResult.newBuilder().setDeployment(deployment).setDryRun(request.dryRun())
        .setCreated(draft.items().size() == 1 && draft.items().get(0).change() == Change.CREATE);
    if (draft.items().size() == 1) {
      result.setSpec(stamped.get(0));
    }
    if (request.dryRun()) {
      return new Outcome(Optional.of(result.build()), false);
    }
    Map<String, Versioned<DeploymentLock>> locks = running && !first
        ? store.locks(draft.items().stream().map(Item::id).toList()) : Map.of();
    List<Versioned<Deployment>> holders = holders(draft, locks, request.force());
    if (!holders.isEmpty()) {
      // Canceled on their own first, so that the change's transaction stays within etcd's limit whatever they
      // held; the change is then drafted again, unlocked. A crash in between leaves them canceled, which is harmless:
      // their run specs keep converging as they are.
      cancel(holders, deployment.getCreatedAt());
      return Outcome.UNLOCKED;
    }
    List<Versioned<Deployment>> canceled = draft.replaces().stream().toList();
    RollbackImage.Builder before = RollbackImage.newBuilder();
    draft.items().forEach(item -> item.before().ifPresentOrElse(b -> before.addSpecs(b.value()),
        () -> before.addAbsentIds(item.id())));
    List<ChangeSet.Write> writes = writes(draft.items(), stamped, deployment, locks, request.origin());
    List<Group> groups = draft.groups().stream().map(g -> g.toBuilder().setVersion(version).build()).toList();
    PortChanges ports = portChanges(draft.items(), stamped);
    ChangeSet change = new ChangeSet(version, writes, groups, draft.deletedGroups(), deployment, before.build(),
        canceled, ports.owners(), ports.chosen());
    if (change.operations() > DefinitionStore.MAX_TXN_OPS) {
      throw Errors.invalid(List.of(Violation.newBuilder().setPath("/").addErrors(
          "This change is too large for one transaction; split it into several.").build()));
    }
    if (!store.commit(change)) {
      return Outcome.STALE;
    }
    canceled.forEach(c -> LOG.info("deployment {} replaced by deployment {}", c.value().getId(), deployment.getId()));
    LOG.info("{} version {} deployment {} ({} steps)", request.describe(), version, deployment.getId(),
        deployment.getTotalSteps());
    return new Outcome(Optional.of(result.build()), false);
  }

  /**
   * The running deployments that hold the change's run specs, other than the one a rollback replaces (which goes in
   * the change's own transaction); without {@code force}, 409 naming them.
   */
  private List<Versioned<Deployment>> holders(Draft draft, Map<String, Versioned<DeploymentLock>> locks,
      boolean force) {
    Set<String> holding = new TreeSet<>();
    locks.values().forEach(lock -> holding.add(lock.value().getDeploymentId()));
    draft.replaces().ifPresent(replaced -> holding.remove(replaced.value().getId()));
    if (!holding.isEmpty() && !force) {
      throw locked(holding);
    }
    List<Versioned<Deployment>> holders = new ArrayList<>();
    holding.forEach(id -> store.deployment(id).ifPresent(holders::add));
    return holders;
  }

  private void cancel(List<Versioned<Deployment>> deployments, String now) {
    if (store.cancel(deployments, now)) {
      deployments.forEach(d -> LOG.info("deployment {} canceled by a forced change", d.value().getId()));
    }
  }

  /**
   * Each run spec's write, guarded by the revision it was read at and, when the change locks it, by its lock as read.
   */
  private static List<ChangeSet.Write> writes(List<Item> items, List<RunSpec> stamped, Deployment deployment,
      Map<String, Versioned<DeploymentLock>> locks, ChangeOrigin origin) {
    boolean running = deployment.getState() == Deployment.State.RUNNING;
    List<ChangeSet.Write> writes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      Optional<StoredRunSpec> after = item.after().isEmpty() ? Optional.empty() : Optional.of(StoredRunSpec
          .newBuilder().setSpec(stamped.get(i)).setRequested(item.requested()).setOrigin(origin)
          .setDeploymentId(running ? deployment.getId() : "").build());
      long lockRevision = running ? Optional.ofNullable(locks.get(item.id())).map(Versioned::modRevision).orElse(0L)
          : -1;
      writes.add(new ChangeSet.Write(item.id(), item.before().map(Versioned::modRevision).orElse(0L), lockRevision,
          after));
    }
    return writes;
  }

  /**
   * The service ports a change gives (to an app) or frees (empty), and those chosen now, which must still be free.
   */
  private record PortChanges(Map<Integer, Optional<String>> owners, Set<Integer> chosen) {}

  private PortChanges portChanges(List<Item> items, List<RunSpec> stamped) {
    Map<Integer, Optional<String>> owners = new TreeMap<>();
    Set<Integer> chosen = new TreeSet<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      List<Integer> before = item.before().map(b -> servicePorts.held(b.value().getSpec())).orElse(List.of());
      List<Integer> after = item.after().isPresent() ? servicePorts.held(stamped.get(i)) : List.of();
      before.stream().filter(port -> !after.contains(port)).forEach(port -> owners.putIfAbsent(port, Optional.empty()));
      after.stream().filter(port -> !before.contains(port)).forEach(port -> owners.put(port, Optional.of(item.id())));
      chosen.addAll(item.chosenPorts());
    }
    return new PortChanges(owners, chosen);
  }

  private static RunSpec stamp(Change change, RunSpec old, RunSpec spec, String version) {
    boolean onlyScaled = change == Change.UPDATE && DeploymentPlanner.onlyScaled(old, spec);
    VersionInfo previous = old != null && old.hasApp() ? old.getApp().getVersionInfo() : VersionInfo.getDefaultInstance();
    return AppOrPod.stamp(spec, version, previous, onlyScaled);
  }

  static DomainException locked(Set<String> deploymentIds) {
    return Errors.of(ErrorInfo.newBuilder().setCode(ErrorCode.LOCKED).setMessage(LOCKED)
        .addAllDeploymentIds(deploymentIds));
  }
}
