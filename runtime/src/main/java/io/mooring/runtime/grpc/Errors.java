package io.mooring.runtime.grpc;

import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.Violation;
import java.util.List;

/** Factories for the domain errors every service raises. */
public final class Errors {
  public static final String OBJECT_IS_NOT_VALID = "Object is not valid";

  private Errors() {}

  public static DomainException invalid(List<Violation> violations) {
    return of(ErrorInfo.newBuilder().setCode(ErrorCode.INVALID).setMessage(OBJECT_IS_NOT_VALID)
        .addAllDetails(violations));
  }

  public static DomainException notFound(String message) {
    return of(ErrorCode.NOT_FOUND, message);
  }

  public static DomainException conflict(String message) {
    return of(ErrorCode.CONFLICT, message);
  }

  public static DomainException badRequest(String message) {
    return of(ErrorCode.BAD_REQUEST, message);
  }

  public static DomainException unavailable(String message) {
    return of(ErrorCode.UNAVAILABLE, message);
  }

  public static DomainException of(ErrorCode code, String message) {
    return of(ErrorInfo.newBuilder().setCode(code).setMessage(message));
  }

  public static DomainException of(ErrorInfo.Builder info) {
    return new DomainException(info.build());
  }
}
