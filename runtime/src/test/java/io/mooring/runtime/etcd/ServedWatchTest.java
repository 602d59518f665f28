package io.mooring.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.StringValue;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServedWatchTest {
  private static final StringValue KIB = StringValue.of("x".repeat(1021));  // 1,024 bytes serialised

  @Test
  void aWatcherWithRoomGetsEverything() {
    FakeCall call = new FakeCall();
    ServedWatch<StringValue> stream = ServedWatch.on(call, 4096);
    for (int i = 0; i < 100; i++) {
      stream.send(KIB);
    }
    assertEquals(100, call.sent.size());
    assertNull(call.error);
  }

  @Test
  void aWatcherWithoutRoomIsCutOffOnceItsBacklogPassesTheBoundAndGetsNothingMore() {
    FakeCall call = new FakeCall();
    ServedWatch<StringValue> stream = ServedWatch.on(call, 4096);
    call.ready = false;
    for (int i = 0; i < 10; i++) {
      stream.send(KIB);
    }
    assertEquals(4, call.sent.size(), "4 KiB queued, the fifth passes the bound");
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(call.error).getCode());
    call.ready = true;
    stream.send(KIB);
    assertEquals(4, call.sent.size(), "an ended stream sends nothing");
  }

  @Test
  void roomAgainStartsTheBacklogAfresh() {
    FakeCall call = new FakeCall();
    ServedWatch<StringValue> stream = ServedWatch.on(call, 4096);
    call.ready = false;
    for (int i = 0; i < 3; i++) {
      stream.send(KIB);
    }
    call.onReady.run();
    for (int i = 0; i < 3; i++) {
      stream.send(KIB);
    }
    assertEquals(6, call.sent.size());
    assertNull(call.error);
  }

  /** A call whose transport has room or not, as the test says. */
  private static final class FakeCall extends ServerCallStreamObserver<StringValue> {
    final List<StringValue> sent = new ArrayList<>();
    boolean ready = true;
    Throwable error;
    Runnable onReady = () -> { };

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      onReady = handler;
    }

    @Override
    public void onNext(StringValue value) {
      sent.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void onCompleted() {}
  }
}
