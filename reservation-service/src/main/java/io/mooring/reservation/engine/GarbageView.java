package io.mooring.reservation.engine;

import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.GarbageList;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.reservation.store.InstanceStore;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * What volume-gc-service may clean: the recorded leftovers of expired or failed claims, and the reservations of
 * decommissioned instances whose task is no longer active.
 */
@Singleton
public class GarbageView {
  private static final Set<InstanceState> MAY_RUN = Set.of(InstanceState.RESERVING, InstanceState.STAGING,
      InstanceState.RUNNING_STATE, InstanceState.UNREACHABLE);
  private final Reconciler reconciler;
  private final InstanceStore store;

  public GarbageView(Reconciler reconciler, InstanceStore store) {
    this.reconciler = reconciler;
    this.store = store;
  }

  public GarbageList list() {
    GarbageList.Builder list = GarbageList.newBuilder();
    store.garbage().stream().map(Versioned::value).forEach(list::addItems);
    List<Instance> decommissioned = reconciler.call(() -> reconciler.book().all().stream()
        .filter(i -> i.getGoal() == Goal.DECOMMISSIONED && i.hasReservation() && !mayRun(i)).toList());
    for (Instance instance : decommissioned) {
      list.addItems(Garbage.newBuilder().setInstanceId(instance.getInstanceId())
          .setAgentId(instance.getReservation().getAgentId())
          .addAllResources(instance.getReservation().getResourcesList())
          .setReason(Garbage.Reason.DECOMMISSIONED));
    }
    return list.build();
  }

  /** A claim in flight counts (its ACCEPT may still launch the task), and so does a task out of sight. */
  static boolean mayRun(Instance instance) {
    return MAY_RUN.contains(instance.getState());
  }
}
