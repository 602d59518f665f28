package io.mooring.testkit;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A server call as a stream's server sees it, without a network: records what is sent (and the error that ended
 * it) and hands it to {@code receiver}; the test says whether the transport has room.
 */
public final class RecordingCall<T> extends ServerCallStreamObserver<T> {
  private final StreamObserver<T> receiver;
  private final List<T> sent = new ArrayList<>();
  private volatile boolean ready = true;
  private Runnable onReady = () -> {};
  private volatile Throwable error;

  public RecordingCall(StreamObserver<T> receiver) {
    this.receiver = receiver;
  }

  public RecordingCall() {
    this(new StreamObserver<>() {
      @Override
      public void onNext(T value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
  }

  /** What was sent, then forgets it: each call answers what came since the one before. */
  public synchronized List<T> take() {
    List<T> taken = List.copyOf(sent);
    sent.clear();
    return taken;
  }

  @Override
  public synchronized void onNext(T value) {
    sent.add(value);
    receiver.onNext(value);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
    receiver.onError(t);
  }

  /** The error that ended the call, if one did. */
  public Throwable error() {
    return error;
  }

  @Override
  public void onCompleted() {
    receiver.onCompleted();
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public void setOnCancelHandler(Runnable onCancel) {}

  @Override
  public void setCompression(String compression) {}

  @Override
  public boolean isReady() {
    return ready;
  }

  /** The transport has room (true: and tells the feed so) or not. */
  public void ready(boolean room) {
    ready = room;
    if (room) {
      onReady.run();
    }
  }

  @Override
  public void setOnReadyHandler(Runnable onReady) {
    this.onReady = onReady;
  }

  @Override
  public void disableAutoInboundFlowControl() {}

  @Override
  public void request(int count) {}

  @Override
  public void setMessageCompression(boolean enable) {}
}
