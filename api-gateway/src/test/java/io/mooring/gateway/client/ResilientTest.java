package io.mooring.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.micronaut.http.HttpStatus;
import io.mooring.gateway.error.MarathonError;
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
  void aReadGivesUpAfterThreeAttemptsWithA503() {
    MarathonError error = assertThrows(MarathonError.class, () -> calls.read(failing(5, Status.UNAVAILABLE)));
    assertEquals(3, attempts.get());
    assertEquals(HttpStatus.SERVICE_UNAVAILABLE, error.status());
    assertEquals("{\"message\":\"definition-service is unavailable: io exception\"}", error.body().toString());
  }

  @Test
  void aChangeIsSentOnce() {
    MarathonError error = assertThrows(MarathonError.class, () -> calls.write(failing(1, Status.UNAVAILABLE)));
    assertEquals(1, attempts.get());
    assertEquals(HttpStatus.SERVICE_UNAVAILABLE, error.status());
  }

  @Test
  void aMissedDeadlineIsNotRetried() {
    MarathonError error = assertThrows(MarathonError.class,
        () -> calls.read(failing(1, Status.DEADLINE_EXCEEDED)));
    assertEquals(1, attempts.get());
    assertEquals(HttpStatus.SERVICE_UNAVAILABLE, error.status());
  }

  @Test
  void aDomainErrorIsMappedNotRetriedAndKeepsTheBreakerClosed() {
    Supplier<String> notFound = () -> {
      attempts.incrementAndGet();
      throw GrpcErrors.toStatus(Errors.notFound("App '/x' does not exist"));
    };
    for (int i = 0; i < 10; i++) {
      MarathonError error = assertThrows(MarathonError.class, () -> calls.read(notFound));
      assertEquals(HttpStatus.NOT_FOUND, error.status());
      assertEquals("{\"message\":\"App '/x' does not exist\"}", error.body().toString());
    }
    assertEquals(10, attempts.get());
  }

  @Test
  void anOpenBreakerAnswers503WithoutCalling() {
    for (int i = 0; i < 5; i++) {
      assertThrows(MarathonError.class, () -> calls.write(failing(Integer.MAX_VALUE, Status.UNAVAILABLE)));
    }
    int before = attempts.get();
    long start = System.nanoTime();
    MarathonError error = assertThrows(MarathonError.class, () -> calls.read(failing(0, Status.OK)));
    assertTrue(System.nanoTime() - start < 50_000_000L, "an open breaker answers at once");
    assertEquals(before, attempts.get(), "no call while the breaker is open");
    assertEquals(HttpStatus.SERVICE_UNAVAILABLE, error.status());
    assertEquals("{\"message\":\"definition-service is unavailable\"}", error.body().toString());
  }

  @Test
  void whenTheBreakerTriesAgainTheTransportReconnectsFirst() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThrows(MarathonError.class, () -> calls.write(failing(Integer.MAX_VALUE, Status.UNAVAILABLE)));
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
    MarathonError error = assertThrows(MarathonError.class, () -> calls.readIfAvailable(() -> {
      throw GrpcErrors.toStatus(Errors.notFound("App '/x' does not exist"));
    }));
    assertEquals(HttpStatus.NOT_FOUND, error.status());
  }
}
