package io.mooring.offer.matching;

import io.mooring.model.TaskIds;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The LAUNCH_GROUP of a pod instance (Marathon TaskGroupBuilder): the default executor with its own resources and
 * the persistent volumes, one task per container on that container's share, and their Task records.
 */
final class PodLaunchGroup {
  /** The operation, and one Task record per container in container order. */
  record Built(Offer.Operation operation, List<Task> tasks) {}

  private PodLaunchGroup() {}

  /** @param shares the resources to launch on (reserved ones); volumes: the volumes as offered or created */
  static Built build(Instance instance, Pod pod, PodRequirements need, PodResources.Match shares,
      List<Resource> volumes, OfferContext ctx) {
    Offer offer = ctx.offer();
    List<TaskInfo> infos = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < pod.getContainersCount(); i++) {
      String taskId = Launches.nextPodTaskId(instance, pod.getContainers(i).getName());
      Map<String, String> env = PodEnvironment.of(pod, need, i, taskId, offer.getHostname(), shares.hostPorts());
      infos.add(PodTaskBuilder.build(pod, i, taskId, offer, shares.containers().get(i), shares.hostPorts().get(i),
          env));
      tasks.add(Launches.staging(instance, taskId, pod.getVersion(), shares.hostPorts().get(i), ctx.nowIso()));
    }
    String executorId = TaskIds.executorId(instance.getInstanceId(), instance.getIncarnation() + 1);
    ExecutorInfo executor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
        .setExecutorId(ExecutorID.newBuilder().setValue(executorId)).setFrameworkId(offer.getFrameworkId())
        .addAllResources(shares.executor()).addAllResources(volumes).build();
    return new Built(Operations.launchGroup(executor, infos), List.copyOf(tasks));
  }
}
