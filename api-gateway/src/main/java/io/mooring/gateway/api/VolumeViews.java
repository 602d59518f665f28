package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.PersistenceIds;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.TaskFailure;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The persistent volumes on agents: those of reservation-service's instances, and those volume-gc-service is about
 * to destroy (volumes of wiped instances, claims' leftovers, orphans).
 */
final class VolumeViews {
  private VolumeViews() {}

  /**
   * What {@code ?runSpecId=} and {@code ?status=} ask for.
   *
   * @param runSpecId the app or pod id (null: every one)
   * @param statuses the statuses wanted (empty: every one)
   */
  record Filter(@Nullable String runSpecId, Set<VolumeStatus> statuses) {
    static final Filter ALL = new Filter(null, Set.of());

    /**
     * From the query: the id with or without its leading slash (empty: every one), and statuses each given as a
     * value of its own or comma-separated (400 for an unknown one).
     */
    static Filter of(@Nullable String runSpecId, List<String> statuses) {
      Set<VolumeStatus> wanted = EnumSet.noneOf(VolumeStatus.class);
      statuses.stream().flatMap(value -> Arrays.stream(value.split(",")))
          .filter(name -> !name.isBlank()).map(VolumeStatus::parse).forEach(wanted::add);
      return new Filter(runSpecId == null || runSpecId.isBlank() ? null : RunSpecPath.normalize(runSpecId), wanted);
    }

    boolean test(VolumeView volume) {
      return (runSpecId == null || runSpecId.equals(volume.runSpecId()))
          && (statuses.isEmpty() || statuses.contains(volume.status()));
    }
  }

  /**
   * The volumes that pass {@code filter}, in persistence id order. A volume both of an instance and in a pending
   * cleanup is listed once, as destroying; an orphan record of a volume an instance references is stale (the
   * collector checks again before it destroys anything), so the instance's status stands.
   */
  static List<VolumeView> volumes(List<Instance> instances, List<Cleanup> cleanups, Filter filter) {
    Map<String, VolumeView> byId = new TreeMap<>();
    for (Instance instance : instances) {
      VolumeStatus.of(instance).ifPresent(status -> volumesIn(instance.getReservation().getResourcesList())
          .forEach(disk -> byId.put(disk.getPersistenceId(), ofInstance(instance, disk, status))));
    }
    for (Cleanup cleanup : cleanups) {
      VolumeStatus status = VolumeStatus.of(cleanup);
      for (ReservedResource disk : volumesIn(cleanup.getResourcesList())) {
        VolumeView ofInstance = byId.get(disk.getPersistenceId());
        if (ofInstance == null) {
          byId.put(disk.getPersistenceId(), ofCleanup(cleanup, disk, status));
        } else if (status == VolumeStatus.DESTROYING) {
          byId.put(disk.getPersistenceId(), ofInstance.withStatus(status));
        }
      }
    }
    return byId.values().stream().filter(filter::test).toList();
  }

  /** The persistent volumes among reserved resources: the disks with a persistence id. */
  private static List<ReservedResource> volumesIn(List<ReservedResource> resources) {
    return resources.stream().filter(resource -> !resource.getPersistenceId().isEmpty()).toList();
  }

  private static VolumeView ofInstance(Instance instance, ReservedResource disk, VolumeStatus status) {
    return new VolumeView(instance.getRunSpecId(), instance.getKind(), instance.getInstanceId(), taskUsing(instance),
        instance.getReservation().getAgentId(), instance.getReservation().getHostname(), disk, status, 0);
  }

  /**
   * The task that uses the instance's volumes now: its one task, unless that has ended. A pod instance of several
   * containers names none: which of its tasks mount the volume is the pod spec's to say.
   */
  private static String taskUsing(Instance instance) {
    if (instance.getTasksCount() != 1) {
      return "";
    }
    Task task = instance.getTasks(0);
    return TaskViews.active(TaskViews.state(task)) ? task.getTaskId() : "";
  }

  /** A volume only volume-gc-service knows of: no instance references it, so it has no task. */
  private static VolumeView ofCleanup(Cleanup cleanup, ReservedResource disk, VolumeStatus status) {
    String runSpecId = PersistenceIds.runSpecIdOf(disk.getPersistenceId()).orElse("");
    return new VolumeView(runSpecId, RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED, cleanup.getInstanceId(), "", cleanup.getAgentId(), cleanup.getHostname(), disk,
        status, status == VolumeStatus.ORPHANED ? cleanup.getNotBeforeMillis() : 0);
  }

  /**
   * What the volume page tells of the instance that owns a volume: its state, how many tasks it has launched on its
   * volumes, its current tasks and its last failure.
   */
  static ObjectNode history(Instance instance) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("state", instance.getState().name().replace("_STATE", ""))
        .put("goal", instance.getGoal().name())
        .put("since", instance.getSince())
        .put("launches", instance.getIncarnation())
        .put("failures", instance.getFailures());
    ArrayNode tasks = json.putArray("tasks");
    for (Task task : instance.getTasksList()) {
      ObjectNode entry = tasks.addObject().put("taskId", task.getTaskId()).put("state", TaskViews.state(task));
      if (!task.getStartedAt().isEmpty()) {
        entry.put("startedAt", task.getStartedAt());
      }
      if (!task.getMessage().isEmpty()) {
        entry.put("message", task.getMessage());
      }
    }
    if (instance.hasLastFailure()) {
      TaskFailure failure = instance.getLastFailure();
      json.putObject("lastFailure").put("taskId", failure.getTaskId()).put("state", failure.getState())
          .put("message", failure.getMessage()).put("timestamp", failure.getTimestamp());
    }
    return json;
  }
}
