package io.mooring.model;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.RunSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Health checks as Marathon reads them: their JSON (kept as a Struct) with Marathon's defaults. Of an app's, Mesos
 * runs the {@code MESOS_HTTP}, {@code MESOS_HTTPS}, {@code MESOS_TCP} and {@code COMMAND} ones (one per task) and
 * reports {@code healthy} with the task's statuses; Marathon 1.11 runs {@code HTTP}, {@code HTTPS} and {@code TCP}
 * itself. A pod container's one check ({@code http}, {@code tcp} or {@code exec}) Mesos runs for that container's task.
 */
public final class HealthChecks {
  private static final Set<String> RUN_BY_MESOS = Set.of("MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP", "COMMAND");
  private static final Set<String> RUN_BY_MOORING = Set.of("HTTP", "HTTPS", "TCP");

  private HealthChecks() {}

  /** When and how often a check runs, and how many failures kill: Marathon's defaults, for apps' and pods' alike. */
  public sealed interface Timing permits Check, ContainerCheck {
    Struct json();

    default int gracePeriodSeconds() {
      return number(json(), "gracePeriodSeconds", 300);
    }

    default int intervalSeconds() {
      return number(json(), "intervalSeconds", 60);
    }

    default int timeoutSeconds() {
      return number(json(), "timeoutSeconds", 20);
    }

    default int maxConsecutiveFailures() {
      return number(json(), "maxConsecutiveFailures", 3);
    }

    default int delaySeconds() {
      return number(json(), "delaySeconds", 15);
    }
  }

  /** One health check of an app, with Marathon's defaults for what its JSON leaves out. */
  public record Check(Struct json) implements Timing {
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

  /**
   * A pod container's health check (Marathon's pod HealthCheck): {@code http} ({@code endpoint}, {@code path},
   * {@code scheme} HTTP or HTTPS) or {@code tcp} ({@code endpoint}) on one of the container's endpoints, or
   * {@code exec} ({@code command}: {@code shell}, or {@code argv}).
   */
  public record ContainerCheck(Struct json) implements Timing {
    /** The kinds of check, as the JSON names them. */
    public enum Kind { HTTP, TCP, EXEC }

    /** The kind given, if exactly one is. */
    public Optional<Kind> kind() {
      List<Kind> given = Arrays.stream(Kind.values()).filter(k -> json.containsFields(field(k))).toList();
      return given.size() == 1 ? Optional.of(given.get(0)) : Optional.empty();
    }

    /** The endpoint an http or tcp check names ("" for exec). */
    public String endpoint() {
      return kind().filter(k -> k != Kind.EXEC).map(k -> text(part(k), "endpoint", "")).orElse("");
    }

    public boolean https() {
      return text(part(Kind.HTTP), "scheme", "HTTP").equals("HTTPS");
    }

    /** The path an http check asks for, if given (else Mesos asks for the root). */
    public Optional<String> path() {
      Struct http = part(Kind.HTTP);
      return http.containsFields("path") ? Optional.of(text(http, "path", "")) : Optional.empty();
    }

    /** An exec check's shell command line, if it has a non-empty one. */
    public Optional<String> shell() {
      Value shell = command().getFieldsOrDefault("shell", Value.getDefaultInstance());
      return shell.getStringValue().isEmpty() ? Optional.empty() : Optional.of(shell.getStringValue());
    }

    /** An exec check's executable and arguments, when it has no shell command line. */
    public List<String> argv() {
      Value argv = command().getFieldsOrDefault("argv", Value.getDefaultInstance());
      return argv.getListValue().getValuesList().stream().map(Value::getStringValue).toList();
    }

    private Struct command() {
      return part(Kind.EXEC).getFieldsOrDefault("command", Value.getDefaultInstance()).getStructValue();
    }

    private Struct part(Kind kind) {
      return json.getFieldsOrDefault(field(kind), Value.getDefaultInstance()).getStructValue();
    }

    private static String field(Kind kind) {
      return kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The container's health check, if Mesos can run it: exactly one kind; http and tcp on an endpoint of the container
   * that has a port Mesos can probe (on host networking every endpoint gets a host port, on a container network its
   * container port is probed from inside); exec with a command. Others are ignored everywhere, as if absent: Marathon
   * refuses them, and a check left out of the task would never report the health an instance waits for.
   */
  public static Optional<ContainerCheck> ofContainer(Pod pod, PodContainer container) {
    if (!container.hasHealthCheck()) {
      return Optional.empty();
    }
    ContainerCheck check = new ContainerCheck(container.getHealthCheck());
    return check.kind().filter(kind -> switch (kind) {
      case EXEC -> check.shell().isPresent() || !check.argv().isEmpty();
      case HTTP, TCP -> container.getEndpointsList().stream().anyMatch(e -> e.getName().equals(check.endpoint())
          && (RunSpecs.hostNetwork(pod) || e.hasContainerPort()));
    }).map(kind -> check);
  }

  /** Whether the run spec's tasks report health: then an instance counts as up only once its tasks are healthy. */
  public static boolean reported(RunSpec spec) {
    if (spec.hasPod()) {
      return !checkedContainers(spec.getPod()).isEmpty();
    }
    return spec.hasApp() && (runByMesos(spec.getApp()).isPresent() || runByMooring(spec.getApp()).isPresent());
  }

  /**
   * Which tasks, by task id, report health: all of an app that has a check; of a pod, those of the containers with
   * a check Mesos runs.
   */
  public static Predicate<String> reportedBy(RunSpec spec) {
    if (spec.hasPod()) {
      Set<String> checked = checkedContainers(spec.getPod());
      return taskId -> TaskIds.containerOf(taskId).filter(checked::contains).isPresent();
    }
    boolean reported = reported(spec);
    return taskId -> reported;
  }

  private static Set<String> checkedContainers(Pod pod) {
    return pod.getContainersList().stream().filter(c -> ofContainer(pod, c).isPresent()).map(PodContainer::getName)
        .collect(Collectors.toUnmodifiableSet());
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
