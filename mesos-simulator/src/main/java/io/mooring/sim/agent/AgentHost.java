package io.mooring.sim.agent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The agent's side on the host: its work dir laid out as Mesos lays it out, the disks behind the roots it reports,
 * the checkpoint of its reservations and volumes, volume directories, sandboxes and the runner. Survives a restart
 * of the agent (even with a new agent id) because everything lives under the work dir.
 *
 * <p>Thread-safe: the master may call any method from any thread. Failures of the file system surface as
 * {@link java.io.UncheckedIOException}; invalid ids, roots or volumes as {@link IllegalArgumentException}.
 */
public final class AgentHost {
  /** The port an agent reports when it serves no HTTP here (a virtual agent): Mesos' default. */
  public static final int DEFAULT_PORT = 5051;
  private static final Logger log = LoggerFactory.getLogger(AgentHost.class);

  private final Path workDir;
  private final Path diskHome;
  private final TaskRunner runner;
  private final TaskRunner virtualRunner;
  private final ResourceCheckpoint checkpoint;
  private final VolumeLayout volumes;
  private final Sandboxes sandboxes;
  /** Where this agent's HTTP server (the files API) listens; null while it has none. */
  private volatile InetSocketAddress endpoint;
  private volatile String agentId;

  /** Materialises sandboxes unless the runner is a {@link VirtualRunner} (a scale run must stay off the disk). */
  public AgentHost(Path workDir, Path diskHome, TaskRunner runner) {
    this(workDir, diskHome, runner, !(runner instanceof VirtualRunner));
  }

  /**
   * @param diskHome the directory standing in for the host's {@code /}: a reported root {@code /mnt/ssd-0} is
   *     {@code <diskHome>/mnt/ssd-0}
   * @param materialize whether to create sandbox directories (stdout, stderr, volume links); volumes and the
   *     checkpoint are always real
   */
  public AgentHost(Path workDir, Path diskHome, TaskRunner runner, boolean materialize) {
    this.workDir = workDir.toAbsolutePath().normalize();
    this.diskHome = diskHome.toAbsolutePath().normalize();
    this.runner = runner;
    this.virtualRunner = runner instanceof VirtualRunner ? runner : new VirtualRunner();
    this.checkpoint = new ResourceCheckpoint(this.workDir);
    this.volumes = new VolumeLayout(this.workDir, this::hostPath);
    this.sandboxes = new Sandboxes(this.workDir, materialize, this::volumePath);
  }

  public Path workDir() {
    return workDir;
  }

  /** Where the agent keeps persistent volumes: its work dir's {@code volumes} and the directories behind its disks. */
  public List<Path> volumeBases() {
    return List.of(workDir.resolve("volumes"), diskHome);
  }

  /** The agent's HTTP server listens here: its port is the one the agent reports. */
  public void servedAt(InetSocketAddress address) {
    this.endpoint = address;
  }

  /** The port the agent reports in its AgentInfo: its server's, else Mesos' default. */
  public int port() {
    InetSocketAddress current = endpoint;
    return current == null ? DEFAULT_PORT : current.getPort();
  }

  /** The agent registered (again) under this id; its files API attaches the sandboxes under it. */
  public void registeredAs(String id) {
    this.agentId = id;
  }

  /** The id the agent last registered with; null before it registered. */
  public String agentId() {
    return agentId;
  }

  /**
   * The real directory behind a disk root the agent reports, created on demand. An absolute root lives under the
   * disk home; a relative one is relative to the work dir, as in Mesos.
   */
  public Path hostPath(String reportedRoot) {
    if (reportedRoot == null || reportedRoot.isEmpty()) throw new IllegalArgumentException("Empty disk root");
    boolean absolute = reportedRoot.startsWith("/");
    Path base = absolute ? diskHome : workDir;
    Path host = base.resolve(reportedRoot.replaceFirst("^/+", "")).normalize();
    if (!host.startsWith(base)) throw new IllegalArgumentException("Disk root escapes its base: " + reportedRoot);
    return Directories.mkdirs(host);
  }

  /** The checkpointed reservations and persistent volumes; empty if the agent never checkpointed. */
  public List<Resource> loadCheckpoint() {
    return checkpoint.load();
  }

  /**
   * Checkpoints what operations did to the reservations and volumes, in order. It costs the size of the changes, not
   * of the agent's state: {@code current}, every reservation and volume the agent now holds, is asked for only once
   * in a while, to rewrite the checkpoint compactly.
   */
  public void checkpoint(List<ResourceChange> changes, Supplier<List<Resource>> current) {
    checkpoint.append(changes, current);
    log.debug("Checkpointed {} changes to {}", changes.size(), checkpoint.file());
  }

  /**
   * Root disk: {@code <work_dir>/volumes/roles/<role>/<persistence-id>}; PATH disk: the same under the disk's root;
   * MOUNT disk: the root itself. The role is the top of the reservation stack with '/' encoded as ' '.
   */
  public Path volumePath(Resource volume) {
    return volumes.pathOf(volume);
  }

  /** CREATE: makes the volume directory, keeping data already there (slave.cpp:4741-4769). */
  public void createVolume(Resource volume) {
    Path path = Directories.mkdirs(volumePath(volume));
    log.info("Created persistent volume {} at {}", volume.getDisk().getPersistence().getId(), path);
  }

  /** DESTROY: deletes the volume's data; a MOUNT disk keeps its (emptied) mount point (slave.cpp:4712-4818). */
  public void destroyVolume(Resource volume) {
    Path path = volumePath(volume);
    if (VolumeLayout.isMount(volume)) {
      Directories.deleteContents(path);
    } else {
      Directories.deleteRecursively(path);
    }
    log.info("Destroyed persistent volume {} at {}", volume.getDisk().getPersistence().getId(), path);
  }

  /**
   * Lays out the sandbox and starts the container. Tasks that cannot run for real here (an image without a command,
   * a custom executor) run virtually, with a note in their stderr. Never blocks on the tasks; see the runners for the
   * threading of listener callbacks.
   *
   * @throws IllegalArgumentException for an id that cannot be a path component (empty, '.', '..', containing '/')
   * @throws java.io.UncheckedIOException if the sandbox cannot be laid out (the master should fail the tasks)
   */
  public Container launch(LaunchRequest request, TaskListener listener) {
    ContainerLaunch launch = sandboxes.prepare(request);
    // A virtual scale run launches tens of thousands of containers: keep them out of the INFO log.
    log.atLevel(runner == virtualRunner ? Level.DEBUG : Level.INFO).log(
        "Launching container {} on agent {}: framework {}, executor {}, tasks {}, sandbox {}", launch.containerId(),
        request.agentId(), request.frameworkId(), request.executorId(), taskIds(request.tasks()),
        sandboxes.materialize() ? launch.sandbox() : "(not materialised)");
    if (runner == virtualRunner) return runner.start(launch, listener);

    List<TaskInfo> real = new ArrayList<>();
    List<TaskInfo> virtual = new ArrayList<>();
    for (TaskInfo task : launch.tasks()) {
      Optional<String> reason = VirtualFallback.reason(task);
      if (reason.isEmpty()) {
        real.add(task);
        continue;
      }
      virtual.add(task);
      log.info("Task {} of container {} runs virtually: {}", task.getTaskId().getValue(), launch.containerId(),
          reason.get());
      if (sandboxes.materialize()) {
        Directories.appendLine(launch.taskSandbox(task.getTaskId().getValue()).resolve("stderr"), reason.get());
      }
    }
    if (virtual.isEmpty()) return runner.start(launch, listener);
    if (real.isEmpty()) return virtualRunner.start(launch, listener);
    return SplitContainer.start(launch.only(real), runner, launch.only(virtual), virtualRunner, listener);
  }

  private static List<String> taskIds(List<TaskInfo> tasks) {
    return tasks.stream().map(t -> t.getTaskId().getValue()).toList();
  }
}
