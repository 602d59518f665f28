package io.mooring.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import io.mooring.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as real processes: the Mesos simulator (3 agents, tasks really run), definition-service,
 * reservation-service, offer-service, volume-gc-service and api-gateway on etcd from the extension, with HTTP
 * clients for the gateway and the simulator's ground truth (and its operator API).
 */
final class Stack implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of(System.getProperty("mooring.root", ".."));

  final ServiceProcess simulator;
  final ServiceProcess definitionService;
  final ServiceProcess reservationService;
  final ServiceProcess offerService;
  final ServiceProcess gcService;
  final ServiceProcess gateway;
  final Path home;
  private final Map<String, String> serviceEnvironment;
  private final int httpPort;
  private final int mesosPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Garbage collected every second; orphans, and what an agent unknown to the master held, after 5 s. */
  Stack(String etcdEndpoint) throws IOException {
    this(etcdEndpoint, Map.of());
  }

  /** @param settings more environment for every service, e.g. {@code MOORING_GC_ORPHAN_GRACE} */
  Stack(String etcdEndpoint, Map<String, String> settings) throws IOException {
    home = Files.createTempDirectory("mooring-stack-");
    mesosPort = Ports.free();
    int definitionPort = Ports.free();
    int reservationPort = Ports.free();
    int offerPort = Ports.free();
    int gcPort = Ports.free();
    httpPort = Ports.free();
    simulator = ServiceProcess.start(ROOT, "mesos-simulator", mesosPort, Map.of(), List.of(
        "--port=" + mesosPort, "--home=" + home, "--allocation-interval=200ms", "--heartbeat-interval=2s"));
    Map<String, String> environment = new HashMap<>(Map.of(
        "MOORING_ETCD_ENDPOINTS", etcdEndpoint,
        "MOORING_ETCD_NAMESPACE", EtcdExtension.newNamespace(),
        "MOORING_MESOS_MASTER", "http://127.0.0.1:" + mesosPort,
        "MOORING_DEFINITION_ADDRESS", "127.0.0.1:" + definitionPort,
        "MOORING_RESERVATION_ADDRESS", "127.0.0.1:" + reservationPort,
        "MOORING_OFFER_ADDRESS", "127.0.0.1:" + offerPort,
        "MOORING_GC_ADDRESS", "127.0.0.1:" + gcPort,
        "MOORING_GC_INTERVAL", "1s",
        "MOORING_GC_ORPHAN_GRACE", "5s",
        "MOORING_GC_ABSENT_AGENT_GRACE", "5s"));
    environment.putAll(settings);
    serviceEnvironment = Map.copyOf(environment);
    definitionService = service("definition-service", definitionPort, "MOORING_DEFINITION_PORT");
    reservationService = service("reservation-service", reservationPort, "MOORING_RESERVATION_PORT");
    offerService = service("offer-service", offerPort, "MOORING_OFFER_PORT");
    gcService = service("volume-gc-service", gcPort, "MOORING_GC_PORT");
    gateway = service("api-gateway", httpPort, "MOORING_HTTP_PORT");
  }

  /** Another offer-service process on the same etcd and Mesos: it campaigns for leadership. */
  ServiceProcess anotherOfferService() throws IOException {
    return service("offer-service", Ports.free(), "MOORING_OFFER_PORT");
  }

  private ServiceProcess service(String name, int port, String portVariable) throws IOException {
    Map<String, String> environment = new HashMap<>(serviceEnvironment);
    environment.put(portVariable, String.valueOf(port));
    return ServiceProcess.start(ROOT, name, port, environment);
  }

  /** The last lines of every process's log, for a failed test's report. */
  String diagnostics() {
    StringBuilder out = new StringBuilder();
    List<ServiceProcess> processes = List.of(simulator, definitionService, reservationService, offerService,
        gcService, gateway);
    List<String> names = List.of("mesos-simulator", "definition-service", "reservation-service", "offer-service",
        "volume-gc-service", "api-gateway");
    for (int i = 0; i < processes.size(); i++) {
      try {
        List<String> lines = processes.get(i).log().lines().toList();
        out.append("==== ").append(names.get(i)).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))).append('\n');
      } catch (IOException e) {
        out.append("==== ").append(names.get(i)).append(": no log (").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  /** A fault injected through the simulator's control API, e.g. {@code /sim/tasks/<id>/fail}. */
  void simulate(String path) throws IOException, InterruptedException {
    simulate(path, "{}");
  }

  /** The same with a body, e.g. {@code {"new_id": true}} for an agent restart; answers the simulator's JSON. */
  JsonNode simulate(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mesosPort + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  /** A call of the master's operator API ({@code POST /api/v1}) in JSON, as an operator would make it. */
  Response operator(String call) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + mesosPort + "/api/v1")).POST(HttpRequest.BodyPublishers.ofString(call))
        .header("Content-Type", "application/json").header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response.headers().map());
  }

  /** The simulator's ground truth, shaped like Mesos' /master/state. */
  JsonNode masterState() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + mesosPort + "/master/state")).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Response post(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json"));
  }

  Response put(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json"));
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /** The gateway's address for {@code path}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response.headers().map());
  }

  @Override
  public void close() throws Exception {
    for (ServiceProcess process : List.of(gateway, gcService, offerService, reservationService, definitionService,
        simulator)) {
      process.close();
    }
    try (var paths = Files.walk(home)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  record Response(int status, String body, Map<String, List<String>> headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }
}
