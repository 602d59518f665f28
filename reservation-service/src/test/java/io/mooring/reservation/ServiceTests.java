package io.mooring.reservation;

import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.RunSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the service tests share: app specs from Marathon JSON, and polling a service until it answers as expected. */
final class ServiceTests {
  private ServiceTests() {}

  static RunSpec app(String json) {
    App.Builder app = App.newBuilder();
    try {
      JsonFormat.parser().merge(json, app);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return RunSpec.newBuilder().setApp(app).build();
  }

  /** Polls until {@code done}; a service still starting (UNAVAILABLE) is waited for. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    Object last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        T value = probe.get();
        if (done.test(value)) {
          return value;
        }
        last = value;
      } catch (StatusRuntimeException e) {
        last = e.getStatus();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last);
  }}
