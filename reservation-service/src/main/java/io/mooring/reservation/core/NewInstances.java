package io.mooring.reservation.core;

import io.mooring.model.InstanceIds;
import io.mooring.model.PersistenceIds;
import io.mooring.model.RunSpecs;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.RunSpec;
import java.util.List;

/** New instances and new volumes, the only places the planner needs fresh ids. */
final class NewInstances {
  private NewInstances() {}

  /** Goal Running, no reservation yet, one fresh volume per persistent volume of the spec. */
  static Instance create(String runSpecId, RunSpec spec, String role, long nowMillis, IdSource ids) {
    return Instance.newBuilder()
        .setInstanceId(InstanceIds.of(runSpecId, ids.uuid()))
        .setKind(RunSpecs.kind(spec))
        .setRunSpecId(runSpecId)
        .setRunSpecVersion(RunSpecs.version(spec))
        .setConfigVersion(RunSpecs.configVersion(spec))
        .setGoal(Goal.RUNNING)
        .setState(InstanceState.SCHEDULED)
        .addAllVolumes(volumes(runSpecId, RunSpecs.persistentVolumePaths(spec), ids))
        .setIncarnation(0)
        .setRole(role)
        .setSince(Timestamps.format(nowMillis))
        .setUpdatedMillis(nowMillis)
        .build();
  }

  /** The same container paths with new uuids: what an instance whose agent is gone starts over with. */
  static List<LocalVolume> freshVolumes(Instance instance, RunSpec spec, IdSource ids) {
    return volumes(instance.getRunSpecId(), RunSpecs.persistentVolumePaths(spec), ids);
  }

  private static List<LocalVolume> volumes(String runSpecId, List<String> containerPaths, IdSource ids) {
    return containerPaths.stream().map(path -> {
      String uuid = ids.uuid();
      return LocalVolume.newBuilder().setRunSpecId(runSpecId).setContainerPath(path).setUuid(uuid)
          .setPersistenceId(PersistenceIds.of(runSpecId, path, uuid)).build();
    }).toList();
  }
}
