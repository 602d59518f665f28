package io.mooring.model;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.RunSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An app's health checks as Marathon reads them: its JSON (kept as a Struct) with Marathon's defaults. Mesos runs the
 * {@code MESOS_HTTP}, {@code MESOS_HTTPS}, {@code MESOS_TCP} and {@code COMMAND} ones (one per task) and reports
 * {@code healthy} with the task's statuses; Marathon 1.11 runs {@code HTTP}, {@code HTTPS} and {@code TCP} itself.
 */
public final class HealthChecks {
  private static final Set<String> RUN_BY_MESOS = Set.of("MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP", "COMMAND");
  private static final Set<String> RUN_BY_MOORING = Set.of("HTTP", "HTTPS", "TCP");

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
      return HealthChecks.text(json, field, otherwise);
    }

    private int number(String field, int otherwise) {
      return HealthChecks.number(json, field, otherwise);
    }
  }

  /** The check Mesos runs for the app's tasks: the first of the protocols it runs, if any. */
  public static Optional<Check> runByMesos(App app) {
    return app.getHealthChecksList().stream().map(Check::new).filter(c -> RUN_BY_MESOS.contains(c.protocol()))
        .findFirst();
  }

  /** The check Mooring runs for the app's tasks, as Marathon 1.11 runs them itself: the first HTTP, HTTPS or TCP. */
  public static Optional<Check> runByMooring(App app) {
    return app.getHealthChecksList().stream().map(Check::new).filter(c -> RUN_BY_MOORING.contains(c.protocol()))
        .findFirst();
  }

  /** Whether the run spec's tasks report health: then an instance counts as up only once its task is healthy. */
  public static boolean reported(RunSpec spec) {
    return spec.hasApp() && (runByMesos(spec.getApp()).isPresent() || runByMooring(spec.getApp()).isPresent());
  }

  /** A readiness check (Marathon's defaults for what its JSON leaves out); its port is named, not indexed. */
  public record Readiness(Struct json) {
    public String name() {
      return text("name", "readinessCheck");
    }

    public String protocol() {
      return text("protocol", "HTTP");
    }

    public String path() {
      return text("path", "/");
    }

    public String portName() {
      return text("portName", "http-api");
    }

    public int intervalSeconds() {
      return number("intervalSeconds", 30);
    }

    public int timeoutSeconds() {
      return number("timeoutSeconds", 10);
    }

    /** The HTTP statuses that mean ready (Marathon: 200). */
    public Set<Integer> readyStatuses() {
      Value codes = json.getFieldsOrDefault("httpStatusCodesForReady", Value.getDefaultInstance());
      if (!codes.hasListValue() || codes.getListValue().getValuesCount() == 0) {
        return Set.of(200);
      }
      return codes.getListValue().getValuesList().stream().map(v -> (int) v.getNumberValue())
          .collect(Collectors.toUnmodifiableSet());
    }

    /** The index of the named port among the app's ports (port definitions, else port mappings); 0 if unnamed. */
    public int portIndex(App app) {
      List<String> names = app.getPortDefinitionsCount() > 0
          ? app.getPortDefinitionsList().stream().map(PortDefinition::getName).toList()
          : app.getContainer().getPortMappingsList().stream().map(PortMapping::getName).toList();
      return Math.max(0, names.indexOf(portName()));
    }

    private String text(String field, String otherwise) {
      return HealthChecks.text(json, field, otherwise);
    }

    private int number(String field, int otherwise) {
      return HealthChecks.number(json, field, otherwise);
    }
  }

  /** The app's readiness check, if any (Marathon allows one). */
  public static Optional<Readiness> readiness(RunSpec spec) {
    return spec.hasApp() ? spec.getApp().getReadinessChecksList().stream().map(Readiness::new).findFirst()
        : Optional.empty();
  }

  private static String text(Struct json, String field, String otherwise) {
    Value value = json.getFieldsOrDefault(field, Value.getDefaultInstance());
    return value.hasStringValue() ? value.getStringValue() : otherwise;
  }

  private static int number(Struct json, String field, int otherwise) {
    Value value = json.getFieldsOrDefault(field, Value.getDefaultInstance());
    return value.hasNumberValue() ? (int) value.getNumberValue() : otherwise;
  }
}
