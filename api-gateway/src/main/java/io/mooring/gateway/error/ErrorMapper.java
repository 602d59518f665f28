package io.mooring.gateway.error;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.Violation;
import io.mooring.runtime.grpc.Errors;

/**
 * The one translation of a domain error's {@link ErrorInfo} (a service's or the gateway's own) into Marathon's HTTP
 * status and body; {@link DomainErrorHandler} applies it to every request that ends with one.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static MarathonError toHttp(ErrorInfo info) {
    return switch (info.getCode()) {
      case INVALID -> new MarathonError(HttpStatus.UNPROCESSABLE_ENTITY, invalid(info));
      case BAD_REQUEST -> MarathonError.of(HttpStatus.BAD_REQUEST, info.getMessage());
      case NOT_FOUND -> MarathonError.of(HttpStatus.NOT_FOUND, info.getMessage());
      case CONFLICT -> MarathonError.of(HttpStatus.CONFLICT, info.getMessage());
      case LOCKED -> new MarathonError(HttpStatus.CONFLICT, locked(info));
      case FORBIDDEN -> MarathonError.of(HttpStatus.FORBIDDEN, info.getMessage());
      case UNAVAILABLE -> MarathonError.of(HttpStatus.SERVICE_UNAVAILABLE, info.getMessage());
      default -> MarathonError.of(HttpStatus.INTERNAL_SERVER_ERROR, info.getMessage());
    };
  }

  /** Marathon's validation failure: every offending path with its messages. */
  private static ObjectNode invalid(ErrorInfo info) {
    ObjectNode body = MarathonError.message(Errors.OBJECT_IS_NOT_VALID);
    ArrayNode details = body.putArray("details");
    for (Violation violation : info.getDetailsList()) {
      ArrayNode errors = details.addObject().put("path", violation.getPath()).putArray("errors");
      violation.getErrorsList().forEach(errors::add);
    }
    return body;
  }

  /** A running deployment holds the run spec; Marathon names the deployments so the client can force or wait. */
  private static ObjectNode locked(ErrorInfo info) {
    ObjectNode body = MarathonError.message(info.getMessage());
    ArrayNode deployments = body.putArray("deployments");
    info.getDeploymentIdsList().forEach(id -> deployments.addObject().put("id", id));
    return body;
  }
}
