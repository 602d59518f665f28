package io.mooring.mesos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST {@code /api/v1}, protobuf both ways, following 307s to the leading master. HTTP/1.1, as Mesos speaks it (no
 * h2c upgrade attempt). One deadline bounds a whole call, redirects and response body included: a request timeout
 * alone stops counting once the headers have arrived. Thread-safe.
 */
public final class OperatorHttp {
  private static final Logger log = LoggerFactory.getLogger(OperatorHttp.class);
  /** Redirects and fallbacks per call; more means masters point at each other while an election runs. */
  public static final int MAX_HOPS = 3;

  private final OperatorLeader leader;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient client;

  /** @param secret "" sends no basic auth */
  public OperatorHttp(OperatorLeader leader, String principal, String secret, Duration timeout) {
    this.leader = leader;
    this.authorization = secret.isEmpty() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER) // a 307 names the leader to remember: handled here
        .build();
  }

  /** The answer of the leader, or the last 307 when no leader was found within {@link #MAX_HOPS}. */
  public HttpResponse<byte[]> post(Call call) throws IOException, InterruptedException {
    byte[] body = call.toByteArray();
    long deadline = System.nanoTime() + timeout.toNanos();
    URI endpoint = leader.current();
    for (int hop = 0; ; hop++) {
      HttpResponse<byte[]> response;
      try {
        response = exchange(endpoint, body, deadline);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        // nothing was sent, so even a write may go to the configured master, which knows the new leader
        if (endpoint.equals(leader.configured()) || hop >= MAX_HOPS) throw e;
        log.info("Mesos leader {} unreachable ({}); asking {}", endpoint, describe(e), leader.configured());
        leader.forget(endpoint);
        endpoint = leader.configured();
        continue;
      }
      Optional<String> location = response.headers().firstValue("Location");
      if (response.statusCode() != 307 || location.isEmpty() || hop >= MAX_HOPS) return response;
      URI next = leader.redirect(endpoint, location.get());
      log.info("Mesos master {} is not the leader; redirected to {}", endpoint, next);
      endpoint = next;
    }
  }

  public URI endpoint() {
    return leader.current();
  }

  private HttpResponse<byte[]> exchange(URI endpoint, byte[] body, long deadline)
      throws IOException, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) throw new HttpTimeoutException("no answer within " + timeout);
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", MediaTypes.PROTOBUF) // compared by exact string equality: no charset
        .header("Accept", MediaTypes.PROTOBUF)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) request.header("Authorization", authorization);
    CompletableFuture<HttpResponse<byte[]>> response =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      return response.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new HttpTimeoutException("no answer within " + timeout);
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException(e.getCause());
    }
  }

  /** An I/O failure for a log line; the JDK's often have no message of their own. */
  public static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
