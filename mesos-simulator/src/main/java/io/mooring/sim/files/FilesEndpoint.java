package io.mooring.sim.files;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's {@code /files/read} and {@code /files/browse} (Mesos' FilesProcess). Like libprocess it takes any method
 * and reads only the query: pairs split on {@code &} or {@code ;}, {@code +} and {@code %XX} decoded, the last value
 * of a repeated key winning.
 */
final class FilesEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(FilesEndpoint.class);
  private static final int MAX_QUERY = 16 * 1024;

  private final SandboxPaths paths;

  FilesEndpoint(SandboxPaths paths) {
    this.paths = paths;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String route = exchange.getRequestURI().getPath();
    log.debug("HTTP {} for {}{} from {}", exchange.getRequestMethod(), route,
        exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery(),
        exchange.getRemoteAddress());
    try {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      byte[] body = switch (route) {
        case "/files/read" -> FileReads.read(paths, query);
        case "/files/browse" -> Listings.browse(paths, query);
        default -> throw FilesException.notFound();
      };
      send(exchange, 200, "application/json", body);
    } catch (FilesException e) {
      send(exchange, e.status(), "text/plain; charset=utf-8", e.body().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      log.warn("files API request {} failed", exchange.getRequestURI(), e);
      send(exchange, 500, "text/plain; charset=utf-8", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
    }
  }

  static Map<String, String> query(String raw) throws FilesException {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) return query;
    if (raw.length() > MAX_QUERY) throw FilesException.badRequest("Query string over " + MAX_QUERY + " bytes\n");
    for (String token : raw.split("[;&]")) {
      if (token.isEmpty()) continue;
      int equals = token.indexOf('=');
      try {
        String key = URLDecoder.decode(equals < 0 ? token : token.substring(0, equals), StandardCharsets.UTF_8);
        query.put(key, equals < 0 ? "" : URLDecoder.decode(token.substring(equals + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw FilesException.badRequest("Unable to decode query string: " + e.getMessage() + "\n");
      }
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
