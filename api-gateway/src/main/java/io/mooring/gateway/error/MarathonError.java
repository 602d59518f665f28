package io.mooring.gateway.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;

/**
 * One of Marathon's error answers: the HTTP status and the JSON body to send, rendered by {@link MarathonErrorHandler}.
 * {@link ErrorMapper} makes one of every domain error; the gateway throws one itself only for an answer no
 * {@code ErrorInfo} can carry: a request body that is not JSON, or a label selector that does not parse (422), each
 * answered with the parser's complaint.
 */
public final class MarathonError extends RuntimeException {
  private final transient HttpStatus status;
  private final transient ObjectNode body;

  public MarathonError(HttpStatus status, ObjectNode body) {
    super(status.getCode() + " " + body, null, false, false);
    this.status = status;
    this.body = body;
  }

  /** {"message": ...} with the given status, Marathon's shape for most errors. */
  public static MarathonError of(HttpStatus status, String message) {
    return new MarathonError(status, message(message));
  }

  /** What Marathon answers when the body is not JSON it can read: 400 with the parser's complaint. */
  public static MarathonError invalidJson(String details) {
    return new MarathonError(HttpStatus.BAD_REQUEST, message("Invalid JSON").put("details", details));
  }

  public static ObjectNode message(String message) {
    return JsonNodeFactory.instance.objectNode().put("message", message);
  }

  public HttpStatus status() {
    return status;
  }

  public ObjectNode body() {
    return body;
  }
}
