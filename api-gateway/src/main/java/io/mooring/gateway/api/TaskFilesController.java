package io.mooring.gateway.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.AgentFilesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v2/tasks/{taskId}/files}, beyond Marathon: a task's sandbox (stdout, stderr, ...) read from its Mesos agent's
 * files API, as the Mesos web UI reads it, for a UI that tails and follows a task's output. The task is looked up on
 * the blocking executor like every request; the agent is then asked without holding a thread.
 */
@Controller("/v2/tasks/{taskId}/files")
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskFilesController {
  private final TaskSandboxes sandboxes;
  private final AgentFilesClient agents;

  TaskFilesController(TaskSandboxes sandboxes, AgentFilesClient agents) {
    this.sandboxes = sandboxes;
    this.agents = agents;
  }

  /**
   * Mesos' {"data": "...", "offset": N} for {@code path} (relative to the sandbox, {@code stdout} by default). No
   * offset, or -1: empty data and the file's size as the offset (where a tail starts); otherwise up to {@code length}
   * bytes from the offset (at most 1 MiB asked; Mesos answers at most 64 KiB a read).
   */
  @Get("/read")
  public CompletableFuture<HttpResponse<?>> read(@PathVariable String taskId, @Nullable @QueryValue String path,
      @Nullable @QueryValue String offset, @Nullable @QueryValue String length) {
    String relative = SandboxRequests.relativePath(path == null ? "stdout" : path);
    long from = SandboxRequests.offset(offset);
    long bytes = SandboxRequests.length(length);
    TaskSandbox sandbox = sandboxes.find(taskId);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("path", sandbox.resolve(relative));
    query.put("offset", String.valueOf(from));
    if (from != -1) query.put("length", String.valueOf(bytes));
    return agents.get(sandbox.agentUrl(), "/files/read", query).handle((answer, failure) -> failure != null
        ? SandboxAnswers.failed(sandbox, failure, agents.timeout())
        : SandboxAnswers.read(sandbox, relative, answer));
  }

  /** The agent's listing of {@code path} (the sandbox by default), each entry's path relative to the sandbox. */
  @Get("/browse")
  public CompletableFuture<HttpResponse<?>> browse(@PathVariable String taskId, @Nullable @QueryValue String path) {
    String relative = SandboxRequests.relativePath(path);
    TaskSandbox sandbox = sandboxes.find(taskId);
    return agents.get(sandbox.agentUrl(), "/files/browse", Map.of("path", sandbox.resolve(relative)))
        .handle((answer, failure) -> failure != null
            ? SandboxAnswers.failed(sandbox, failure, agents.timeout())
            : SandboxAnswers.browse(sandbox, relative, answer));
  }
}
