package io.mooring.sim.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for the JDK HTTP server. */
final class Exchanges {
  /** Bodies larger than this are refused; Mesos calls are small and offers flow the other way. */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private Exchanges() {}

  static byte[] body(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
    return body;
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  static void text(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, message.isEmpty() ? null : "text/plain; charset=utf-8",
        message.getBytes(StandardCharsets.UTF_8));
  }

  static void json(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A non-leading master answers 307 with a protocol-relative Location to the leader (http.cpp redirect). */
  static boolean redirected(HttpExchange exchange, io.mooring.sim.master.Master master, String path)
      throws IOException {
    String leader = master.redirectTo();
    if (leader == null) return false;
    exchange.getResponseHeaders().set("Location", "//" + leader + path);
    text(exchange, 307, "");
    return true;
  }

  static void pause(long millis) {
    if (millis <= 0) return;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
