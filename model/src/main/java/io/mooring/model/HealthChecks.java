package io.mooring.model;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.RunSpec;
import java.util.Optional;
import java.util.Set;

/**
 * An app's health checks as Marathon reads them: its JSON (kept as a Struct) with Marathon's defaults. Mesos runs the
 * {@code MESOS_HTTP}, {@code MESOS_HTTPS}, {@code MESOS_TCP} and {@code COMMAND} ones (one per task) and reports
 * {@code healthy} with the task's statuses; Marathon 1.11 runs {@code HTTP}, {@code HTTPS} and {@code TCP} itself.
 */
public final class HealthChecks {
  private static final Set<String> RUN_BY_MESOS = Set.of("MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP", "COMMAND");

  private HealthChecks() {}

  /** One health check, with Marathon's defaults for what its JSON leaves out. */
  public record Check(Struct json) {
    public String protocol() {
      return text("protocol", "HTTP");
    }

    public String path() {
      return text("path", "/");
    }

    public int portIndex() {
      return number("portIndex", 0);
    }

    public Optional<Integer> port() {
      return json.containsFields("port") ? Optional.of(number("port", 0)) : Optional.empty();
    }

    public String command() {
      Value command = json.getFieldsOrDefault("command", Value.getDefaultInstance());
      return command.getStructValue().getFieldsOrDefault("value", Value.getDefaultInstance()).getStringValue();
    }

    public int gracePeriodSeconds() {
      return number("gracePeriodSeconds", 300);
    }

    public int intervalSeconds() {
      return number("intervalSeconds", 60);
    }

    public int timeoutSeconds() {
      return number("timeoutSeconds", 20);
    }

    public int maxConsecutiveFailures() {
      return number("maxConsecutiveFailures", 3);
    }

    public int delaySeconds() {
      return number("delaySeconds", 15);
    }

    private String text(String field, String otherwise) {
      Value value = json.getFieldsOrDefault(field, Value.getDefaultInstance());
      return value.hasStringValue() ? value.getStringValue() : otherwise;
    }

    private int number(String field, int otherwise) {
      Value value = json.getFieldsOrDefault(field, Value.getDefaultInstance());
      return value.hasNumberValue() ? (int) value.getNumberValue() : otherwise;
    }
  }

  /** The check Mesos runs for the app's tasks: the first of the protocols it runs, if any. */
  public static Optional<Check> runByMesos(App app) {
    return app.getHealthChecksList().stream().map(Check::new).filter(c -> RUN_BY_MESOS.contains(c.protocol()))
        .findFirst();
  }

  /** Whether the run spec's tasks report health: then an instance counts as up only once its task is healthy. */
  public static boolean reported(RunSpec spec) {
    return spec.hasApp() && runByMesos(spec.getApp()).isPresent();
  }
}
