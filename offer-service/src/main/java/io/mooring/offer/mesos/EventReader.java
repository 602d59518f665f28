package io.mooring.offer.mesos;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import io.mooring.mesos.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Decodes the RecordIO event stream of a subscription, in whichever encoding the master answered with. */
final class EventReader {
  /** Offers of a big cluster come in one event; this is far above any real one. */
  private static final int MAX_EVENT_BYTES = 64 * 1024 * 1024;

  private final RecordIo.Reader records;
  private final boolean json;

  EventReader(InputStream in, String contentType) {
    this.records = new RecordIo.Reader(in, MAX_EVENT_BYTES);
    this.json = MediaTypes.JSON.equals(contentType); // we ask for protobuf; JSON only if a proxy insists
  }

  /** The next event, or null when the master ended the stream. A broken stream or record throws. */
  Event next() throws IOException {
    byte[] record = records.next();
    if (record == null) return null;
    if (!json) return Event.parseFrom(record);
    try {
      return MesosJson.parse(new String(record, StandardCharsets.UTF_8), Event.getDefaultInstance());
    } catch (MesosJson.ParseException e) {
      throw new IOException("undecodable event: " + e.getMessage(), e);
    }
  }
}
