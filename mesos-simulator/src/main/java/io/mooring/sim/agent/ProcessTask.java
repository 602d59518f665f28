package io.mooring.sim.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * One task of a process container: how to start its command and how to signal its process tree. Its mutable state
 * is confined to the container's serial executor.
 */
final class ProcessTask {
  /** What a process gets from the simulator's own environment; everything else comes from the agent. */
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final String id;
  final TaskInfo task;
  final Path sandbox;
  final Map<String, String> environment;

  Process process;
  boolean killing;
  long killDeadlineNanos;
  TaskState forcedState;
  String forcedMessage;
  /** The task's health check while it runs; null before RUNNING, without a check, and once a kill or exit stops it. */
  HealthChecker health;
  /** Processes sent SIGTERM: descendants orphaned when the task's main process dies still get the SIGKILL. */
  private final List<ProcessHandle> terminated = new ArrayList<>();

  ProcessTask(TaskInfo task, Path sandbox, Map<String, String> environment) {
    this.id = task.getTaskId().getValue();
    this.task = task;
    this.sandbox = sandbox;
    this.environment = environment;
  }

  Process startProcess() throws IOException {
    Directories.mkdirs(sandbox); // a non-materialising agent still needs a working directory for real processes
    ProcessBuilder builder = new ProcessBuilder(command(task.getCommand()))
        .directory(sandbox.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
    setEnvironment(builder, environment);
    return builder.start();
  }

  /** Exactly the agent's variables, plus PATH, HOME and LANG from the simulator's own environment if missing. */
  static void setEnvironment(ProcessBuilder builder, Map<String, String> environment) {
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(environment);
    for (String name : INHERITED) {
      String value = System.getenv(name);
      if (value != null) env.putIfAbsent(name, value);
    }
    env.putIfAbsent("PATH", DEFAULT_PATH);
  }

  /**
   * shell (the default) runs {@code sh -c value}; otherwise value is the executable and arguments its argv, where,
   * as with execlp, arguments[0] is argv[0] and not passed again.
   */
  static List<String> command(CommandInfo command) {
    if (!command.hasShell() || command.getShell()) return List.of("sh", "-c", command.getValue());
    List<String> argv = new ArrayList<>();
    argv.add(command.getValue());
    List<String> arguments = command.getArgumentsList();
    if (arguments.size() > 1) argv.addAll(arguments.subList(1, arguments.size()));
    return argv;
  }

  /** SIGTERM to the process and all its descendants. */
  void terminate() {
    List<ProcessHandle> tree = tree();
    terminated.addAll(tree);
    tree.forEach(ProcessHandle::destroy);
  }

  /** SIGKILL to the process, its descendants and anything sent SIGTERM before; true if something was alive. */
  boolean forceKill() {
    boolean anyAlive = false;
    for (ProcessHandle handle : Stream.concat(tree().stream(), terminated.stream()).toList()) {
      if (handle.isAlive()) {
        anyAlive = true;
        handle.destroyForcibly();
      }
    }
    return anyAlive;
  }

  private List<ProcessHandle> tree() {
    if (process == null || !process.isAlive()) return List.of();
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  /** Java reports death by signal n as status 128 + n, as a shell does. */
  static String describeExit(int status) {
    return status > 128 ? "Command terminated with signal " + (status - 128)
        : "Command exited with status " + status;
  }
}
