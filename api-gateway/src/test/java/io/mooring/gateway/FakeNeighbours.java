package io.mooring.gateway;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.mooring.model.InstanceStates;
import io.mooring.proto.v1.AbdicateRequest;
import io.mooring.proto.v1.AbdicateResponse;
import io.mooring.proto.v1.AgentLocation;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.FrameworkInfoRequest;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceList;
import io.mooring.proto.v1.InstanceRef;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.ListPendingRequest;
import io.mooring.proto.v1.LocateAgentRequest;
import io.mooring.proto.v1.OfferServiceGrpc;
import io.mooring.proto.v1.PendingCleanups;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.QueueStatsRequest;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.ResetDelayRequest;
import io.mooring.proto.v1.ResetDelayResponse;
import io.mooring.proto.v1.VolumeGcServiceGrpc;
import io.mooring.runtime.grpc.Errors;
import io.mooring.runtime.grpc.GrpcErrors;
import io.mooring.testkit.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the gateway's neighbours reservation-service, offer-service and volume-gc-service, on one free
 * port: they answer from what a test sets and record what the gateway asked. Kills follow the contract: the instances
 * found as they were, NOT_FOUND when the ids name no instance of the run spec, a deployment for a scale; so do delay
 * resets: NOT_FOUND with Marathon's message when no instance of the run spec is queued.
 */
final class FakeNeighbours implements AutoCloseable {
  static final String KILL_VERSION = "2026-02-03T04:05:06.789Z";

  final List<ListInstancesRequest> lists = new CopyOnWriteArrayList<>();
  final List<KillInstancesRequest> kills = new CopyOnWriteArrayList<>();
  final List<String> delayResets = new CopyOnWriteArrayList<>();
  final List<QueueStatsRequest> queueStatsRequests = new CopyOnWriteArrayList<>();
  volatile List<Instance> instances = List.of();
  volatile FrameworkInfo framework = FrameworkInfo.getDefaultInstance();
  volatile QueueStats queueStats = QueueStats.getDefaultInstance();
  volatile boolean offerServiceDown;
  /** The offer-service leader an Abdicate call reaches; none: NOT_FOUND. */
  volatile String offerLeader = "127.0.0.1:9103";
  final AtomicInteger abdications = new AtomicInteger();
  volatile List<Cleanup> cleanups = List.of();
  volatile boolean volumeGcServiceDown;
  /** Agent id → base URL, as offer-service's LocateAgent answers; an agent not here is NOT_FOUND. */
  final Map<String, String> agents = new ConcurrentHashMap<>();
  private final int port = Ports.free();
  private Server server;

  FakeNeighbours() throws IOException {
    start();
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Starts again after {@link #close()}, on the same port. */
  void start() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(new Reservations()).addService(new Offers()).addService(new VolumeGc()).build().start();
  }

  /** Forgets what the last test set and saw. */
  void reset() {
    lists.clear();
    kills.clear();
    delayResets.clear();
    queueStatsRequests.clear();
    instances = List.of();
    framework = FrameworkInfo.getDefaultInstance();
    queueStats = QueueStats.getDefaultInstance();
    offerServiceDown = false;
    offerLeader = "127.0.0.1:9103";
    abdications.set(0);
    cleanups = List.of();
    volumeGcServiceDown = false;
    agents.clear();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Reservations extends ReservationServiceGrpc.ReservationServiceImplBase {
    @Override
    public void listInstances(ListInstancesRequest request, StreamObserver<InstanceList> answer) {
      lists.add(request);
      answer.onNext(InstanceList.newBuilder().addAllInstances(instances.stream()
          .filter(i -> request.getRunSpecId().isEmpty() || i.getRunSpecId().equals(request.getRunSpecId()))
          .filter(i -> request.getAgentHostname().isEmpty()
              || i.getReservation().getHostname().equals(request.getAgentHostname()))
          .toList()).build());
      answer.onCompleted();
    }

    @Override
    public void getInstance(InstanceRef request, StreamObserver<Instance> answer) {
      instances.stream().filter(i -> i.getInstanceId().equals(request.getInstanceId())).findFirst().ifPresentOrElse(
          instance -> {
            answer.onNext(instance);
            answer.onCompleted();
          },
          () -> answer.onError(GrpcErrors.toStatus(Errors.notFound(
              "Instance '" + request.getInstanceId() + "' does not exist"))));
    }

    @Override
    public void killInstances(KillInstancesRequest request, StreamObserver<KillInstancesResponse> answer) {
      kills.add(request);
      List<Instance> ofRunSpec = instances.stream().filter(i -> i.getRunSpecId().equals(request.getRunSpecId()))
          .toList();
      List<Instance> found = new ArrayList<>();
      for (String id : request.getTaskOrInstanceIdsList()) {
        ofRunSpec.stream().filter(i -> i.getInstanceId().equals(id) || id.startsWith(i.getInstanceId() + "."))
            .findFirst().filter(owner -> !found.contains(owner)).ifPresent(found::add);
      }
      if (found.isEmpty() && request.getTaskOrInstanceIdsCount() > 0) {
        answer.onError(GrpcErrors.toStatus(Errors.notFound(
            "Task '" + request.getTaskOrInstanceIds(0) + "' does not exist")));
        return;
      }
      if (request.getTaskOrInstanceIdsCount() == 0) {
        ofRunSpec.stream().filter(i -> request.getHost().equals("*")
            || i.getReservation().getHostname().equals(request.getHost())).forEach(found::add);
      }
      KillInstancesResponse.Builder response = KillInstancesResponse.newBuilder().addAllInstances(found);
      if (request.getScale()) {
        response.setDeploymentId("scale-" + kills.size()).setVersion(KILL_VERSION);
      }
      answer.onNext(response.build());
      answer.onCompleted();
    }

    @Override
    public void resetDelay(ResetDelayRequest request, StreamObserver<ResetDelayResponse> answer) {
      String id = request.getRunSpecId();
      List<Instance> queued = instances.stream().filter(i -> i.getRunSpecId().equals(id))
          .filter(InstanceStates::isQueued).toList();
      if (queued.isEmpty()) {
        answer.onError(GrpcErrors.toStatus(Errors.notFound("Application " + id + " not found in tasks queue.")));
        return;
      }
      delayResets.add(id);
      answer.onNext(ResetDelayResponse.newBuilder().setInstances(queued.size()).build());
      answer.onCompleted();
    }
  }

  private final class Offers extends OfferServiceGrpc.OfferServiceImplBase {
    @Override
    public void getFrameworkInfo(FrameworkInfoRequest request, StreamObserver<FrameworkInfo> answer) {
      if (offerServiceDown) {
        answer.onError(Status.UNAVAILABLE.withDescription("no leader").asRuntimeException());
        return;
      }
      answer.onNext(framework);
      answer.onCompleted();
    }

    @Override
    public void getQueueStats(QueueStatsRequest request, StreamObserver<QueueStats> answer) {
      queueStatsRequests.add(request);
      if (offerServiceDown) {
        answer.onError(Status.UNAVAILABLE.withDescription("no leader").asRuntimeException());
        return;
      }
      answer.onNext(queueStats);
      answer.onCompleted();
    }

    @Override
    public void locateAgent(LocateAgentRequest request, StreamObserver<AgentLocation> answer) {
      if (offerServiceDown) {
        answer.onError(Status.UNAVAILABLE.withDescription("no leader").asRuntimeException());
        return;
      }
      String url = agents.get(request.getAgentId());
      if (url == null) {
        answer.onError(GrpcErrors.toStatus(Errors.notFound(
            "Agent '" + request.getAgentId() + "' is not registered with the Mesos master")));
        return;
      }
      answer.onNext(AgentLocation.newBuilder().setAgentId(request.getAgentId()).setUrl(url)
          .setFrameworkId(framework.getFrameworkId()).build());
      answer.onCompleted();
    }

    @Override
    public void abdicate(AbdicateRequest request, StreamObserver<AbdicateResponse> answer) {
      if (offerServiceDown) {
        answer.onError(Status.UNAVAILABLE.withDescription("no leader").asRuntimeException());
        return;
      }
      if (offerLeader.isEmpty()) {
        answer.onError(GrpcErrors.toStatus(Errors.notFound("There is no leader")));
        return;
      }
      abdications.incrementAndGet();
      answer.onNext(AbdicateResponse.newBuilder().setLeader(offerLeader).build());
      answer.onCompleted();
    }
  }

  private final class VolumeGc extends VolumeGcServiceGrpc.VolumeGcServiceImplBase {
    @Override
    public void listPending(ListPendingRequest request, StreamObserver<PendingCleanups> answer) {
      if (volumeGcServiceDown) {
        answer.onError(Status.UNAVAILABLE.withDescription("etcd unreachable").asRuntimeException());
        return;
      }
      answer.onNext(PendingCleanups.newBuilder().addAllCleanups(cleanups).build());
      answer.onCompleted();
    }
  }
}
