package io.mooring.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.StringValue;
import io.grpc.Status;
import io.mooring.testkit.RecordingCall;
import org.junit.jupiter.api.Test;

class ServedWatchTest {
  private static final StringValue KIB = StringValue.of("x".repeat(1021));  // 1,024 bytes serialised

  @Test
  void aWatcherWithRoomGetsEverything() {
    RecordingCall<StringValue> call = new RecordingCall<>();
    ServedWatch<StringValue> stream = ServedWatch.on(call, 4096);
    for (int i = 0; i < 100; i++) {
      stream.send(KIB);
    }
    assertEquals(100, call.take().size());
    assertNull(call.error());
  }

  @Test
  void aWatcherWithoutRoomIsCutOffOnceItsBacklogPassesTheBoundAndGetsNothingMore() {
    RecordingCall<StringValue> call = new RecordingCall<>();
    ServedWatch<StringValue> stream = ServedWatch.on(call, 4096);
    call.ready(false);
    for (int i = 0; i < 10; i++) {
      stream.send(KIB);
    }
    assertEquals(4, call.take().size(), "4 KiB queued, the fifth passes the bound");
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(call.error()).getCode());
    call.ready(true);
    stream.send(KIB);
    assertEquals(0, call.take().size(), "an ended stream sends nothing");
  }

  @Test
  void roomAgainStartsTheBacklogAfresh() {
    RecordingCall<StringValue> call = new RecordingCall<>();
    ServedWatch<StringValue> stream = ServedWatch.on(call, 4096);
    call.ready(false);
    for (int i = 0; i < 3; i++) {
      stream.send(KIB);
    }
    call.ready(true);   // the transport had room for a moment: the backlog starts again from nothing
    call.ready(false);
    for (int i = 0; i < 3; i++) {
      stream.send(KIB);
    }
    assertEquals(6, call.take().size());
    assertNull(call.error());
  }
}
