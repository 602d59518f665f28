package io.mooring.runtime.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.mooring.runtime.grpc.Errors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A watch that ends at its first failure and says so once. jetcd resumes a watch by itself after a lost connection
 * but ends it silently when its client closes or etcd ends the stream: a watcher would wait for ever. Only the
 * caller knows up to which revision it processed events, so it is the one to resume (or to read again, when etcd
 * compacted that revision away).
 */
final class OneShotWatch implements AutoCloseable {
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Consumer<Throwable> onEnd;
  private volatile Watch.Watcher watcher;

  private OneShotWatch(Consumer<Throwable> onEnd) {
    this.onEnd = onEnd;
  }

  static OneShotWatch start(Client client, ByteSequence key, WatchOption option, Consumer<WatchEvent> onEvent,
      Consumer<Throwable> onEnd) {
    OneShotWatch watch = new OneShotWatch(onEnd);
    watch.watcher = client.getWatchClient().watch(key, option, response -> response.getEvents().forEach(onEvent),
        watch::end, () -> watch.end(Errors.unavailable("the etcd watch ended")));
    if (watch.ended.get()) {
      watch.watcher.close();  // it failed before it was even returned
    }
    return watch;
  }

  private void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      Watch.Watcher current = watcher;
      if (current != null) {
        current.close();  // no resumption by jetcd
      }
      onEnd.accept(error);
    }
  }

  /** Ends the watch without calling {@code onEnd}. */
  @Override
  public void close() {
    ended.set(true);
    watcher.close();
  }
}
