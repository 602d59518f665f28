package io.mooring.sim.agent;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.DiskInfo.Source;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;

/** Builders for the protos the agent consumes, a recording listener, and a tiny poll helper. */
final class AgentFixtures {
  static final String AGENT = "agent-1-S0";
  static final String FRAMEWORK = "fw-1";

  private AgentFixtures() {}

  /** Polls every 20 ms until the condition holds or the timeout passes. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) fail("Timed out after " + timeout + " waiting for " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("Interrupted waiting for " + what);
      }
    }
  }

  static Resource volume(String role, String persistenceId, String containerPath, Source source) {
    DiskInfo.Builder disk = DiskInfo.newBuilder()
        .setPersistence(DiskInfo.Persistence.newBuilder().setId(persistenceId).setPrincipal("fw-principal"))
        .setVolume(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW));
    if (source != null) disk.setSource(source);
    return Resource.newBuilder().setName("disk").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(64))
        .addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role)
            .setPrincipal("fw-principal"))
        .setDisk(disk).build();
  }

  static Source pathDisk(String root) {
    return Source.newBuilder().setType(Source.Type.PATH).setPath(Source.Path.newBuilder().setRoot(root)).build();
  }

  static Source mountDisk(String root) {
    return Source.newBuilder().setType(Source.Type.MOUNT).setMount(Source.Mount.newBuilder().setRoot(root)).build();
  }

  static TaskInfo shellTask(String id, String command) {
    return task(id).setCommand(CommandInfo.newBuilder().setValue(command)).build();
  }

  static TaskInfo shellTask(String id, String command, Map<String, String> env) {
    Environment.Builder environment = Environment.newBuilder();
    env.forEach((k, v) -> environment.addVariables(Environment.Variable.newBuilder().setName(k).setValue(v)));
    return task(id).setCommand(CommandInfo.newBuilder().setValue(command).setEnvironment(environment)).build();
  }

  static TaskInfo imageTask(String id, String image) {
    ContainerInfo container = ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
        .setMesos(ContainerInfo.MesosInfo.newBuilder().setImage(Image.newBuilder().setType(Image.Type.DOCKER)
            .setDocker(Image.Docker.newBuilder().setName(image))))
        .build();
    return task(id).setContainer(container).setCommand(CommandInfo.newBuilder().setShell(false)).build();
  }

  /** A task-group task mounting the executor sandbox's parentPath at containerPath, as Mooring mounts pod volumes. */
  static TaskInfo mountingParent(TaskInfo task, String containerPath, String parentPath) {
    return task.toBuilder().setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
        .addVolumes(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW)
            .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.SANDBOX_PATH)
                .setSandboxPath(Volume.Source.SandboxPath.newBuilder()
                    .setType(Volume.Source.SandboxPath.Type.PARENT).setPath(parentPath))))).build();
  }

  static TaskInfo.Builder task(String id) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(AgentID.newBuilder().setValue(AGENT));
  }

  /** A command task: executor id = task id. */
  static LaunchRequest commandLaunch(TaskInfo task, Resource... volumes) {
    return new LaunchRequest(AGENT, FRAMEWORK, task.getTaskId().getValue(), "eng/backend", List.of(task), false,
        true, List.of(volumes), "127.0.0.1:5051");
  }

  static LaunchRequest groupLaunch(String executorId, List<TaskInfo> tasks, Resource... volumes) {
    return new LaunchRequest(AGENT, FRAMEWORK, executorId, "eng", tasks, true, false, List.of(volumes),
        "127.0.0.1:5051");
  }

  /** Records every update, with the thread it arrived on; health updates apart from states. */
  static final class Recorder implements TaskListener {
    final Map<String, List<TaskState>> states = new ConcurrentHashMap<>();
    final Map<String, String> lastMessage = new ConcurrentHashMap<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    /** Per task, the {@code healthy} of each health update (REASON_TASK_HEALTH_CHECK_STATUS_UPDATED), in order. */
    final Map<String, List<Boolean>> health = new ConcurrentHashMap<>();
    /** Per task, {@code healthy} of state updates that set it (a terminal update after a health check kill). */
    final Map<String, Boolean> stateHealthy = new ConcurrentHashMap<>();

    @Override
    public void onStatus(String taskId, TaskState state, String message, Boolean healthy, TaskStatus.Reason reason) {
      if (reason == TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED) {
        health.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>()).add(healthy);
        threads.add(Thread.currentThread().getName());
        return;
      }
      if (healthy != null) stateHealthy.put(taskId, healthy);
      onState(taskId, state, message);
    }

    List<Boolean> healthOf(String taskId) {
      return health.getOrDefault(taskId, List.of());
    }

    @Override
    public void onState(String taskId, TaskState state, String message) {
      states.computeIfAbsent(taskId, k -> new CopyOnWriteArrayList<>()).add(state);
      if (message != null) lastMessage.put(taskId, message);
      threads.add(Thread.currentThread().getName());
    }

    List<TaskState> of(String taskId) {
      return states.getOrDefault(taskId, List.of());
    }

    boolean has(String taskId, TaskState state) {
      return of(taskId).contains(state);
    }

    void await(String taskId, TaskState state) {
      AgentFixtures.await(taskId + " " + state + " (has " + of(taskId) + ")", Duration.ofSeconds(5),
          () -> has(taskId, state));
    }
  }

  /** A runner that only records what the agent prepared. */
  static final class CapturingRunner implements TaskRunner {
    final List<ContainerLaunch> launches = new CopyOnWriteArrayList<>();

    @Override
    public Container start(ContainerLaunch launch, TaskListener listener) {
      launches.add(launch);
      return new Container() {
        @Override
        public void kill(Duration gracePeriod) {}

        @Override
        public void end(String taskId, boolean success, String message) {}
      };
    }
  }
}
