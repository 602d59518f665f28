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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** etcd (from the extension) + definition-service + api-gateway as real processes, and an HTTP client for them. */
final class Stack implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of(System.getProperty("mooring.root", ".."));

  final ServiceProcess definitionService;
  final ServiceProcess gateway;
  private final int httpPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Stack(String etcdEndpoint) throws IOException {
    String namespace = EtcdExtension.newNamespace();
    int grpcPort = Ports.free();
    httpPort = Ports.free();
    definitionService = ServiceProcess.start(ROOT, "definition-service", grpcPort, Map.of(
        "MOORING_DEFINITION_PORT", String.valueOf(grpcPort),
        "MOORING_ETCD_ENDPOINTS", etcdEndpoint,
        "MOORING_ETCD_NAMESPACE", namespace));
    gateway = ServiceProcess.start(ROOT, "api-gateway", httpPort, Map.of(
        "MOORING_HTTP_PORT", String.valueOf(httpPort),
        "MOORING_DEFINITION_ADDRESS", "127.0.0.1:" + grpcPort));
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

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body(), response.headers().map());
  }

  @Override
  public void close() throws Exception {
    gateway.close();
    definitionService.close();
  }

  record Response(int status, String body, Map<String, java.util.List<String>> headers) {
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
