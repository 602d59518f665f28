package io.mooring.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.mooring.gateway.api.JsonResponses;
import io.mooring.runtime.grpc.DomainException;
import jakarta.inject.Singleton;

/**
 * The gateway's error edge: a request that ends with a domain error (a service's, carried over gRPC, or the gateway's
 * own) is answered with the Marathon status and body {@link ErrorMapper} gives its code, here and nowhere else.
 */
@Singleton
public class DomainErrorHandler implements ExceptionHandler<DomainException, HttpResponse<String>> {
  @Override
  public HttpResponse<String> handle(HttpRequest request, DomainException error) {
    MarathonError answer = ErrorMapper.toHttp(error.info());
    return JsonResponses.json(answer.status(), answer.body());
  }
}
