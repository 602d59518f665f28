package io.mooring.gateway.client;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Mesos agent's files API ({@code /files/read}, {@code /files/browse}) over HTTP, asynchronous: no gateway thread
 * waits for an agent. One deadline bounds an exchange, body included, and a body past {@link #MAX_BODY} is refused.
 */
@Singleton
public class AgentFilesClient {
  /** A read of 1 MiB with every byte escaped in six characters stays below; Mesos sends at most 64 KiB. */
  static final int MAX_BODY = 8 * 1024 * 1024;

  /** What the agent answered. */
  public record Answer(int status, byte[] body) {}

  private final HttpClient http;
  private final Duration timeout;

  public AgentFilesClient(@Value("${mooring.gateway.agent-timeout:5s}") Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // libprocess speaks HTTP/1.1; no h2c upgrade attempt
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * GET {@code <agentUrl><endpoint>?<query>}. Fails with the I/O error when the agent cannot be reached, with a
   * {@link java.util.concurrent.TimeoutException} past the deadline, and with {@link BoundedBody.TooLarge}.
   */
  public CompletableFuture<Answer> get(String agentUrl, String endpoint, Map<String, String> query) {
    String encoded = query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(agentUrl + endpoint + "?" + encoded))
        .timeout(timeout).header("Accept", "application/json").GET().build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, info -> new BoundedBody(MAX_BODY));
    return exchange.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((response, failure) -> {
          if (failure != null) exchange.cancel(true); // a slow body is abandoned, not read on
        })
        .thenApply(response -> new Answer(response.statusCode(), response.body()));
  }
}
