package io.mooring.gateway.api;

/**
 * Where a task's sandbox is: its agent's base URL and the sandbox's path in the agent's files API, the virtual path
 * Mesos attaches every executor's sandbox at ({@code /frameworks/<fw>/executors/<exec>/runs/latest}), with
 * {@code /tasks/<taskId>} below it for a pod's task (its nested container's sandbox).
 */
record TaskSandbox(String taskId, String agentId, String agentUrl, String path) {
  static String path(String frameworkId, String executorId, String podTaskId) {
    String executor = "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/latest";
    return podTaskId == null ? executor : executor + "/tasks/" + podTaskId;
  }

  /** The agent's path of a path relative to the sandbox ("" for the sandbox itself). */
  String resolve(String relative) {
    return relative.isEmpty() ? path : path + "/" + relative;
  }

  /** A path the agent lists, relative to the sandbox again; one outside it is left as it is. */
  String relativize(String agentPath) {
    return agentPath.startsWith(path + "/") ? agentPath.substring(path.length() + 1) : agentPath;
  }
}
