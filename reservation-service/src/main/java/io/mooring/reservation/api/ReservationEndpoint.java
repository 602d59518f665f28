package io.mooring.reservation.api;

import static io.mooring.runtime.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.mooring.proto.v1.ClaimAllRequest;
import io.mooring.proto.v1.ClaimAllResponse;
import io.mooring.proto.v1.ClaimRequest;
import io.mooring.proto.v1.ConfirmDecommissionRequest;
import io.mooring.proto.v1.ExpungeRequest;
import io.mooring.proto.v1.GarbageList;
import io.mooring.proto.v1.HeldRunSpecs;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceChange;
import io.mooring.proto.v1.InstanceList;
import io.mooring.proto.v1.InstanceRef;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.ListGarbageRequest;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.OperationStatusReport;
import io.mooring.proto.v1.OwnerQuery;
import io.mooring.proto.v1.QueueRequest;
import io.mooring.proto.v1.ReportAck;
import io.mooring.proto.v1.ResetDelayRequest;
import io.mooring.proto.v1.ResetDelayResponse;
import io.mooring.proto.v1.StatusAcks;
import io.mooring.proto.v1.StatusReports;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.proto.v1.WatchInstancesRequest;
import io.mooring.reservation.core.DecommissionGuard;
import io.mooring.reservation.engine.GarbageView;
import io.mooring.reservation.engine.InstanceCommands;
import io.mooring.reservation.engine.QueueStreams;
import io.mooring.reservation.engine.Reconciler;
import io.mooring.reservation.store.InstanceWatch;
import jakarta.inject.Singleton;

/** The gRPC face of reservation-service; domain errors are mapped by the runtime's DomainErrorInterceptor. */
@Requires(env = "reservation-service")
@Singleton
public class ReservationEndpoint extends ReservationServiceGrpc.ReservationServiceImplBase {
  private final InstanceCommands commands;
  private final QueueStreams queues;
  private final GarbageView garbage;
  private final Reconciler reconciler;
  private final InstanceWatch watch;

  public ReservationEndpoint(InstanceCommands commands, QueueStreams queues, GarbageView garbage,
      Reconciler reconciler, InstanceWatch watch) {
    this.commands = commands;
    this.queues = queues;
    this.garbage = garbage;
    this.reconciler = reconciler;
    this.watch = watch;
  }

  @Override
  public void listInstances(ListInstancesRequest request, StreamObserver<InstanceList> response) {
    reply(response, () -> InstanceList.newBuilder()
        .addAllInstances(commands.list(request)).build());
  }

  @Override
  public void getInstance(InstanceRef request, StreamObserver<Instance> response) {
    reply(response, () -> commands.get(request.getInstanceId()));
  }

  @Override
  public void watchInstances(WatchInstancesRequest request, StreamObserver<InstanceChange> response) {
    watch.stream(request.getFromRevision(), response);
  }

  @Override
  public void killInstances(KillInstancesRequest request, StreamObserver<KillInstancesResponse> response) {
    reply(response, () -> commands.kill(request));
  }

  @Override
  public void resetDelay(ResetDelayRequest request, StreamObserver<ResetDelayResponse> response) {
    reply(response, () -> ResetDelayResponse.newBuilder()
        .setInstances(commands.resetDelay(request.getRunSpecId())).build());
  }

  @Override
  public void streamLaunchQueue(QueueRequest request, StreamObserver<LaunchQueueUpdate> response) {
    commands.raiseFence(request.getFence());  // a new leader fences off the old one before its first claim
    queues.subscribeLaunches(response);
  }

  @Override
  public void streamKillQueue(QueueRequest request, StreamObserver<KillQueueUpdate> response) {
    queues.subscribeKills(response);
  }

  @Override
  public void claim(ClaimRequest request, StreamObserver<Instance> response) {
    reply(response, () -> commands.claim(request));
  }

  @Override
  public void claimAll(ClaimAllRequest request, StreamObserver<ClaimAllResponse> response) {
    reply(response, () -> ClaimAllResponse.newBuilder()
        .addAllResults(commands.claimAll(request.getClaimsList())).build());
  }

  @Override
  public void reportTaskStatus(TaskStatusReport request, StreamObserver<ReportAck> response) {
    reply(response, () -> commands.reportTask(request));
  }

  @Override
  public void reportOperationStatus(OperationStatusReport request, StreamObserver<ReportAck> response) {
    reply(response, () -> commands.reportOperation(request));
  }

  @Override
  public void reportStatuses(StatusReports request, StreamObserver<StatusAcks> response) {
    reply(response, () -> StatusAcks.newBuilder().addAllAcks(commands.reportAll(request.getReportsList())).build());
  }

  @Override
  public void listGarbage(ListGarbageRequest request, StreamObserver<GarbageList> response) {
    reply(response, () -> garbage.page(request.getAfter(), request.getLimit()));
  }

  @Override
  public void findUnreferenced(OwnerQuery request, StreamObserver<OwnerQuery> response) {
    reply(response, () -> garbage.unreferenced(request));
  }

  @Override
  public void expunge(ExpungeRequest request, StreamObserver<ReportAck> response) {
    reply(response, () -> ReportAck.newBuilder()
        .setApplied(commands.expunge(request.getItemsList(), request.getFence())).build());
  }

  @Override
  public void confirmDecommission(ConfirmDecommissionRequest request, StreamObserver<HeldRunSpecs> response) {
    reply(response, () -> {
      DecommissionGuard.Held held = reconciler.confirmDecommission(request.getRunSpecIdsList());
      return HeldRunSpecs.newBuilder().addAllRunSpecIds(held.runSpecIds()).setInstances(held.instances())
          .setLiveInstances(held.live()).build();
    });
  }
}
