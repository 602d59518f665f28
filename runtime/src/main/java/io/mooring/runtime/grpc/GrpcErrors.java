package io.mooring.runtime.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;

/**
 * The single mapping between domain errors and gRPC: the code becomes the gRPC status and the whole
 * {@link ErrorInfo} travels in the trailers, so a client gets back exactly what the service raised.
 */
public final class GrpcErrors {
  public static final Metadata.Key<ErrorInfo> ERROR_INFO_KEY =
      ProtoUtils.keyForProto(ErrorInfo.getDefaultInstance());

  private GrpcErrors() {}

  public static StatusRuntimeException toStatus(DomainException e) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_INFO_KEY, e.info());
    return statusOf(e.info().getCode()).withDescription(e.info().getMessage()).asRuntimeException(trailers);
  }

  /** What a failed call means to the caller; transport failures become UNAVAILABLE. */
  public static ErrorInfo fromThrowable(Throwable t) {
    if (t instanceof DomainException e) {
      return e.info();
    }
    Status status = Status.fromThrowable(t);
    Metadata trailers = Status.trailersFromThrowable(t);
    if (trailers != null && trailers.containsKey(ERROR_INFO_KEY)) {
      return trailers.get(ERROR_INFO_KEY);
    }
    ErrorCode code = switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> ErrorCode.UNAVAILABLE;
      case NOT_FOUND -> ErrorCode.NOT_FOUND;
      case ALREADY_EXISTS -> ErrorCode.CONFLICT;
      case INVALID_ARGUMENT -> ErrorCode.BAD_REQUEST;
      default -> ErrorCode.ERROR_CODE_UNSPECIFIED;
    };
    String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
    return ErrorInfo.newBuilder().setCode(code).setMessage(description).build();
  }

  /**
   * A failed call to another service as the domain error it means here: the callee's own error with its code (its
   * NOT_FOUND stays NOT_FOUND, its INVALID keeps the violations), or UNAVAILABLE when the call itself failed.
   * {@code unavailable} prefixes the message of the latter, since a transport's own ("io exception") tells nobody
   * what could not be reached.
   */
  public static DomainException fromCall(Throwable t, String unavailable) {
    ErrorInfo info = fromThrowable(t);
    if (info.getCode() == ErrorCode.UNAVAILABLE) {
      info = info.toBuilder().setMessage(unavailable + ": " + info.getMessage()).build();
    }
    return new DomainException(info);
  }

  static Status statusOf(ErrorCode code) {
    return switch (code) {
      case INVALID, BAD_REQUEST -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case CONFLICT -> Status.ALREADY_EXISTS;
      case LOCKED -> Status.FAILED_PRECONDITION;
      case FORBIDDEN -> Status.PERMISSION_DENIED;
      case UNAVAILABLE -> Status.UNAVAILABLE;
      default -> Status.INTERNAL;
    };
  }
}
