package io.mooring.sim.agent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs tasks in name only: no process, no thread and no file per task, so one JVM holds tens of thousands.
 * A task reports STARTING then RUNNING at once and stays RUNNING until killed (KILLED, without waiting for the grace
 * period: there is nothing to stop) or ended through {@link Container#end}. A task with a health check is healthy at
 * once: a second TASK_RUNNING with {@code healthy=true} follows the first.
 *
 * <p>Threading: every virtual container of the JVM reports from one shared daemon thread, never from the thread that
 * called {@code start}, {@code kill} or {@code end}. Callers may therefore hold their own locks while calling in, and
 * listeners may call back into the container. Updates reach the listener in the order they were caused. A listener
 * that blocks stalls every virtual task, so it should only record or enqueue.
 */
public final class VirtualRunner implements TaskRunner {
  private static final ExecutorService EVENTS = Executors.newSingleThreadExecutor(new DaemonThreads("sim-virtual"));

  @Override
  public Container start(ContainerLaunch launch, TaskListener listener) {
    VirtualContainer container = new VirtualContainer(launch, listener, EVENTS);
    EVENTS.execute(container::start);
    return container;
  }
}
