package io.mooring.chaos;

import io.mooring.chaos.MesosView.Reserved;
import io.mooring.chaos.Violation.Kind;
import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.ReservedResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What must hold, as pure functions of one {@link Observation}. Safety holds at every moment, faults or not; convergence
 * holds once the faults stopped and the system had time to act on the user's last change.
 */
final class Invariants {
  private Invariants() {}

  /** At most one live task per instance, each volume once, each persistence id in one record. */
  static List<Violation> duplicates(Observation o) {
    List<Violation> found = new ArrayList<>();
    Map<String, List<MesosView.Task>> live = o.mesos().tasks().stream().filter(MesosView.Task::live)
        .filter(t -> !t.instanceId().isEmpty()).collect(Collectors.groupingBy(MesosView.Task::instanceId));
    live.forEach((instance, tasks) -> {
      if (tasks.size() > 1) {
        found.add(violation(Kind.DUPLICATE, o, instance, tasks.size() + " live tasks"));
      }
    });
    Map<String, Set<String>> volumeAgents = new HashMap<>();
    o.mesos().reserved().stream().filter(Reserved::isVolume)
        .forEach(r -> volumeAgents.computeIfAbsent(r.persistenceId(), id -> new TreeSet<>()).add(r.agentId()));
    volumeAgents.forEach((id, agents) -> {
      if (agents.size() > 1) {
        found.add(violation(Kind.DUPLICATE, o, instanceOfVolume(o, id), "volume " + id + " on agents " + agents));
      }
    });
    o.volumes().forEach((id, dirs) -> {
      if (dirs.size() > 1) {
        found.add(violation(Kind.DUPLICATE, o, instanceOfVolume(o, id), "volume " + id + " has directories "
            + dirs.stream().map(VolumeFiles.Dir::path).toList()));
      }
    });
    Map<String, String> owners = new HashMap<>();
    for (Instance instance : o.etcd().instances().values()) {
      for (String id : persistenceIds(instance)) {
        String other = owners.putIfAbsent(id, instance.getInstanceId());
        if (other != null && !other.equals(instance.getInstanceId())) {
          found.add(violation(Kind.DUPLICATE, o, instance.getInstanceId(), "volume " + id + " also in " + other));
        }
      }
    }
    return found;
  }

  /**
   * Reserved resources and volumes that belong to no instance and to no recorded garbage: an instance owns what carries
   * its labels and its claim (and, for a volume, one of its persistence ids); garbage what carries the labels it
   * recorded.
   */
  static List<Reserved> unowned(Observation o) {
    Map<String, List<Garbage>> garbage = o.etcd().garbage().stream()
        .collect(Collectors.groupingBy(Garbage::getInstanceId));
    return o.mesos().reserved().stream()
        .filter(r -> !ownedByInstance(r, o.etcd().instances().get(r.instanceId()), false))
        .filter(r -> garbage.getOrDefault(r.instanceId(), List.of()).stream().noneMatch(g -> covers(g, r)))
        .toList();
  }

  /**
   * Once the faults stopped: every wanted app has exactly its instances running, each with one task of the wanted
   * configuration on its own volume, whose data that task extended, and none a restart replaced; no deployment runs;
   * stopped instances run nothing; nothing
   * decommissioned, deleted or recorded as garbage is left, and Mesos and the disks hold nothing that a running or
   * stopped instance does not own.
   *
   * @param wanted what the user asked of every app that exists, by app id
   */
  static List<Violation> convergence(Observation o, Map<String, Workload.Want> wanted) {
    List<Violation> found = new ArrayList<>();
    Map<String, Integer> running = new HashMap<>();
    for (Instance instance : o.etcd().instances().values()) {
      String id = instance.getInstanceId();
      if (!wanted.containsKey(instance.getRunSpecId())) {
        found.add(violation(Kind.UNCONVERGED, o, id, "instance of deleted app " + instance.getRunSpecId() + " remains"));
      } else if (instance.getGoal() == Goal.DECOMMISSIONED) {
        found.add(violation(Kind.UNCONVERGED, o, id, "decommissioned instance not collected"));
      } else if (instance.getGoal() == Goal.RUNNING) {
        running.merge(instance.getRunSpecId(), 1, Integer::sum);
        String problem = notRunningOnItsVolume(o, instance, wanted.get(instance.getRunSpecId()).config());
        if (problem != null) {
          found.add(violation(Kind.UNCONVERGED, o, id, problem));
        }
      } else if (o.mesos().tasks().stream().anyMatch(t -> t.instanceId().equals(id) && t.live())) {
        found.add(violation(Kind.UNCONVERGED, o, id, "stopped, yet a task of it runs"));
      }
    }
    wanted.forEach((app, want) -> {
      int actual = running.getOrDefault(app, 0);
      if (actual != want.instances()) {
        found.add(violation(Kind.UNCONVERGED, o, "",
            app + " has " + actual + " instances to run, wants " + want.instances()));
      }
    });
    o.etcd().deployments().stream().filter(d -> d.getState() == Deployment.State.RUNNING)
        .forEach(d -> found.add(violation(Kind.UNCONVERGED, o, "", "deployment " + d.getId() + " of "
            + d.getAffectedAppsList() + d.getAffectedPodsList() + " still running")));
    o.mesos().tasks().stream().filter(MesosView.Task::live).forEach(t -> {
      Instance instance = o.etcd().instances().get(t.instanceId());
      Workload.Want want = instance == null ? null : wanted.get(instance.getRunSpecId());
      if (want != null && want.retired().contains(t.id())) {
        found.add(violation(Kind.UNCONVERGED, o, t.instanceId(), "task " + t.id() + " should have been restarted"));
      }
    });
    o.etcd().garbage().forEach(g -> found.add(violation(Kind.UNCONVERGED, o, g.getInstanceId(),
        "garbage on " + g.getAgentId() + " not collected (" + g.getReason() + ")")));
    for (Reserved r : o.mesos().reserved()) {
      if (!ownedByInstance(r, o.etcd().instances().get(r.instanceId()), true)) {
        found.add(new Violation(Kind.LEAKED, r.instanceId(), r.name() + " on " + r.agentId()
            + " belongs to no running or stopped instance", o.recordOf(r.instanceId()), r.json()));
      }
    }
    Set<String> volumes = o.mesos().reserved().stream().filter(Reserved::isVolume).map(Reserved::persistenceId)
        .collect(Collectors.toSet());
    o.volumes().forEach((id, dirs) -> {
      if (!volumes.contains(id)) {
        found.add(violation(Kind.LEAKED, o, instanceOfVolume(o, id), "directory of no volume: " + dirs.get(0).path()));
      }
    });
    return found;
  }

  /**
   * Why the instance is not running its one task of {@code config} on its own volume with its data; null when it is.
   * The task's line in the volume (task id and configuration) is the proof that it runs there, as it was asked to.
   */
  private static String notRunningOnItsVolume(Observation o, Instance instance, String config) {
    if (instance.getState() != InstanceState.RUNNING_STATE || instance.getTasksCount() != 1) {
      return "state " + instance.getState() + " with " + instance.getTasksCount() + " tasks";
    }
    String taskId = instance.getTasks(0).getTaskId();
    List<MesosView.Task> tasks = o.mesos().tasks().stream()
        .filter(t -> t.instanceId().equals(instance.getInstanceId()) && t.live()).toList();
    if (tasks.size() != 1 || !tasks.get(0).id().equals(taskId) || !tasks.get(0).state().equals("TASK_RUNNING")) {
      return "Mesos runs " + tasks.stream().map(t -> t.id() + " " + t.state()).toList() + ", not " + taskId;
    }
    Set<String> own = persistenceIds(instance);
    if (!tasks.get(0).persistenceIds().equals(own)) {
      return "task uses volumes " + tasks.get(0).persistenceIds() + ", the instance owns " + own;
    }
    for (String id : own) {
      List<VolumeFiles.Dir> dirs = o.volumes().getOrDefault(id, List.of());
      List<String> lines = dirs.size() == 1 ? dirs.get(0).lines() : List.of();
      String expected = taskId + " " + config;
      if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(expected)) {
        return "volume " + id + " (" + dirs.size() + " directories) ends with " + lines.subList(
            Math.max(0, lines.size() - 3), lines.size()) + ", not " + expected;
      }
    }
    return null;
  }

  /** Carries the instance's labels and one of its claims (a volume: also one of its persistence ids). */
  private static boolean ownedByInstance(Reserved r, Instance instance, boolean liveOnly) {
    if (instance == null || (liveOnly && instance.getGoal() == Goal.DECOMMISSIONED)) {
      return false;
    }
    boolean claimed = instance.getReservation().getResourcesList().stream()
        .anyMatch(own -> r.claimId().equals(own.getLabelsMap().getOrDefault(ReservationLabels.CLAIM, "")));
    return claimed && (!r.isVolume() || persistenceIds(instance).contains(r.persistenceId()));
  }

  /** Recorded garbage covers a volume by its persistence id, anything else by the claim that reserved it. */
  private static boolean covers(Garbage garbage, Reserved r) {
    return garbage.getResourcesList().stream().anyMatch(recorded -> r.isVolume()
        ? r.persistenceId().equals(recorded.getPersistenceId())
        : r.claimId().equals(recorded.getLabelsMap().getOrDefault(ReservationLabels.CLAIM, "")));
  }

  static Set<String> persistenceIds(Instance instance) {
    Set<String> ids = new HashSet<>();
    instance.getVolumesList().stream().map(LocalVolume::getPersistenceId).forEach(ids::add);
    instance.getReservation().getVolumesList().stream().map(LocalVolume::getPersistenceId).forEach(ids::add);
    return ids;
  }

  private static String instanceOfVolume(Observation o, String persistenceId) {
    return o.etcd().instances().values().stream().filter(i -> persistenceIds(i).contains(persistenceId))
        .map(Instance::getInstanceId).findFirst()
        .orElseGet(() -> o.mesos().reserved().stream().filter(r -> r.persistenceId().equals(persistenceId))
            .map(Reserved::instanceId).findFirst().orElse(""));
  }

  private static Violation violation(Kind kind, Observation o, String instanceId, String what) {
    return new Violation(kind, instanceId, what, o.recordOf(instanceId), o.mesosOf(instanceId));
  }
}
