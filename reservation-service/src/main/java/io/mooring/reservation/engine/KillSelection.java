package io.mooring.reservation.engine;

import io.mooring.model.TaskIds;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillInstancesRequest;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which instances a kill request names: by task or instance id, or every instance of the app on a host. */
final class KillSelection {
  private KillSelection() {}

  static List<Instance> select(Collection<Instance> all, KillInstancesRequest request) {
    // An id may name a task or its instance: match either.
    Set<String> ids = new HashSet<>(request.getTaskOrInstanceIdsList());
    request.getTaskOrInstanceIdsList().forEach(id -> TaskIds.instanceIdOf(id).ifPresent(ids::add));
    return all.stream()
        .filter(i -> request.getRunSpecId().isEmpty() || i.getRunSpecId().equals(request.getRunSpecId()))
        .filter(i -> ids.isEmpty() ? onHost(i, request.getHost()) : ids.contains(i.getInstanceId()))
        .toList();
  }

  private static boolean onHost(Instance instance, String host) {
    return "*".equals(host) || (!host.isEmpty() && host.equals(instance.getReservation().getHostname()));
  }
}
