package io.mooring.runtime.grpc;

import io.mooring.proto.v1.ErrorInfo;

/** A failure with a meaning for the caller. Mapped once to a gRPC status by {@link GrpcErrors}. */
public final class DomainException extends RuntimeException {
  private final transient ErrorInfo info;

  public DomainException(ErrorInfo info) {
    super(info.getCode() + ": " + info.getMessage(), null, false, false);
    this.info = info;
  }

  public ErrorInfo info() {
    return info;
  }
}
