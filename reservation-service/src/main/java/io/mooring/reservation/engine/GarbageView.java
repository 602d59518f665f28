package io.mooring.reservation.engine;

import io.mooring.model.InstanceStates;
import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.GarbageList;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.OwnerQuery;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.ResourceOwner;
import io.mooring.reservation.store.InstanceStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What volume-gc-service may clean, and what it must not: the recorded leftovers of expired or failed claims, the
 * decommissioned instances that can run no task any more (with or without a reservation), and, for the labelled
 * resources it finds on agents, whether any instance still references them.
 */
@Singleton
public class GarbageView {
  /** A piece of garbage carries its resources, a few KiB for a pod: a page stays far below gRPC's 4 MiB. */
  static final int MAX_PAGE = 500;
  static final int MAX_OWNERS = 1_000;
  private final Reconciler reconciler;
  private final InstanceStore store;

  public GarbageView(Reconciler reconciler, InstanceStore store) {
    this.reconciler = reconciler;
    this.store = store;
  }

  /**
   * One page of garbage in key order ({@code instance/agent/id}): the records from etcd and the decommissioned
   * instances from the book, merged.
   */
  public GarbageList page(String after, int requested) {
    int limit = requested <= 0 ? MAX_PAGE : Math.min(requested, MAX_PAGE);
    List<Garbage> records = store.garbagePage(after, limit);
    List<Garbage> merged = new ArrayList<>(records);
    merged.addAll(reconciler.call(() -> reconciler.book().all().stream().filter(GarbageView::isGarbage)
        .map(GarbageView::decommissioned).filter(g -> g.getKey().compareTo(after) > 0).toList()));
    merged.sort(Comparator.comparing(Garbage::getKey));
    boolean more = records.size() == limit || merged.size() > limit;
    List<Garbage> page = merged.subList(0, Math.min(limit, merged.size()));
    GarbageList.Builder list = GarbageList.newBuilder().addAllItems(page);
    if (more && !page.isEmpty()) {
      list.setNextAfter(page.get(page.size() - 1).getKey());
    }
    return list.build();
  }

  /** Decommissioned and no task can run: what it holds, if anything, may go, and so may its record. */
  static boolean isGarbage(Instance instance) {
    return instance.getGoal() == Goal.DECOMMISSIONED && !InstanceStates.mayRun(instance);
  }

  private static Garbage decommissioned(Instance instance) {
    String agentId = instance.getReservation().getAgentId();
    return Garbage.newBuilder().setInstanceId(instance.getInstanceId()).setAgentId(agentId)
        .addAllResources(instance.getReservation().getResourcesList())
        .setReason(Garbage.Reason.DECOMMISSIONED)
        .setKey(instance.getInstanceId() + "/" + agentId + "/").build();
  }

  /**
   * The owners that no instance references: neither by the claim that reserved them (or, for resources reserved
   * without a claim label, by holding any reservation), nor by the persistence id of a volume. Garbage records are
   * not consulted: volume-gc-service lists them after asking this, so a claim abandoned in between is seen there.
   */
  public OwnerQuery unreferenced(OwnerQuery query) {
    if (query.getOwnersCount() > MAX_OWNERS) {
      throw io.mooring.runtime.grpc.Errors.badRequest("at most " + MAX_OWNERS + " owners per query");
    }
    return reconciler.call(() -> {
      References references = References.of(reconciler.book().all());
      OwnerQuery.Builder unreferenced = OwnerQuery.newBuilder();
      query.getOwnersList().stream().filter(o -> !references.holds(o)).forEach(unreferenced::addOwners);
      return unreferenced.build();
    });
  }

  /** The claims and volumes that instances hold, indexed once per query. */
  private record References(Map<String, Set<String>> claimsByInstance, Set<String> persistenceIds) {
    static References of(Iterable<Instance> instances) {
      Map<String, Set<String>> claims = new HashMap<>();
      Set<String> volumes = new HashSet<>();
      for (Instance instance : instances) {
        Set<String> held = claims.computeIfAbsent(instance.getInstanceId(), id -> new HashSet<>());
        if (instance.hasReservation()) {
          held.add("");  // the legacy owner without a claim label
        }
        for (ReservedResource r : instance.getReservation().getResourcesList()) {
          held.add(r.getLabelsOrDefault(ReservationLabels.CLAIM, ""));
          if (!r.getPersistenceId().isEmpty()) volumes.add(r.getPersistenceId());
        }
        instance.getVolumesList().stream().map(LocalVolume::getPersistenceId).forEach(volumes::add);
        instance.getReservation().getVolumesList().stream().map(LocalVolume::getPersistenceId).forEach(volumes::add);
      }
      return new References(claims, volumes);
    }

    boolean holds(ResourceOwner owner) {
      if (owner.getPersistenceIdsList().stream().anyMatch(persistenceIds::contains)) {
        return true;
      }
      Set<String> claims = claimsByInstance.get(owner.getInstanceId());
      return claims != null && claims.contains(owner.getClaimId());
    }
  }
}
