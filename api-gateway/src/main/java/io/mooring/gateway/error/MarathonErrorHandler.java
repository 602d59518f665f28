package io.mooring.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.mooring.gateway.api.JsonResponses;
import jakarta.inject.Singleton;

/** Renders every {@link MarathonError} thrown while handling a request. */
@Singleton
public class MarathonErrorHandler implements ExceptionHandler<MarathonError, HttpResponse<String>> {
  @Override
  public HttpResponse<String> handle(HttpRequest request, MarathonError error) {
    return JsonResponses.json(error.status(), error.body());
  }
}
