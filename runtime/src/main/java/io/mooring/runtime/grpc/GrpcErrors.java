package io.mooring.runtime.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.Violation;

/**
 * The single mapping between domain errors and gRPC: the code becomes the gRPC status and the whole
 * {@link ErrorInfo} travels in the trailers, so a client gets back exactly what the service raised.
 */
public final class GrpcErrors {
  public static final Metadata.Key<ErrorInfo> ERROR_INFO_KEY =
      ProtoUtils.keyForProto(ErrorInfo.getDefaultInstance());

  /**
   * A client takes at most 8 KiB of trailers, where the message travels twice (as the description and in the
   * ErrorInfo, base64-encoded): one that quotes a long input is cut, and of many violations the first are kept, so
   * that the error still reaches the caller as itself.
   */
  static final int MAX_MESSAGE = 1000;
  static final int MAX_DETAILS_BYTES = 3000;

  private GrpcErrors() {}

  public static StatusRuntimeException toStatus(DomainException e) {
    ErrorInfo info = bounded(e.info());
    Metadata trailers = new Metadata();
    trailers.put(ERROR_INFO_KEY, info);
    return statusOf(info.getCode()).withDescription(info.getMessage()).asRuntimeException(trailers);
  }

  static ErrorInfo bounded(ErrorInfo info) {
    if (info.getMessage().length() <= MAX_MESSAGE && info.getSerializedSize() <= MAX_DETAILS_BYTES) {
      return info;
    }
    ErrorInfo.Builder bounded = info.toBuilder().clearDetails();
    if (info.getMessage().length() > MAX_MESSAGE) {
      bounded.setMessage(info.getMessage().substring(0, MAX_MESSAGE) + "...");
    }
    int kept = 0;
    for (Violation violation : info.getDetailsList()) {
      if (bounded.build().getSerializedSize() + violation.getSerializedSize() > MAX_DETAILS_BYTES) {
        break;
      }
      bounded.addDetails(violation);
      kept++;
    }
    if (kept < info.getDetailsCount()) {
      bounded.addDetails(Violation.newBuilder().setPath("/")
          .addErrors("and " + (info.getDetailsCount() - kept) + " more violations"));
    }
    return bounded.build();
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
