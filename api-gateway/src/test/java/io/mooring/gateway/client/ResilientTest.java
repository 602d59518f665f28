package io.mooring.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import io.mooring.runtime.grpc.GrpcErrors;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResilientTest {
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final Resilient calls = new Resilient("definition-service", Duration.ofMillis(200),
      reconnects::incrementAndGet);

  /** A call that fails with {@code status} the first {@code failures} times, then answers "ok". */
  private Supplier<String> failing(int failures, Status status) {
    return () -> {
      if (attempts.incrementAndGet() <= failures) {
        throw status.withDescription("io exception").asRuntimeException();
      }
      return "ok";
    };
  }

  @Test
  void aReadIsRetriedOverAShortOutage() {
    assertEquals("ok", calls.read(failing(2, Status.UNAVAILABLE)));
    assertEquals(3, attempts.get());
  }

  @Test
  void aReadGivesUpAfterThreeAttemptsAndSaysWhichServiceIsUnavailable() {
    DomainException error = assertThrows(DomainException.class, () -> calls.read(failing(5, Status.UNAVAILABLE)));
    assertEquals(3, attempts.get());
    assertEquals(unavailable("definition-service is unavailable: io exception"), error.info());
  }

  @Test
  void aChangeIsSentOnce() {
    DomainException error = assertThrows(DomainException.class, () -> calls.write(failing(1, Status.UNAVAILABLE)));
    assertEquals(1, attempts.get());
    assertEquals(ErrorCode.UNAVAILABLE, error.info().getCode());
  }

  @Test
  void aMissedDeadlineIsNotRetried() {
    DomainException error = assertThrows(DomainException.class,
        () -> calls.read(failing(1, Status.DEADLINE_EXCEEDED)));
    assertEquals(1, attempts.get());
    assertEquals(ErrorCode.UNAVAILABLE, error.info().getCode());
  }

  @Test
  void aDomainErrorKeepsItsCodeIsNotRetriedAndKeepsTheBreakerClosed() {
    Supplier<String> notFound = () -> {
      attempts.incrementAndGet();
      throw GrpcErrors.toStatus(Errors.notFound("App '/x' does not exist"));
    };
    for (int i = 0; i < 10; i++) {
      DomainException error = assertThrows(DomainException.class, () -> calls.read(notFound));
      assertEquals(ErrorInfo.newBuilder().setCode(ErrorCode.NOT_FOUND).setMessage("App '/x' does not exist").build(),
          error.info());
    }
    assertEquals(10, attempts.get());
  }

  @Test
  void anOpenBreakerSaysUnavailableWithoutCalling() {
    for (int i = 0; i < 5; i++) {
      assertThrows(DomainException.class, () -> calls.write(failing(Integer.MAX_VALUE, Status.UNAVAILABLE)));
    }
    int before = attempts.get();
    long start = System.nanoTime();
    DomainException error = assertThrows(DomainException.class, () -> calls.read(failing(0, Status.OK)));
    assertTrue(System.nanoTime() - start < 50_000_000L, "an open breaker answers at once");
    assertEquals(before, attempts.get(), "no call while the breaker is open");
    assertEquals(unavailable("definition-service is unavailable"), error.info());
  }

  @Test
  void whenTheBreakerTriesAgainTheTransportReconnectsFirst() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThrows(DomainException.class, () -> calls.write(failing(Integer.MAX_VALUE, Status.UNAVAILABLE)));
    }
    assertEquals(0, reconnects.get());
    Thread.sleep(300);
    attempts.set(0);
    Supplier<String> trial = () -> {
      assertEquals(1, reconnects.get(), "reconnected before the trial call");
      attempts.incrementAndGet();
      return "ok";
    };
    assertEquals("ok", calls.read(trial));
    assertEquals(1, attempts.get());
  }

  @Test
  void anOptionalReadIsEmptyWhileTheServiceIsUnavailableAndFailsOtherwise() {
    assertEquals(Optional.empty(), calls.readIfAvailable(failing(5, Status.UNAVAILABLE)));
    assertEquals(3, attempts.get(), "retried like any read");
    DomainException error = assertThrows(DomainException.class, () -> calls.readIfAvailable(() -> {
      throw GrpcErrors.toStatus(Errors.notFound("App '/x' does not exist"));
    }));
    assertEquals(ErrorCode.NOT_FOUND, error.info().getCode());
  }

  private static ErrorInfo unavailable(String message) {
    return ErrorInfo.newBuilder().setCode(ErrorCode.UNAVAILABLE).setMessage(message).build();
  }
}
