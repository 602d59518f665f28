package io.mooring.gateway.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body read into memory up to a bound; past it the exchange is cancelled and fails. */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body was larger than the bound. */
  static final class TooLarge extends IOException {
    TooLarge(int bound) {
      super("the answer is larger than " + bound + " bytes");
    }
  }

  private final int bound;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  BoundedBody(int bound) {
    this.bound = bound;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) return;
    for (ByteBuffer buffer : buffers) {
      if (body.size() + buffer.remaining() > bound) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(bound));
        return;
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      body.writeBytes(bytes);
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(body.toByteArray());
  }
}
