package io.mooring.gc.api;

import static io.mooring.runtime.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.mooring.gc.collect.CleanupStore;
import io.mooring.gc.collect.GcLeadership;
import io.mooring.proto.v1.CollectNowRequest;
import io.mooring.proto.v1.ListPendingRequest;
import io.mooring.proto.v1.PendingCleanups;
import io.mooring.proto.v1.VolumeGcServiceGrpc;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;

/** The gRPC face of volume-gc-service: what is being cleaned, from etcd (any replica), and a pass on demand. */
@Requires(env = "volume-gc-service")
@Singleton
public class GcEndpoint extends VolumeGcServiceGrpc.VolumeGcServiceImplBase {
  /** A record is a few KiB at most: a reply stays far below gRPC's 4 MiB. */
  static final int MAX_LIMIT = 1_000;
  private final CleanupStore store;
  private final GcLeadership leadership;

  public GcEndpoint(CleanupStore store, GcLeadership leadership) {
    this.store = store;
    this.leadership = leadership;
  }

  @Override
  public void listPending(ListPendingRequest request, StreamObserver<PendingCleanups> response) {
    reply(response, () -> pending(request.getLimit()));
  }

  @Override
  public void collectNow(CollectNowRequest request, StreamObserver<PendingCleanups> response) {
    reply(response, () -> {
      if (!leadership.elected()) {
        throw Errors.unavailable("this volume-gc-service is not the leader");
      }
      leadership.collectNow();
      return pending(0);
    });
  }

  private PendingCleanups pending(int requested) {
    int limit = requested <= 0 ? MAX_LIMIT : Math.min(requested, MAX_LIMIT);
    var page = store.page(limit + 1);
    return PendingCleanups.newBuilder().addAllCleanups(page.subList(0, Math.min(limit, page.size())))
        .setTruncated(page.size() > limit).build();
  }
}
