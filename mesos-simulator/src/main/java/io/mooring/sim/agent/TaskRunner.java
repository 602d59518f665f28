package io.mooring.sim.agent;

/** Runs the tasks an agent launches: really (process) or in name only (virtual). */
public interface TaskRunner {
  /**
   * Starts one container: a command task, or every task of a task group under one executor. Never blocks on the
   * task; reports each task's states to the listener, from any thread, in order per task.
   */
  Container start(ContainerLaunch launch, TaskListener listener);
}
