package io.mooring.gateway.client;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import io.mooring.runtime.grpc.GrpcErrors;
import io.mooring.runtime.retry.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The calls to one service: a circuit breaker that fails fast while the service is down, a retry of idempotent
 * calls over short outages, and every failure turned into the {@link DomainException} it means, with the service's
 * {@link ErrorCode}: callers branch on the code, and only the gateway's error edge turns it into HTTP. Each attempt
 * brings its own deadline (the supplier sets it on the stub), so a retried call never waits longer than attempts x
 * deadline + waits.
 */
public final class Resilient {
  /** The service could not be reached or did not answer: the only failures worth a retry or a breaker count. */
  private static final Predicate<Throwable> UNREACHABLE = t -> t instanceof StatusRuntimeException e
      && (e.getStatus().getCode() == Status.Code.UNAVAILABLE
          || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED);
  /** A retry may resend only what surely was not processed; a missed deadline may have been. */
  private static final Predicate<Throwable> NOT_PROCESSED = t -> t instanceof StatusRuntimeException e
      && e.getStatus().getCode() == Status.Code.UNAVAILABLE;
  /** A read rides out a short outage (three attempts in all); a longer one is the breaker's to answer. */
  private static final int READ_ATTEMPTS = 3;
  private static final RetryPolicy READ_RETRIES = RetryPolicy.fixed(Duration.ofMillis(100));

  private final String service;
  private final CircuitBreaker breaker;
  private final Retry retry;

  /**
   * @param openFor how long the breaker refuses calls once it has opened
   * @param reconnect run when the breaker lets trial calls through again, to make the transport connect at once:
   *     gRPC waits ever longer (up to 2 minutes) between its attempts to reach a service that was down, so without
   *     it a service that is back could stay unreachable that long.
   */
  public Resilient(String service, Duration openFor, Runnable reconnect) {
    this.service = service;
    this.breaker = CircuitBreaker.of(service, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(openFor)
        .recordException(UNREACHABLE)
        .build());
    breaker.getEventPublisher().onStateTransition(event -> {
      if (event.getStateTransition().getToState() == CircuitBreaker.State.HALF_OPEN) {
        reconnect.run();
      }
    });
    this.retry = Retry.of(service, RetryConfig.custom()
        .maxAttempts(READ_ATTEMPTS)
        .intervalFunction(failures -> READ_RETRIES.delay(failures).toMillis())
        .retryOnException(NOT_PROCESSED)
        .build());
  }

  /** An idempotent call (a read): retried while the service is unreachable. */
  public <T> T read(Supplier<T> call) {
    return run(Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)));
  }

  /**
   * A read of what only adds to an answer whose substance comes from elsewhere: empty while the service is
   * unavailable, so that the answer is still given. Its other errors end the request as usual.
   */
  public <T> Optional<T> readIfAvailable(Supplier<T> call) {
    try {
      return Optional.of(read(call));
    } catch (DomainException e) {
      if (e.info().getCode() == ErrorCode.UNAVAILABLE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A call that changes state: sent once. */
  public <T> T write(Supplier<T> call) {
    return run(CircuitBreaker.decorateSupplier(breaker, call));
  }

  private <T> T run(Supplier<T> call) {
    try {
      return call.get();
    } catch (CallNotPermittedException open) {
      throw Errors.unavailable(service + " is unavailable");
    } catch (RuntimeException e) {
      throw GrpcErrors.fromCall(e, service + " is unavailable");
    }
  }
}
