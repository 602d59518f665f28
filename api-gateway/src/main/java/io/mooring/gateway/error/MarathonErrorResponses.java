package io.mooring.gateway.error;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The body of the errors Micronaut raises itself (no route, wrong method, unreadable parameters, a crash) in
 * Marathon's {"message": ...} shape, instead of Micronaut's default JSON, which the gateway has no codec for.
 */
@Singleton
public class MarathonErrorResponses implements ErrorResponseProcessor<String> {
  @Override
  public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    String message = switch (response.code()) {
      case 404 -> "URI not found";
      case 405 -> "HTTP method " + context.getRequest().getMethodName() + " is not allowed on "
          + context.getRequest().getPath();
      default -> context.getErrors().stream().map(Error::getMessage).findFirst()
          .orElse(HttpStatus.valueOf(response.code()).getReason());
    };
    return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(MarathonError.message(message).toString());
  }
}
