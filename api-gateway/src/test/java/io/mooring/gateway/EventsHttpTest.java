package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.events.EventBus;
import io.mooring.gateway.json.MarathonJson;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  @Test
  void aClientThatStopsReadingIsDroppedAndTheOthersKeepGettingEvents() throws Exception {
    EventBus bus = gateway.context().getBean(EventBus.class);
    try (Socket slow = open("/v2/events"); Socket fast = open("/v2/events?event_type=probe_event")) {
      readUntil(slow, "event_stream_attached");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      ObjectNode big = MarathonJson.MAPPER.createObjectNode().put("eventType", "filler_event")
          .put("padding", "x".repeat(16 * 1024));
      int clients = bus.clients();
      while (bus.clients() == clients && Instant.now().isBefore(deadline)) {
        bus.publish(List.of(big));  // 16 KiB each: the slow client's socket fills, then its queue
      }
      assertEquals(clients - 1, bus.clients(), "the slow client was dropped");
      bus.publish(List.of(MarathonJson.MAPPER.createObjectNode().put("eventType", "probe_event")));
      readUntil(fast, "event: probe_event");
    }
  }

  private Socket open(String path) throws Exception {
    Socket socket = new Socket("127.0.0.1", gateway.port());
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** What the socket delivers until {@code marker} has arrived. */
  private static String readUntil(Socket socket, String marker) throws Exception {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
      int read = in.read(buffer);
      if (read < 0) {
        throw new AssertionError("the stream ended before " + marker + ": " + seen);
      }
      seen.write(buffer, 0, read);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }
}
