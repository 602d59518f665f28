package io.mooring.offer.scheduler;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.ClaimAllRequest;
import io.mooring.proto.v1.ClaimRequest;
import io.mooring.proto.v1.ClaimResult;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.QueueRequest;
import io.mooring.proto.v1.ReportAck;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.StatusReport;
import io.mooring.proto.v1.StatusReports;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** reservation-service as offer-service calls it: every unary call with a deadline, the queues as streams. */
@Singleton
public class ReservationClient {
  private static final long DEADLINE_SECONDS = 10;
  private static final int PAGE = 500;
  private final ReservationServiceGrpc.ReservationServiceBlockingStub blocking;
  private final ReservationServiceGrpc.ReservationServiceStub async;

  public ReservationClient(@GrpcChannel("reservation") ManagedChannel channel) {
    this.blocking = ReservationServiceGrpc.newBlockingStub(channel);
    this.async = ReservationServiceGrpc.newStub(channel);
  }

  /** The results of the claims, in their order. */
  public List<ClaimResult> claimAll(List<ClaimRequest> claims) {
    return stub().claimAll(ClaimAllRequest.newBuilder().addAllClaims(claims).build()).getResultsList();
  }

  /** The acknowledgements of the statuses, in their order. */
  public List<ReportAck> reportAll(List<StatusReport> reports) {
    return stub().reportStatuses(StatusReports.newBuilder().addAllReports(reports).build()).getAcksList();
  }

  /** Every instance, or only the claimed ones, read a page at a time so that no message grows with the cluster. */
  public List<Instance> instances(boolean claimedOnly) {
    List<Instance> all = new ArrayList<>();
    List<Instance> page;
    do {
      String after = all.isEmpty() ? "" : all.get(all.size() - 1).getInstanceId();
      page = stub().listInstances(ListInstancesRequest.newBuilder().setClaimedOnly(claimedOnly).setAfter(after)
          .setLimit(PAGE).build()).getInstancesList();
      all.addAll(page);
    } while (page.size() == PAGE);
    return all;
  }

  /** Opens the launch queue stream inside {@code context}: cancelling the context closes it. */
  public void launchQueue(Context.CancellableContext context, long fence, StreamObserver<LaunchQueueUpdate> observer) {
    context.run(() -> async.streamLaunchQueue(QueueRequest.newBuilder().setFence(fence).build(), observer));
  }

  public void killQueue(Context.CancellableContext context, long fence, StreamObserver<KillQueueUpdate> observer) {
    context.run(() -> async.streamKillQueue(QueueRequest.newBuilder().setFence(fence).build(), observer));
  }

  private ReservationServiceGrpc.ReservationServiceBlockingStub stub() {
    return blocking.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
