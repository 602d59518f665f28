package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.RunSpecKind;

/**
 * One persistent volume on an agent, as {@code /v2/volumes} shows it.
 *
 * @param kind the owner's kind (unspecified: no instance owns it)
 * @param taskId the task that uses it now (empty: none)
 * @param disk the reserved disk resource that is the volume: its persistence id, container path (pods: the
 *     volume's name), disk source and size
 * @param collectAtMillis when volume-gc-service destroys an orphan, at the end of its grace period (0: not an orphan)
 */
record VolumeView(String runSpecId, RunSpecKind kind, String instanceId, String taskId, String agentId, String host,
    ReservedResource disk, VolumeStatus status, long collectAtMillis) {
  String persistenceId() {
    return disk.getPersistenceId();
  }

  VolumeView withStatus(VolumeStatus newStatus) {
    return new VolumeView(runSpecId, kind, instanceId, taskId, agentId, host, disk, newStatus, collectAtMillis);
  }

  /** Fields without a value (no task, the root disk's source, no profile, not an orphan) are left out. */
  ObjectNode json() {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("persistenceId", persistenceId())
        .put("runSpecId", runSpecId)
        .put("instanceId", instanceId);
    if (kind != RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED) {
      json.put("kind", kind == RunSpecKind.POD ? "pod" : "app");
    }
    putIfSet(json, "taskId", taskId);
    json.put("containerPath", disk.getContainerPath())
        .put("agentId", agentId)
        .put("host", host);
    DiskSource source = disk.getDiskSource();
    json.put("type", switch (source.getType()) {
      case PATH -> "path";
      case MOUNT -> "mount";
      default -> "root";
    });
    putIfSet(json, "source", source.getRoot());
    putIfSet(json, "profile", source.getProfile());
    double size = disk.getScalar();
    if (size == Math.rint(size)) {
      json.put("size", (long) size);  // whole MiB, as Marathon's persistent.size
    } else {
      json.put("size", size);
    }
    json.put("mode", "RW")  // Mesos creates persistent volumes read-write only
        .put("status", status.json());
    if (collectAtMillis > 0) {
      json.put("collectAt", Timestamps.format(collectAtMillis));
    }
    return json;
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (!value.isEmpty()) {
      json.put(field, value);
    }
  }
}
