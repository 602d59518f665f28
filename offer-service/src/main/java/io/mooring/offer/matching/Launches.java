package io.mooring.offer.matching;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.Task;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;

/** The parts of a Launch both placements share: the next task id, its Task record, the claim's config version. */
final class Launches {
  private Launches() {}

  /** {@code <instanceId>._app.<incarnation + 1>}: a new Mesos task id per launch, never reused. */
  static String nextTaskId(Instance instance) {
    return instance.getInstanceId() + "._app." + (instance.getIncarnation() + 1);
  }

  static Launch of(LaunchRequest request, App app, Reservation reservation, List<Integer> hostPorts, String nowIso,
      List<Offer.Operation> operations) {
    Instance instance = request.getInstance();
    Task task = Task.newBuilder().setTaskId(nextTaskId(instance)).setIncarnation(instance.getIncarnation() + 1)
        .setMesosState("TASK_STAGING").setStagedAt(nowIso).setRunSpecVersion(app.getVersion())
        .addAllHostPorts(hostPorts).build();
    return new Launch(instance.getInstanceId(), app.getId(), configVersion(instance, app), reservation, List.of(task),
        operations);
  }

  /** The config version the request was made for; reservation-service refuses a claim for a stale one. */
  private static String configVersion(Instance instance, App app) {
    if (!instance.getConfigVersion().isEmpty()) return instance.getConfigVersion();
    if (!app.getVersionInfo().getLastConfigChangeAt().isEmpty()) return app.getVersionInfo().getLastConfigChangeAt();
    return app.getVersion();
  }
}
