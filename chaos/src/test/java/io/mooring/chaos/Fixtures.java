package io.mooring.chaos;

import io.mooring.chaos.MesosView.Reserved;
import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small mutable cluster for the checker's tests: instance {@code a.instance-1} of app {@code /a} has task
 * {@code a.instance-1._app.1}, claim {@code a.instance-1.claim}, volume {@code a#data#instance-1} on {@code agent-1}.
 */
final class Fixtures {
  static final String AGENT = "agent-1";

  final List<Reserved> reserved = new ArrayList<>();
  final List<MesosView.Task> tasks = new ArrayList<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final List<Garbage> garbage = new ArrayList<>();
  final List<Deployment> deployments = new ArrayList<>();
  final Map<String, List<VolumeFiles.Dir>> volumes = new LinkedHashMap<>();
  /** Instances per app, as the workload wants them: {@link #running} counts one more. */
  final Map<String, Integer> wanted = new HashMap<>();
  /** The configuration every app is wanted in, which every task writes after its id. */
  static final String CONFIG = "r1";

  static String app(String instanceId) {
    return "/" + instanceId.substring(0, instanceId.indexOf(".instance-"));
  }

  static String taskId(String instanceId) {
    return instanceId + "._app.1";
  }

  static String claim(String instanceId) {
    return instanceId + ".claim";
  }

  static String pid(String instanceId) {
    return instanceId.replace(".", "#data#");
  }

  /** A record, its cpus and volume reserved on {@link #AGENT}, its task running there, and its data written. */
  Fixtures running(String id) {
    wanted.merge(app(id), 1, Integer::sum);
    record(instance(id, Goal.RUNNING, InstanceState.RUNNING_STATE, taskId(id)));
    reserveOwn(id);
    task(taskId(id), "TASK_RUNNING", id, pid(id));
    return dir(AGENT, pid(id), launched(id));
  }

  /** The line a task of the instance writes to its volume when it starts. */
  static String launched(String id) {
    return taskId(id) + " " + CONFIG;
  }

  /** What the workload wants: {@link #wanted} instances per app, all in {@link #CONFIG}. */
  Map<String, Workload.Want> wants() {
    Map<String, Workload.Want> wants = new HashMap<>();
    wanted.forEach((app, instances) -> wants.put(app, new Workload.Want(instances, CONFIG)));
    return wants;
  }

  /** Scaled down: no task, reservation, volume and data kept. */
  Fixtures stopped(String id) {
    record(instance(id, Goal.STOPPED, InstanceState.SUSPENDED, null));
    reserveOwn(id);
    return dir(AGENT, pid(id), launched(id));
  }

  Fixtures reserveOwn(String id) {
    reserve(AGENT, "cpus", "", id, claim(id));
    return reserve(AGENT, "disk", pid(id), id, claim(id));
  }

  Fixtures record(Instance instance) {
    instances.put(instance.getInstanceId(), instance);
    return this;
  }

  Fixtures reserve(String agent, String name, String pid, String instanceId, String claimId) {
    Map<String, String> labels = Map.of(ReservationLabels.FRAMEWORK, "f", ReservationLabels.INSTANCE, instanceId,
        ReservationLabels.CLAIM, claimId);
    reserved.add(new Reserved(agent, name, pid, labels, "{\"name\":\"" + name + "\"}"));
    return this;
  }

  Fixtures task(String id, String state, String instanceId, String... pids) {
    tasks.add(new MesosView.Task(id, state, AGENT, instanceId, Set.of(pids)));
    return this;
  }

  /** Another directory of the volume (or its first). */
  Fixtures dir(String agent, String pid, String... lines) {
    volumes.computeIfAbsent(pid, p -> new ArrayList<>())
        .add(new VolumeFiles.Dir(agent, Path.of(agent, "work/volumes/roles/mooring", pid), List.of(lines)));
    return this;
  }

  /** The volume's only directory, now holding these lines. */
  Fixtures lines(String pid, String... lines) {
    volumes.remove(pid);
    return dir(AGENT, pid, lines);
  }

  Fixtures garbage(String instanceId, ReservedResource... resources) {
    garbage.add(Garbage.newBuilder().setInstanceId(instanceId).setAgentId(AGENT).addAllResources(List.of(resources))
        .setReason(Garbage.Reason.CLAIM_EXPIRED).build());
    return this;
  }

  Fixtures update(String id, java.util.function.UnaryOperator<Instance.Builder> change) {
    return record(change.apply(instances.get(id).toBuilder()).build());
  }

  Observation observe() {
    Map<String, List<VolumeFiles.Dir>> copy = new LinkedHashMap<>();
    volumes.forEach((pid, dirs) -> copy.put(pid, List.copyOf(dirs)));
    return new Observation(new MesosView(List.copyOf(reserved), List.copyOf(tasks), Set.of(AGENT)),
        new EtcdView.Records(new LinkedHashMap<>(instances), List.copyOf(garbage), List.copyOf(deployments)), copy);
  }

  /** The record of an instance of {@link #app}, reserved under {@link #claim} with volume {@link #pid}. */
  static Instance instance(String id, Goal goal, InstanceState state, String taskId) {
    LocalVolume volume = LocalVolume.newBuilder().setRunSpecId(app(id)).setContainerPath("data")
        .setPersistenceId(pid(id)).build();
    Instance.Builder instance = Instance.newBuilder().setInstanceId(id).setRunSpecId(app(id)).setGoal(goal)
        .setState(state).addVolumes(volume)
        .setReservation(Reservation.newBuilder().setAgentId(AGENT).setConfirmed(true)
            .addResources(resource("cpus", "", id, claim(id))).addResources(resource("disk", pid(id), id, claim(id)))
            .addVolumes(volume));
    if (taskId != null) {
      instance.addTasks(Task.newBuilder().setTaskId(taskId).setIncarnation(1).setMesosState("TASK_RUNNING"));
    }
    return instance.build();
  }

  static ReservedResource resource(String name, String pid, String instanceId, String claimId) {
    return ReservedResource.newBuilder().setName(name).setScalar(1).setPersistenceId(pid).setRole("mooring")
        .putLabels(ReservationLabels.FRAMEWORK, "f").putLabels(ReservationLabels.INSTANCE, instanceId)
        .putLabels(ReservationLabels.CLAIM, claimId).build();
  }

  /** Each violation as "KIND instance-id", sorted. */
  static List<String> kinds(List<Violation> violations) {
    return violations.stream().map(v -> v.kind() + " " + v.instanceId()).sorted().toList();
  }
}
