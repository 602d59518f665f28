package io.mooring.runtime.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** A unary answer: a domain error thrown by {@code call} is mapped by {@link DomainErrorInterceptor}. */
public final class Replies {
  private Replies() {}

  public static <T> void reply(StreamObserver<T> response, Supplier<T> call) {
    response.onNext(call.get());
    response.onCompleted();
  }
}
