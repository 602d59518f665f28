package io.mooring.sim.http;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import io.mooring.mesos.RecordIo;
import io.mooring.sim.master.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A subscriber's RecordIO stream. The master enqueues without blocking; the HTTP thread that owns the response
 * encodes and writes, flushing when the queue runs dry so a burst of events shares one chunk.
 */
final class EventStream implements EventSink {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final MediaTypes.Encoding encoding;

  EventStream(MediaTypes.Encoding encoding) {
    this.encoding = encoding;
  }

  @Override
  public void send(Event event) {
    queue.add(event);
  }

  @Override
  public void close() {
    queue.add(END);
  }

  /** Writes events until the stream is closed; an IOException means the client is gone. */
  void pump(OutputStream out) throws IOException, InterruptedException {
    while (true) {
      Object next = queue.take();
      if (next == END) return;
      Event event = (Event) next;
      byte[] record = encoding == MediaTypes.Encoding.JSON
          ? MesosJson.print(event).getBytes(StandardCharsets.UTF_8) : event.toByteArray();
      out.write(RecordIo.frame(record));
      if (queue.isEmpty()) out.flush();
    }
  }
}
