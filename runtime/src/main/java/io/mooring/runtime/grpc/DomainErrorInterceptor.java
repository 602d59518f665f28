package io.mooring.runtime.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

/**
 * Closes a call whose handler threw a {@link DomainException} with the mapped status, instead of UNKNOWN. Unary and
 * server-streaming handlers run when the client half-closes, so that is the one place to catch.
 */
@Singleton
public class DomainErrorInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (DomainException e) {
          StatusRuntimeException status = GrpcErrors.toStatus(e);
          call.close(status.getStatus(), status.getTrailers());
        }
      }
    };
  }
}
