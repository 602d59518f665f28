package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** JSON answers. The gateway renders its own JSON (Jackson trees), so bodies leave as ready-made strings. */
public final class JsonResponses {
  /** Set on every answer to a call that started a deployment, as Marathon does. */
  public static final String DEPLOYMENT_HEADER = "Marathon-Deployment-Id";

  private JsonResponses() {}

  public static MutableHttpResponse<String> json(HttpStatus status, JsonNode body) {
    return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body.toString());
  }

  public static MutableHttpResponse<String> ok(JsonNode body) {
    return json(HttpStatus.OK, body);
  }
}
