package io.mooring.gateway.events;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;

/** Writes {@link SseFrame}s as they are: Micronaut's own event writer frames with LF and its own field order. */
@Singleton
@Produces(MediaType.TEXT_EVENT_STREAM)
public class SseFrameWriter implements MessageBodyWriter<SseFrame> {
  @Override
  public void writeTo(Argument<SseFrame> type, MediaType mediaType, SseFrame frame, MutableHeaders headers,
      OutputStream out) throws CodecException {
    try {
      out.write(frame.bytes());
    } catch (IOException e) {
      throw new CodecException("cannot write an event", e);
    }
  }
}
