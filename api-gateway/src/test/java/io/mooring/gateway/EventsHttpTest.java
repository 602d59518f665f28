package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.events.EventBus;
import io.mooring.gateway.json.MarathonJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code /v2/events} on the wire, as Marathon's clients parse it, and its bound on slow clients. */
class EventsHttpTest extends LiveGatewayTest {
  @Test
  void eventsAreFramedAsMarathonFramesThemWithCrlfAndOneDataLine() throws Exception {
    try (Socket socket = open("/v2/events")) {
      String head = readUntil(socket, "event_stream_attached");
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      assertTrue(head.toLowerCase().contains("content-type: text/event-stream"), head);
      gateway.post("/v2/apps", "{\"id\": \"/sse/framed\", \"cmd\": \"sleep 1\"}");
      String body = readUntil(socket, "group_change_success\r\ndata: ");
      int at = body.indexOf("event: api_post_event\r\ndata: {");
      assertTrue(at >= 0, body);
      String line = body.substring(at + "event: api_post_event\r\ndata: ".length());
      String json = line.substring(0, line.indexOf("\r\n"));
      ObjectNode event = (ObjectNode) MarathonJson.MAPPER.readTree(json);
      assertEquals("api_post_event", event.path("eventType").asText());
      assertEquals("/v2/apps", event.path("uri").asText());
      assertEquals("/sse/framed", event.path("appDefinition").path("id").asText());
      assertTrue(line.substring(json.length()).startsWith("\r\n\r\n"), "a blank line ends each event");
    }
  }

  /**
   * As on Marathon's event bus, a client's attachment and detachment are news to every client; each comes from an
   * address of its own, so that a late detachment of another test's client cannot pass for its.
   */
  @Test
  void clientsSeeOthersAttachAndDetach() throws Exception {
    try (Socket watcher = open("/v2/events?event_type=event_stream_attached&event_type=event_stream_detached")) {
      readUntil(watcher, "event: event_stream_attached");
      try (Socket other = open("/v2/events?event_type=probe_event", "127.0.0.2")) {
        readUntil(other, "HTTP/1.1 200");  // its own attachment is not among the events it asked for
        readUntil(watcher, seen -> from(seen, "event_stream_attached", "127.0.0.2").isPresent());
      }
      String seen = readUntil(watcher, text -> from(text, "event_stream_detached", "127.0.0.2").isPresent());
      ObjectNode detached = from(seen, "event_stream_detached", "127.0.0.2").orElseThrow();
      assertTrue(detached.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), detached.toString());
    }
  }

  @Test
  void aClientThatStopsReadingIsDroppedAndTheOthersKeepGettingEvents() throws Exception {
    EventBus bus = gateway.context().getBean(EventBus.class);
    try (Socket slow = open("/v2/events", "127.0.0.3");
        Socket fast = open("/v2/events?event_type=probe_event&event_type=event_stream_detached"
            + "&event_type=event_stream_attached")) {
      readUntil(slow, "event_stream_attached");
      readUntil(fast, "event_stream_attached");  // both are counted from here on
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      ObjectNode big = MarathonJson.MAPPER.createObjectNode().put("eventType", "filler_event")
          .put("padding", "x".repeat(16 * 1024));
      int clients = bus.clients();
      while (bus.clients() == clients && Instant.now().isBefore(deadline)) {
        bus.publish(List.of(big));  // 16 KiB each: the slow client's socket fills, then its queue
      }
      assertEquals(clients - 1, bus.clients(), "the slow client was dropped");
      bus.publish(List.of(MarathonJson.MAPPER.createObjectNode().put("eventType", "probe_event")));
      String seen = readUntil(fast, "event: probe_event");
      assertTrue(from(seen, "event_stream_detached", "127.0.0.3").isPresent(),
          "the others learn that the slow client was dropped: " + seen);
    }
  }

  private Socket open(String path) throws Exception {
    return open(path, "127.0.0.1");
  }

  /** A client connecting from {@code localAddress} (any 127/8 address is this host's). */
  private Socket open(String path, String localAddress) throws Exception {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** The first whole event of this type about a client at {@code remoteAddress} in what was read. */
  private static Optional<ObjectNode> from(String seen, String type, String remoteAddress) {
    String marker = "event: " + type + "\r\ndata: ";
    for (int at = seen.indexOf(marker); at >= 0; at = seen.indexOf(marker, at + 1)) {
      String rest = seen.substring(at + marker.length());
      if (!rest.contains("\r\n")) {
        break;  // not all of it arrived yet
      }
      try {
        ObjectNode event = (ObjectNode) MarathonJson.MAPPER.readTree(rest.substring(0, rest.indexOf("\r\n")));
        if (event.path("remoteAddress").asText().equals(remoteAddress)) {
          return Optional.of(event);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.empty();
  }

  /** What the socket delivers until {@code marker} has arrived. */
  private static String readUntil(Socket socket, String marker) throws Exception {
    return readUntil(socket, seen -> seen.contains(marker));
  }

  /**
   * What the socket delivers until it is {@code enough}; within 20 s (and a heartbeat: each read waits for one), as
   * heartbeats alone would keep a socket timeout from ever firing.
   */
  private static String readUntil(Socket socket, Predicate<String> enough) throws Exception {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!enough.test(seen.toString(StandardCharsets.UTF_8))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not there after 20 s: " + seen);
      }
      int read = in.read(buffer);
      if (read < 0) {
        throw new AssertionError("the stream ended too early: " + seen);
      }
      seen.write(buffer, 0, read);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }
}
