package io.mooring.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One event as SSE clients receive it: its {@code eventType}, and its frame, rendered once for every client. */
record MarathonEvent(String type, SseFrame frame) {
  static MarathonEvent of(ObjectNode event) {
    String type = event.path("eventType").asText();
    return new MarathonEvent(type, SseFrame.of(type, event.toString()));
  }
}
