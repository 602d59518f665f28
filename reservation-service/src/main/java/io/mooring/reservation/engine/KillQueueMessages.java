package io.mooring.reservation.engine;

import com.google.protobuf.CodedOutputStream;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import java.util.Collection;
import java.util.List;

/** The kill queue's messages, by task id. */
final class KillQueueMessages implements QueueFeed.Messages<KillRequest, KillQueueUpdate> {
  @Override
  public String key(KillRequest request) {
    return request.getTaskId();
  }

  @Override
  public List<KillQueueUpdate> snapshot(long revision, Collection<KillRequest> queue) {
    MessageChunks<KillQueueUpdate.Builder> chunks = chunks(revision);
    queue.forEach(request -> add(chunks, request));
    return chunks.finish(true, KillQueueUpdate.Builder::build);
  }

  @Override
  public List<KillQueueUpdate> changes(long revision, List<KillRequest> changed, List<String> removed,
      Collection<KillRequest> queue) {
    MessageChunks<KillQueueUpdate.Builder> chunks = chunks(revision);
    changed.forEach(request -> add(chunks, request));
    removed.forEach(taskId -> chunks.next(CodedOutputStream.computeStringSizeNoTag(taskId))
        .addRemovedTaskIds(taskId));
    return chunks.finish(false, KillQueueUpdate.Builder::build);
  }

  private static MessageChunks<KillQueueUpdate.Builder> chunks(long revision) {
    return new MessageChunks<>(() -> KillQueueUpdate.newBuilder().setRevision(revision),
        KillQueueUpdate.Builder::setReset, KillQueueUpdate.Builder::setComplete);
  }

  private static void add(MessageChunks<KillQueueUpdate.Builder> chunks, KillRequest request) {
    chunks.next(CodedOutputStream.computeMessageSizeNoTag(request)).addRequests(request);
  }
}
