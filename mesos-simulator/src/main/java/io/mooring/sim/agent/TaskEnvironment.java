package io.mooring.sim.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The environment Mesos gives a task (slave.cpp:11399-11525, executor.cpp:633-705, containerizer.cpp:1890-1903).
 * Deliberately no PORT0/PORTS: those are Marathon conventions that Mesos never sets.
 */
final class TaskEnvironment {
  private TaskEnvironment() {}

  /**
   * @param executorSandbox the executor's run directory
   * @param taskSandbox the task's own sandbox: the executor sandbox for a command task, the nested container's
   *     directory for a task of a group
   */
  static Map<String, String> of(LaunchRequest request, TaskInfo task, Path executorSandbox, Path taskSandbox) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MESOS_FRAMEWORK_ID", request.frameworkId());
    env.put("MESOS_EXECUTOR_ID", request.executorId());
    env.put("MESOS_SLAVE_ID", request.agentId());
    if (request.agentEndpoint() != null) env.put("MESOS_AGENT_ENDPOINT", request.agentEndpoint());
    env.put("MESOS_CHECKPOINT", request.checkpoint() ? "1" : "0");
    env.put("MESOS_TASK_ID", task.getTaskId().getValue());
    if (request.role() != null) env.put("MESOS_ALLOCATION_ROLE", request.role());
    env.putAll(commandVariables(task.getCommand().getEnvironment()));
    // Set last, as the containerizer does: a task cannot lose track of its own sandbox.
    env.put("MESOS_DIRECTORY", taskSandbox.toString());
    env.put("MESOS_SANDBOX", taskSandbox.toString());
    return Collections.unmodifiableMap(env);
  }

  /** Plain values, and secrets given by value; secrets by reference need a secret resolver the simulator lacks. */
  static Map<String, String> commandVariables(Environment environment) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (Environment.Variable v : environment.getVariablesList()) {
      if (v.getType() == Environment.Variable.Type.SECRET) {
        if (v.getSecret().hasValue()) {
          vars.put(v.getName(), v.getSecret().getValue().getData().toString(StandardCharsets.UTF_8));
        }
      } else {
        vars.put(v.getName(), v.getValue());
      }
    }
    return vars;
  }
}
