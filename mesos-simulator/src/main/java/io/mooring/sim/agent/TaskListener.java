package io.mooring.sim.agent;

import org.apache.mesos.v1.Protos.TaskState;

/**
 * What a runner reports about a task: STARTING, RUNNING, then one of FINISHED, FAILED, KILLED. Each state at most
 * once, nothing after the terminal one, in order per task. Called from a runner thread, possibly before
 * {@link AgentHost#launch} has returned; message may be null for STARTING and RUNNING.
 */
@FunctionalInterface
public interface TaskListener {
  void onState(String taskId, TaskState state, String message);
}
