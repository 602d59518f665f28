package io.mooring.sim.master;

import io.mooring.sim.resources.ResourceFormat;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Step B of an ACCEPT: every resource of an operation validated and upgraded to the post-refinement format, and the
 * offer's allocation role injected where a scheduler left it out (schedulers may omit allocation_info).
 */
final class OperationUpgrade {
  private OperationUpgrade() {}

  /** @throws io.mooring.sim.resources.ResourceException for an invalid resource */
  static Offer.Operation upgrade(Offer.Operation op, String role) {
    Offer.Operation.Builder b = op.toBuilder();
    switch (op.getType()) {
      case RESERVE -> b.getReserveBuilder().clearResources().addAllResources(fix(op.getReserve().getResourcesList(), role));
      case UNRESERVE -> b.getUnreserveBuilder().clearResources()
          .addAllResources(fix(op.getUnreserve().getResourcesList(), role));
      case CREATE -> b.getCreateBuilder().clearVolumes().addAllVolumes(fix(op.getCreate().getVolumesList(), role));
      case DESTROY -> b.getDestroyBuilder().clearVolumes().addAllVolumes(fix(op.getDestroy().getVolumesList(), role));
      case GROW_VOLUME -> b.getGrowVolumeBuilder().setVolume(fix(op.getGrowVolume().getVolume(), role))
          .setAddition(fix(op.getGrowVolume().getAddition(), role));
      case SHRINK_VOLUME -> b.getShrinkVolumeBuilder().setVolume(fix(op.getShrinkVolume().getVolume(), role));
      case LAUNCH -> {
        b.getLaunchBuilder().clearTaskInfos();
        for (TaskInfo task : op.getLaunch().getTaskInfosList()) b.getLaunchBuilder().addTaskInfos(fix(task, role));
      }
      case LAUNCH_GROUP -> {
        ExecutorInfo executor = fix(op.getLaunchGroup().getExecutor(), role);
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (TaskInfo task : op.getLaunchGroup().getTaskGroup().getTasksList()) {
          group.addTasks(fix(task, role).toBuilder().setExecutor(executor));
        }
        b.getLaunchGroupBuilder().setExecutor(executor).setTaskGroup(group);
      }
      default -> { }
    }
    return b.build();
  }

  private static TaskInfo fix(TaskInfo task, String role) {
    TaskInfo.Builder t = task.toBuilder().clearResources().addAllResources(fix(task.getResourcesList(), role));
    if (task.hasExecutor()) t.setExecutor(fix(task.getExecutor(), role));
    return t.build();
  }

  private static ExecutorInfo fix(ExecutorInfo executor, String role) {
    return executor.toBuilder().clearResources().addAllResources(fix(executor.getResourcesList(), role)).build();
  }

  private static List<Resource> fix(List<Resource> resources, String role) {
    return resources.stream().map(r -> fix(r, role)).toList();
  }

  private static Resource fix(Resource r, String role) {
    Resource upgraded = ResourceFormat.upgrade(r);
    if (upgraded.hasAllocationInfo() || role == null) return upgraded;
    return upgraded.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build();
  }
}
