package io.mooring.gateway.events;

import java.nio.charset.StandardCharsets;

/**
 * Bytes of an event stream exactly as Marathon (Jetty's event source) writes them: {@code event: <type>}, one
 * {@code data: <json>} line and a blank line, each ended by CRLF; a heartbeat is a bare CRLF. Clients depend on it:
 * marathon-lb splits on CRLF and keeps lines that start with {@code "data: "}.
 */
record SseFrame(byte[] bytes) {
  static final SseFrame HEARTBEAT = new SseFrame("\r\n".getBytes(StandardCharsets.UTF_8));

  /** {@code json} is one line, as Jackson writes it. */
  static SseFrame of(String type, String json) {
    return new SseFrame(("event: " + type + "\r\ndata: " + json + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
  }
}
