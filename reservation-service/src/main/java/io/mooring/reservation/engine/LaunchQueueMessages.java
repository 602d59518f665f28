package io.mooring.reservation.engine;

import com.google.protobuf.CodedOutputStream;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.QueuedRunSpec;
import io.mooring.proto.v1.RunSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The launch queue's messages, by instance id. A request names its run spec version by key instead of carrying it:
 * each version goes once per stream, with the first request naming it, and is dropped once no request names it.
 */
final class LaunchQueueMessages implements QueueFeed.Messages<LaunchRequest, LaunchQueueUpdate> {
  /** The run spec versions the queue last published names, by key: what every subscriber holds. */
  private Map<String, RunSpec> specs = Map.of();

  @Override
  public String key(LaunchRequest request) {
    return request.getInstance().getInstanceId();
  }

  @Override
  public List<LaunchQueueUpdate> snapshot(long revision, Collection<LaunchRequest> queue) {
    MessageChunks<LaunchQueueUpdate.Builder> chunks = chunks(revision);
    Set<String> sent = new HashSet<>();
    queue.forEach(request -> add(chunks, request, sent::add));
    return chunks.finish(true, LaunchQueueUpdate.Builder::build);
  }

  @Override
  public List<LaunchQueueUpdate> changes(long revision, List<LaunchRequest> changed, List<String> removed,
      Collection<LaunchRequest> queue) {
    Map<String, RunSpec> before = specs;
    specs = specsOf(queue);
    MessageChunks<LaunchQueueUpdate.Builder> chunks = chunks(revision);
    Set<String> sent = new HashSet<>();
    for (LaunchRequest request : changed) {
      add(chunks, request, key -> !request.getSpec().equals(before.get(key)) && sent.add(key));
    }
    removed.forEach(id -> chunks.next(CodedOutputStream.computeStringSizeNoTag(id)).addRemovedInstanceIds(id));
    before.keySet().stream().filter(key -> !specs.containsKey(key))
        .forEach(key -> chunks.next(CodedOutputStream.computeStringSizeNoTag(key)).addRemovedSpecKeys(key));
    return chunks.finish(false, LaunchQueueUpdate.Builder::build);
  }

  /** {@code <run spec id>@<version>}: definition-service gives every change of a run spec a new version. */
  static String specKey(RunSpec spec) {
    return RunSpecs.id(spec) + "@" + RunSpecs.version(spec);
  }

  private static MessageChunks<LaunchQueueUpdate.Builder> chunks(long revision) {
    return new MessageChunks<>(() -> LaunchQueueUpdate.newBuilder().setRevision(revision),
        LaunchQueueUpdate.Builder::setReset, LaunchQueueUpdate.Builder::setComplete);
  }

  /** The request without its spec, and before it the spec if {@code sendSpec} says the subscriber lacks it. */
  private static void add(MessageChunks<LaunchQueueUpdate.Builder> chunks, LaunchRequest request,
      Predicate<String> sendSpec) {
    String key = specKey(request.getSpec());
    LaunchRequest named = request.toBuilder().clearSpec().setSpecKey(key).build();
    int size = CodedOutputStream.computeMessageSizeNoTag(named);
    QueuedRunSpec spec = null;
    if (sendSpec.test(key)) {
      spec = QueuedRunSpec.newBuilder().setKey(key).setSpec(request.getSpec()).build();
      size += CodedOutputStream.computeMessageSizeNoTag(spec);
    }
    LaunchQueueUpdate.Builder message = chunks.next(size);
    if (spec != null) {
      message.addSpecs(spec);
    }
    message.addRequests(named);
  }

  private static Map<String, RunSpec> specsOf(Collection<LaunchRequest> queue) {
    Map<String, RunSpec> specs = new HashMap<>();
    RunSpec last = null;
    for (LaunchRequest request : queue) {
      if (request.getSpec() != last) {  // the requests of a run spec follow each other and share its spec
        last = request.getSpec();
        specs.put(specKey(last), last);
      }
    }
    return specs;
  }
}
