package io.mooring.reservation.engine;

import io.mooring.reservation.core.Probing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs one probe without blocking a thread on it: an HTTP(S) GET answered with a passing status, or a TCP connection
 * accepted, within the check's timeout. HTTPS certificates are not verified, as Marathon does not verify them.
 */
final class Probes implements AutoCloseable {
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread thread = new Thread(r, "probes");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder().executor(executor).sslContext(trustingEveryone())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  CompletableFuture<Boolean> probe(Probing.Target target) {
    Duration timeout = Duration.ofSeconds(Math.max(1, target.timeoutSeconds()));
    if (target.protocol().equals("TCP")) {
      return connects(new InetSocketAddress(target.host(), target.port()), timeout);
    }
    String scheme = target.protocol().equals("HTTPS") ? "https" : "http";
    String path = target.path().startsWith("/") ? target.path() : "/" + target.path();
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(scheme + "://" + target.host() + ":" + target.port() + path))
          .timeout(timeout).GET().build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(false);  // a path that makes no URI never passes
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> Probing.passes(target, response.statusCode()))
        .exceptionally(error -> false);
  }

  private static CompletableFuture<Boolean> connects(InetSocketAddress address, Duration timeout) {
    CompletableFuture<Boolean> connected = new CompletableFuture<>();
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      return CompletableFuture.completedFuture(false);
    }
    channel.connect(address, null, new CompletionHandler<Void, Void>() {
      @Override
      public void completed(Void result, Void attachment) {
        connected.complete(true);
      }

      @Override
      public void failed(Throwable error, Void attachment) {
        connected.complete(false);
      }
    });
    return connected.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, e) -> {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a probe's socket cannot fail in a way that matters
      }
    });
  }

  private static SSLContext trustingEveryone() {
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
