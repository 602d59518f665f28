package io.mooring.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A plain server-sent events client, as Marathon's clients are: reads {@code event:} and {@code data:} lines off one
 * long GET and keeps every event it received, in order.
 */
final class SseClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its name (the {@code event:} line) and its data, parsed. */
  record Received(String name, JsonNode data) {}

  private final List<Received> received = new ArrayList<>();
  private final InputStream body;
  private final Thread reader;
  final int status;
  final String contentType;

  SseClient(URI uri) throws Exception {
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    status = response.statusCode();
    contentType = response.headers().firstValue("Content-Type").orElse("");
    body = response.body();
    reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            Received event = new Received(name, JSON.readTree(data.toString()));
            synchronized (received) {
              received.add(event);
            }
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
        }
      }
    } catch (Exception e) {
      // the stream ended
    }
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The first event named {@code name} whose data passes {@code test}, waiting up to {@code timeout} for it. */
  JsonNode await(String name, Predicate<JsonNode> test, Duration timeout) throws Exception {
    return Moorings.await(name, timeout, () -> received().stream()
        .filter(event -> event.name().equals(name) && test.test(event.data())).map(Received::data).findFirst());
  }

  Optional<Received> first(String name) {
    return received().stream().filter(event -> event.name().equals(name)).findFirst();
  }

  @Override
  public void close() throws Exception {
    body.close();
    reader.join(5000);
  }
}
