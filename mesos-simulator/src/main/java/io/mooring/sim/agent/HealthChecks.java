package io.mooring.sim.agent;

import java.util.Optional;
import org.apache.mesos.v1.Protos.HealthCheck;

/**
 * Mesos' validation of a {@code HealthCheck} (common/validation.cpp validateHealthCheck), shared by the master,
 * which refuses a task with an invalid one ("Task uses invalid health check: ..."), and the agent, which then runs
 * no check, as the executors do.
 */
public final class HealthChecks {
  private HealthChecks() {}

  /** The error Mesos reports, or empty if the check is valid. */
  public static Optional<String> validate(HealthCheck check) {
    if (!check.hasType()) return Optional.of("HealthCheck must specify 'type'");
    switch (check.getType()) {
      case COMMAND -> {
        if (!check.hasCommand()) return Optional.of("Expecting 'command' to be set for COMMAND health check");
        if (!check.getCommand().hasValue()) {
          boolean shell = !check.getCommand().hasShell() || check.getCommand().getShell();
          return Optional.of("Command health check must contain "
              + (shell ? "'shell command'" : "'executable path'"));
        }
      }
      case HTTP -> {
        if (!check.hasHttp()) return Optional.of("Expecting 'http' to be set for HTTP health check");
        HealthCheck.HTTPCheckInfo http = check.getHttp();
        if (http.hasScheme() && !http.getScheme().equals("http") && !http.getScheme().equals("https")) {
          return Optional.of("Unsupported HTTP health check scheme: '" + http.getScheme() + "'");
        }
        if (http.hasPath() && !http.getPath().startsWith("/")) {
          return Optional.of("The path '" + http.getPath() + "' of HTTP health check must start with '/'");
        }
      }
      case TCP -> {
        if (!check.hasTcp()) return Optional.of("Expecting 'tcp' to be set for TCP health check");
      }
      default -> {
        return Optional.of("'" + check.getType().name() + "' is not a valid health check type");
      }
    }
    if (check.hasDelaySeconds() && check.getDelaySeconds() < 0) {
      return Optional.of("Expecting 'delay_seconds' to be non-negative");
    }
    if (check.hasGracePeriodSeconds() && check.getGracePeriodSeconds() < 0) {
      return Optional.of("Expecting 'grace_period_seconds' to be non-negative");
    }
    if (check.hasIntervalSeconds() && check.getIntervalSeconds() < 0) {
      return Optional.of("Expecting 'interval_seconds' to be non-negative");
    }
    if (check.hasTimeoutSeconds() && check.getTimeoutSeconds() < 0) {
      return Optional.of("Expecting 'timeout_seconds' to be non-negative");
    }
    return Optional.empty();
  }

  /** Seconds as nanoseconds, saturating (a NaN is refused by none of Mesos' checks either; it reads as 0). */
  static long nanos(double seconds) {
    if (!(seconds > 0)) return 0;
    return seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) (seconds * 1e9);
  }
}
