package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import io.mooring.mesos.RecordIo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class EventReaderTest {
  private static final Event HEARTBEAT = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  private static final Event ERROR = Event.newBuilder().setType(Event.Type.ERROR)
      .setError(Event.Error.newBuilder().setMessage("Framework has been removed")).build();

  @Test
  void readsProtobufEventsUntilTheEnd() throws IOException {
    EventReader reader = reader(MediaTypes.PROTOBUF, RecordIo.concat(HEARTBEAT.toByteArray(), ERROR.toByteArray()));

    assertEquals(HEARTBEAT, reader.next());
    assertEquals(ERROR, reader.next());
    assertNull(reader.next());
  }

  @Test
  void readsJsonEventsWhenTheMasterAnswersJson() throws IOException {
    EventReader reader = reader(MediaTypes.JSON, RecordIo.concat(MesosJson.print(ERROR).getBytes(StandardCharsets.UTF_8)));

    assertEquals(ERROR, reader.next());
  }

  @Test
  void aTruncatedRecordIsABrokenStream() {
    byte[] whole = RecordIo.concat(ERROR.toByteArray());
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);

    assertThrows(IOException.class, () -> reader(MediaTypes.PROTOBUF, cut).next());
  }

  private static EventReader reader(String contentType, byte[] stream) {
    return new EventReader(new ByteArrayInputStream(stream), contentType);
  }
}
