package io.mooring.reservation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cuts what one publication of a queue says into messages that gRPC carries whatever the queue's size: at most
 * {@link #MAX_ENTRIES} entries and about {@link #MAX_BYTES} bytes each, far below its 4 MiB default. An entry larger
 * than that goes alone (a run spec is bounded by the API's request size).
 */
final class MessageChunks<B> {
  static final int MAX_ENTRIES = 500;
  static final int MAX_BYTES = 1 << 20;
  private final Supplier<B> newMessage;
  private final BiConsumer<B, Boolean> markReset;
  private final BiConsumer<B, Boolean> markComplete;
  private final List<B> messages = new ArrayList<>();
  private int entries;
  private long bytes;

  MessageChunks(Supplier<B> newMessage, BiConsumer<B, Boolean> markReset, BiConsumer<B, Boolean> markComplete) {
    this.newMessage = newMessage;
    this.markReset = markReset;
    this.markComplete = markComplete;
  }

  /** The message an entry of {@code size} bytes goes into: the current one, or a new one if that is full. */
  B next(int size) {
    if (messages.isEmpty() || entries == MAX_ENTRIES || (entries > 0 && bytes + size > MAX_BYTES)) {
      messages.add(newMessage.get());
      entries = 0;
      bytes = 0;
    }
    entries++;
    bytes += size;
    return messages.get(messages.size() - 1);
  }

  /** The messages (one even without entries), the first marked as a reset if asked, the last as complete. */
  <M> List<M> finish(boolean reset, Function<B, M> build) {
    if (messages.isEmpty()) {
      messages.add(newMessage.get());
    }
    markReset.accept(messages.get(0), reset);
    markComplete.accept(messages.get(messages.size() - 1), true);
    return messages.stream().map(build).toList();
  }
}
