package io.mooring.reservation.engine;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.QueueRequest;
import io.mooring.proto.v1.ReservationServiceGrpc;
import java.io.IOException;

/**
 * The launch queue stream of {@code streams} over a real gRPC server on a free port, and a client channel with
 * gRPC's defaults (a 4 MiB inbound limit), as offer-service has.
 */
final class QueueStreamsServer implements AutoCloseable {
  private final Server server;
  private final ManagedChannel channel;

  QueueStreamsServer(QueueStreams streams) throws IOException {
    server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(new ReservationServiceGrpc.ReservationServiceImplBase() {
          @Override
          public void streamLaunchQueue(QueueRequest request, StreamObserver<LaunchQueueUpdate> response) {
            streams.subscribeLaunches(response);
          }
        }).build().start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  void subscribe(StreamObserver<LaunchQueueUpdate> observer) {
    ReservationServiceGrpc.newStub(channel).streamLaunchQueue(QueueRequest.getDefaultInstance(), observer);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
