package io.mooring.gateway.client;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Value;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.ListPendingRequest;
import io.mooring.proto.v1.PendingCleanups;
import io.mooring.proto.v1.VolumeGcServiceGrpc;
import io.mooring.proto.v1.VolumeGcServiceGrpc.VolumeGcServiceBlockingStub;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * volume-gc-service, which destroys volumes and releases reservations, as the gateway calls it. Like
 * {@link OfferClient}'s, what it knows only adds to an answer whose substance comes from elsewhere (the volumes of
 * {@code /v2/volumes} are the instances'), so while it is unavailable it answers with nothing.
 */
@Singleton
public class VolumeGcClient {
  private final VolumeGcServiceBlockingStub stub;
  private final Duration callTimeout;
  private final Resilient calls;

  /** {@code channel} is configured as {@code grpc.channels.gc}. */
  public VolumeGcClient(@GrpcChannel("gc") ManagedChannel channel,
      @Value("${mooring.gateway.call-timeout:5s}") Duration callTimeout) {
    this.stub = VolumeGcServiceGrpc.newBlockingStub(channel);
    this.callTimeout = callTimeout;
    this.calls = new Resilient("volume-gc-service", Duration.ofSeconds(5), channel::resetConnectBackoff);
  }

  /**
   * The cleanups under way and the orphans waiting out their grace period (volume-gc-service's default page, the
   * first 1,000); none while volume-gc-service is unavailable.
   */
  public List<Cleanup> pendingCleanups() {
    return calls.readIfAvailable(() -> stub().listPending(ListPendingRequest.getDefaultInstance()))
        .map(PendingCleanups::getCleanupsList).orElse(List.of());
  }

  /** A fresh deadline for every attempt. */
  private VolumeGcServiceBlockingStub stub() {
    return stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
