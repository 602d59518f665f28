package io.mooring.sim.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task's command as a real process in its sandbox, as the Mesos command executor (or, for a task group,
 * the default executor) would: STARTING, RUNNING once the process started, then FINISHED on exit 0, FAILED on a
 * non-zero exit or a signal, KILLED when we killed it. A task of a group that fails or is killed kills the rest.
 *
 * <p>Health checks ({@code TaskInfo.health_check}) run as Mesos' command and default executors run them: see
 * {@link HealthChecker}. Their timers and probes share a few threads of their own ({@link HealthProbes}).
 *
 * <p>Threading: all containers share one small daemon pool; each container handles its events (launch, exit, kill,
 * escalation) one at a time on it, and the listener is called from that pool, never from the thread calling
 * {@code start}, {@code kill} or {@code end}. Callers may hold their own locks while calling in, and listeners may
 * call back into the container. Updates of one container reach the listener in order.
 *
 * <p>Limitation: processes a task leaves running in the background after its main process exits on its own are not
 * reaped (only those alive when we signal the tree). {@link #close()} (also run at JVM shutdown) kills every
 * process this runner still knows.
 */
public final class ProcessRunner implements TaskRunner, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
  private static final ScheduledExecutorService POOL =
      new ScheduledThreadPoolExecutor(4, new DaemonThreads("sim-process"));
  private static final Set<ProcessRunner> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(ProcessRunner::close), "sim-process-reaper"));
  }

  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final Set<HealthChecker> healthChecks = ConcurrentHashMap.newKeySet();

  public ProcessRunner() {
    OPEN.add(this);
  }

  @Override
  public Container start(ContainerLaunch launch, TaskListener listener) {
    ProcessContainer container = new ProcessContainer(launch, listener, POOL, this);
    container.start();
    return container;
  }

  void track(Process process) {
    live.add(process);
  }

  void untrack(Process process) {
    live.remove(process);
  }

  void track(HealthChecker check) {
    healthChecks.add(check);
  }

  void untrack(HealthChecker check) {
    healthChecks.remove(check);
  }

  /** Stops every health check and SIGKILLs every process still running, with its descendants. */
  @Override
  public void close() {
    OPEN.remove(this);
    healthChecks.forEach(HealthChecker::stop);
    healthChecks.clear();
    for (Process process : live) {
      log.info("Runner closing: SIGKILL to pid {}", process.pid());
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    live.clear();
  }
}
