package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.mooring.gateway.client.AgentFilesClient.Answer;
import io.mooring.gateway.error.MarathonError;
import io.mooring.gateway.json.MarathonJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * What the gateway answers for what an agent answered. A read passes Mesos' JSON on unchanged; a listing comes back
 * with its paths relative to the sandbox. The agent's refusals become Marathon's {"message": ...} with their status
 * (404 missing, 400 a directory or a path leading out); anything else the agent does (another status, no answer in
 * time, an oversized answer) is an upstream fault, not the client's: 503.
 */
final class SandboxAnswers {
  private SandboxAnswers() {}

  static HttpResponse<?> read(TaskSandbox sandbox, String relative, Answer answer) {
    if (answer.status() != 200) return refused(sandbox, relative, answer, "read");
    return HttpResponse.ok(answer.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  static HttpResponse<?> browse(TaskSandbox sandbox, String relative, Answer answer) {
    if (answer.status() != 200) return refused(sandbox, relative, answer, "list");
    JsonNode listing;
    try {
      listing = MarathonJson.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      listing = null;
    }
    if (listing == null || !listing.isArray()) {
      return unavailable("The agent of task '" + sandbox.taskId() + "' at " + sandbox.agentUrl()
          + " answered a listing that is not a JSON array");
    }
    for (JsonNode entry : listing) {
      if (entry instanceof ObjectNode file && file.path("path").isTextual()) {
        file.put("path", sandbox.relativize(file.get("path").asText()));
      }
    }
    return JsonResponses.ok(listing);
  }

  /** The agent could not be asked: unreachable, too slow, or too much to say. */
  static HttpResponse<?> failed(TaskSandbox sandbox, Throwable failure, Duration timeout) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    String why;
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      why = "did not answer within " + timeout.toMillis() + " ms";
    } else if (cause instanceof ConnectException) {
      why = "cannot be reached";
    } else {
      why = "failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
    return unavailable("The agent of task '" + sandbox.taskId() + "' at " + sandbox.agentUrl() + " " + why);
  }

  private static HttpResponse<?> refused(TaskSandbox sandbox, String relative, Answer answer, String verb) {
    String what = relative.isEmpty() ? "the sandbox" : "'" + relative + "' in the sandbox";
    String text = text(answer.body());
    return switch (answer.status()) {
      case 404 -> JsonResponses.json(HttpStatus.NOT_FOUND, MarathonError.message((relative.isEmpty()
          ? "The sandbox of task '" + sandbox.taskId() + "'"
          : "File '" + relative + "' in the sandbox of task '" + sandbox.taskId() + "'")
          + " does not exist on agent '" + sandbox.agentId() + "'"));
      case 400 -> JsonResponses.json(HttpStatus.BAD_REQUEST, MarathonError.message("Cannot " + verb + " " + what
          + " of task '" + sandbox.taskId() + "'" + (text.isEmpty() ? "" : ": " + text)));
      default -> unavailable("The agent of task '" + sandbox.taskId() + "' at " + sandbox.agentUrl() + " answered HTTP "
          + answer.status() + (text.isEmpty() ? "" : ": " + text));
    };
  }

  private static HttpResponse<?> unavailable(String message) {
    return JsonResponses.json(HttpStatus.SERVICE_UNAVAILABLE, MarathonError.message(message));
  }

  /** An agent's plain-text refusal for a message: one line, short. */
  private static String text(byte[] body) {
    String line = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (line.endsWith(".")) line = line.substring(0, line.length() - 1);
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
