package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.RunSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthChecksTest {
  /** A container with endpoint "http" (no container port) and "admin" (container port 8080). */
  private static PodContainer container(String healthCheck) throws Exception {
    PodContainer.Builder container = PodContainer.newBuilder().setName("web")
        .addEndpoints(Endpoint.newBuilder().setName("http"))
        .addEndpoints(Endpoint.newBuilder().setName("admin").setContainerPort(8080));
    if (!healthCheck.isEmpty()) {
      container.setHealthCheck(struct(healthCheck));
    }
    return container.build();
  }

  private static Struct struct(String json) throws Exception {
    Struct.Builder struct = Struct.newBuilder();
    JsonFormat.parser().merge(json, struct);
    return struct.build();
  }

  private static Pod pod(String network, PodContainer... containers) {
    return Pod.newBuilder().setId("/p").addNetworks(Network.newBuilder().setMode(network))
        .addAllContainers(List.of(containers)).build();
  }

  /** Which checks Mesos can run, hence count: one kind, an endpoint with a port Mesos probes, a command. */
  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"http\": {\"endpoint\": \"http\"}}                          | host      | HTTP",
      "{\"tcp\": {\"endpoint\": \"admin\"}}                          | host      | TCP",
      "{\"exec\": {\"command\": {\"shell\": \"true\"}}}               | host      | EXEC",
      "{\"exec\": {\"command\": {\"argv\": [\"/bin/true\"]}}}         | container | EXEC",
      "{\"tcp\": {\"endpoint\": \"admin\"}}                          | container | TCP",
      "{\"http\": {\"endpoint\": \"http\"}}                          | container | -",
      "{\"http\": {\"endpoint\": \"nope\"}}                          | host      | -",
      "{\"tcp\": {}}                                                 | host      | -",
      "{\"exec\": {\"command\": {\"shell\": \"\"}}}                   | host      | -",
      "{\"exec\": {\"command\": {}}}                                 | host      | -",
      "{\"exec\": {\"command\": {\"shell\": \"\", \"argv\": [\"/bin/true\"]}}} | host | EXEC",
      "{\"tcp\": {\"endpoint\": \"http\"}, \"exec\": {\"command\": {\"shell\": \"true\"}}} | host | -",
      "{\"gracePeriodSeconds\": 5}                                   | host      | -",
      "''                                                            | host      | -"})
  void aContainerCheckCountsOnlyIfMesosCanRunIt(String json, String network, String kind) throws Exception {
    PodContainer container = container(json);
    Pod pod = pod(network, container);

    assertEquals(kind.equals("-") ? Optional.empty() : Optional.of(HealthChecks.ContainerCheck.Kind.valueOf(kind)),
        HealthChecks.ofContainer(pod, container).flatMap(HealthChecks.ContainerCheck::kind));
    assertEquals(!kind.equals("-"), HealthChecks.reported(RunSpec.newBuilder().setPod(pod).build()));
  }

  /** Marathon's pod defaults (healthCheck.raml) for what the JSON leaves out, and what it gives. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"tcp\": {\"endpoint\": \"http\"}} | 300 60 20 3 15 | HTTP | ",
      "{\"http\": {\"endpoint\": \"http\", \"path\": \"/ping\", \"scheme\": \"HTTPS\"}, \"gracePeriodSeconds\": 1,"
          + " \"intervalSeconds\": 2, \"timeoutSeconds\": 3, \"maxConsecutiveFailures\": 4, \"delaySeconds\": 0}"
          + " | 1 2 3 4 0 | HTTPS | /ping"})
  void readsTimingsSchemeAndPath(String json, String timings, String scheme, String path) throws Exception {
    HealthChecks.ContainerCheck check = new HealthChecks.ContainerCheck(struct(json));

    assertEquals(timings, check.gracePeriodSeconds() + " " + check.intervalSeconds() + " " + check.timeoutSeconds()
        + " " + check.maxConsecutiveFailures() + " " + check.delaySeconds());
    assertEquals(scheme, check.https() ? "HTTPS" : "HTTP");
    assertEquals(Optional.ofNullable(path), check.path());
  }

  /** A pod's tasks report health by container; an app's all or none. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "p.instance-1.web.1,    true",
      "p.instance-1.web,      true",
      "p.instance-1.sidecar.1, false",
      "p.instance-1._app.1,   false",
      "stray,                 false"})
  void aPodsTasksReportHealthByContainer(String taskId, boolean reported) throws Exception {
    Pod pod = pod("host", container("{\"exec\": {\"command\": {\"shell\": \"true\"}}}"),
        PodContainer.newBuilder().setName("sidecar").build());

    assertEquals(reported, HealthChecks.reportedBy(RunSpec.newBuilder().setPod(pod).build()).test(taskId));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"MESOS_TCP, true", "TCP, true", "(none), false"})
  void anAppsTasksAllReportHealthWhenItHasACheck(String protocol, boolean reported) throws Exception {
    App.Builder app = App.newBuilder().setId("/a");
    if (!protocol.equals("(none)")) {
      app.addHealthChecks(struct("{\"protocol\": \"" + protocol + "\"}"));
    }

    RunSpec spec = RunSpec.newBuilder().setApp(app).build();

    assertEquals(reported, HealthChecks.reportedBy(spec).test("a.instance-1._app.1"));
  }
}
