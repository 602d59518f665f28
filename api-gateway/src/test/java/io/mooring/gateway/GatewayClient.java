package io.mooring.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mooring.testkit.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A gateway started in-process on a free port, and a plain HTTP client for it. */
public final class GatewayClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddedServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One HTTP answer: status, headers, the raw body and, when it is JSON, its tree. */
  public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  /**
   * The gateway as GatewayMain runs it (environment api-gateway) on a free port, calling definition-service.
   * reservation-service, offer-service and volume-gc-service are where {@code extra} says, else at addresses where
   * nothing listens.
   */
  public GatewayClient(String definitionAddress, Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(Map.of(
        "micronaut.server.port", -1,
        "grpc.channels.definition.address", definitionAddress,
        "grpc.channels.reservation.address", "127.0.0.1:" + Ports.free(),
        "grpc.channels.offer.address", "127.0.0.1:" + Ports.free(),
        "grpc.channels.gc.address", "127.0.0.1:" + Ports.free()));
    properties.putAll(extra);
    server = ApplicationContext.run(EmbeddedServer.class, properties, "api-gateway");
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  public int port() {
    return server.getPort();
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  /** A GET that asks for {@code accept}. */
  public Reply get(String path, String accept) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET(), "GET " + path);
  }

  public Reply post(String path, String body) {
    return send("POST", path, body);
  }

  public Reply put(String path, String body) {
    return send("PUT", path, body);
  }

  public Reply patch(String path, String body) {
    return send("PATCH", path, body);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  public Reply send(String method, String path, String body) {
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)), method + " " + path);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  private Reply send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
          BodyHandlers.ofString());
      return new Reply(response.statusCode(), response, parse(response));
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(HttpResponse<String> response) throws IOException {
    boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    return json && !response.body().isEmpty() ? JSON.readTree(response.body()) : MissingNode.getInstance();
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }
}
