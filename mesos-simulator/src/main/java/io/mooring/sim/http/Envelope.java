package io.mooring.sim.http;

import com.sun.net.httpserver.HttpExchange;
import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.protobuf.InvalidProtocolBufferException;
import org.apache.mesos.protobuf.Message;

/**
 * The request envelope both Mesos APIs share: POST only (405), Content-Type present (400) and exactly one of the two
 * media types (415), a body that parses into the call (400); responses encoded per the Accept header.
 */
final class Envelope<T extends Message> {
  final T call;
  final MediaTypes.Encoding requestEncoding;

  private Envelope(T call, MediaTypes.Encoding requestEncoding) {
    this.call = call;
    this.requestEncoding = requestEncoding;
  }

  /** Reads the call, or answers the error and returns null. */
  static <T extends Message> Envelope<T> read(HttpExchange exchange, T prototype, String what) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      Exchanges.text(exchange, 405, "Expecting a 'POST' request, received '" + exchange.getRequestMethod() + "'");
      return null;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null) {
      Exchanges.text(exchange, 400, "Expecting 'Content-Type' to be present");
      return null;
    }
    MediaTypes.Encoding encoding = MediaTypes.ofContentType(contentType).orElse(null);
    if (encoding == null) {
      Exchanges.text(exchange, 415, "Expecting 'Content-Type' of " + MediaTypes.JSON + " or " + MediaTypes.PROTOBUF);
      return null;
    }
    byte[] body = Exchanges.body(exchange);
    try {
      return new Envelope<>(parse(body, encoding, prototype), encoding);
    } catch (MesosJson.ParseException | InvalidProtocolBufferException e) {
      Exchanges.text(exchange, 400, "Failed to parse body into " + what + ": " + e.getMessage());
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T parse(byte[] body, MediaTypes.Encoding encoding, T prototype)
      throws MesosJson.ParseException, InvalidProtocolBufferException {
    if (encoding == MediaTypes.Encoding.JSON) return MesosJson.parse(new String(body, StandardCharsets.UTF_8), prototype);
    T parsed = (T) prototype.getParserForType().parsePartialFrom(body);
    if (!parsed.isInitialized()) {
      throw new InvalidProtocolBufferException("Not initialized: " + parsed.findInitializationErrors());
    }
    return parsed;
  }

  /** The negotiated response encoding, or null after answering 406. */
  static MediaTypes.Encoding accept(HttpExchange exchange) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    MediaTypes.Encoding encoding = MediaTypes.negotiate(accept).orElse(null);
    if (encoding == null) {
      Exchanges.text(exchange, 406, "Expecting 'Accept' to allow " + MediaTypes.JSON + " or " + MediaTypes.PROTOBUF);
    }
    return encoding;
  }

  static byte[] encode(Message message, MediaTypes.Encoding encoding) {
    return encoding == MediaTypes.Encoding.JSON ? MesosJson.print(message).getBytes(StandardCharsets.UTF_8)
        : message.toByteArray();
  }
}
