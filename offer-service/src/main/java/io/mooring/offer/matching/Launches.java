package io.mooring.offer.matching;

import io.mooring.model.RunSpecs;
import io.mooring.model.TaskIds;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.Task;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;

/** The parts of a Launch all placements share: the next task ids, their Task records, the claim's config version. */
final class Launches {
  private Launches() {}

  /** The next incarnation's task id: a new Mesos task id per launch, never reused. */
  static String nextTaskId(Instance instance) {
    return TaskIds.app(instance.getInstanceId(), instance.getIncarnation() + 1);
  }

  /** The same incarnation for every container of a launch. */
  static String nextPodTaskId(Instance instance, String containerName) {
    return TaskIds.pod(instance.getInstanceId(), containerName, instance.getIncarnation() + 1);
  }
  /** A task just launched, as reservation-service records it. */
  static Task staging(Instance instance, String taskId, String runSpecVersion, List<Integer> hostPorts,
      String nowIso) {
    return Task.newBuilder().setTaskId(taskId).setIncarnation(instance.getIncarnation() + 1)
        .setMesosState("TASK_STAGING").setStagedAt(nowIso).setRunSpecVersion(runSpecVersion)
        .addAllHostPorts(hostPorts).build();
  }

  static Launch of(LaunchRequest request, App app, Reservation reservation, List<Integer> hostPorts, String nowIso,
      List<Offer.Operation> operations) {
    Instance instance = request.getInstance();
    Task task = staging(instance, nextTaskId(instance), app.getVersion(), hostPorts, nowIso);
    return new Launch(instance.getInstanceId(), app.getId(), configVersion(instance, RunSpecs.configVersion(app)),
        reservation, List.of(task), operations);
  }

  /** A pod launch: one task per container. */
  static Launch ofPod(LaunchRequest request, Pod pod, Reservation reservation, List<Task> tasks,
      List<Offer.Operation> operations) {
    Instance instance = request.getInstance();
    return new Launch(instance.getInstanceId(), pod.getId(), configVersion(instance, pod.getVersion()), reservation,
        tasks, operations);
  }

  /** The config version the request was made for; reservation-service refuses a claim for a stale one. */
  private static String configVersion(Instance instance, String specVersion) {
    return instance.getConfigVersion().isEmpty() ? specVersion : instance.getConfigVersion();
  }
}
