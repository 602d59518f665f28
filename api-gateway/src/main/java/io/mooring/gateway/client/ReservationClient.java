package io.mooring.gateway.client;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Value;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceRef;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.ResetDelayRequest;
import io.mooring.proto.v1.ReservationServiceGrpc.ReservationServiceBlockingStub;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * reservation-service, the owner of instances and their tasks, as the gateway calls it: like {@link DefinitionClient},
 * reads are retried and changes are sent once, each with a deadline.
 */
@Singleton
public class ReservationClient {
  private final ReservationServiceBlockingStub stub;
  private final Duration callTimeout;
  private final Resilient calls;

  /** {@code channel} is configured as {@code grpc.channels.reservation}. */
  public ReservationClient(@GrpcChannel("reservation") ManagedChannel channel,
      @Value("${mooring.gateway.call-timeout:5s}") Duration callTimeout) {
    this.stub = ReservationServiceGrpc.newBlockingStub(channel);
    this.callTimeout = callTimeout;
    this.calls = new Resilient("reservation-service", Duration.ofSeconds(5), channel::resetConnectBackoff);
  }

  /** Every instance of every run spec. */
  public List<Instance> allInstances() {
    return instances("");
  }

  /** The instances of one run spec. */
  public List<Instance> instances(String runSpecId) {
    ListInstancesRequest request = ListInstancesRequest.newBuilder().setRunSpecId(runSpecId).build();
    return calls.read(() -> stub().listInstances(request)).getInstancesList();
  }

  /** One instance; NOT_FOUND when there is none of that id. */
  public Instance instance(String instanceId) {
    InstanceRef request = InstanceRef.newBuilder().setInstanceId(instanceId).build();
    return calls.read(() -> stub().getInstance(request));
  }

  /** Kills, kills and scales, or wipes instances; answers with the instances found, as they were before. */
  public KillInstancesResponse kill(KillInstancesRequest request) {
    return calls.write(() -> stub().killInstances(request));
  }

  /**
   * Resets the launch delay of a run spec (its instances forget their backoff); NOT_FOUND when none of its instances
   * is queued. Idempotent, so retried over a short outage like a read.
   */
  public void resetDelay(String runSpecId) {
    ResetDelayRequest request = ResetDelayRequest.newBuilder().setRunSpecId(runSpecId).build();
    calls.read(() -> stub().resetDelay(request));
  }

  /** A fresh deadline for every attempt. */
  private ReservationServiceBlockingStub stub() {
    return stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
