package io.mooring.gateway.client;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Value;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.AbdicateRequest;
import io.mooring.proto.v1.AgentLocation;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.FrameworkInfoRequest;
import io.mooring.proto.v1.LocateAgentRequest;
import io.mooring.proto.v1.OfferServiceGrpc;
import io.mooring.proto.v1.OfferServiceGrpc.OfferServiceBlockingStub;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.QueueStatsRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * offer-service, the Mesos scheduler, as the gateway calls it. What it knows only adds to answers whose substance
 * comes from elsewhere (/v2/info, the offer statistics of /v2/queue), so while it is unavailable these reads answer
 * with nothing instead of failing the request. Its other errors are Marathon's answer as usual, and so are all errors
 * of {@link #abdicate()} and {@link #locateAgent}.
 */
@Singleton
public class OfferClient {
  private final OfferServiceBlockingStub stub;
  private final Duration callTimeout;
  private final Resilient calls;
  /**
   * LocateAgent on a breaker of its own: it fails with UNAVAILABLE when the Mesos master cannot be asked, which must
   * not make /v2/info and /v2/queue take offer-service for down.
   */
  private final Resilient locating;

  /** {@code channel} is configured as {@code grpc.channels.offer}. */
  public OfferClient(@GrpcChannel("offer") ManagedChannel channel,
      @Value("${mooring.gateway.call-timeout:5s}") Duration callTimeout) {
    this.stub = OfferServiceGrpc.newBlockingStub(channel);
    this.callTimeout = callTimeout;
    this.calls = new Resilient("offer-service", Duration.ofSeconds(5), channel::resetConnectBackoff);
    this.locating = new Resilient("offer-service", Duration.ofSeconds(5), channel::resetConnectBackoff);
  }

  /** The framework as offer-service registered it with Mesos; empty while offer-service is unavailable. */
  public Optional<FrameworkInfo> frameworkInfo() {
    return calls.readIfAvailable(() -> stub().getFrameworkInfo(FrameworkInfoRequest.getDefaultInstance()));
  }

  /**
   * The offer statistics of the run specs waiting for offers, with their last unused offers if asked for; none while
   * offer-service is unavailable.
   */
  public QueueStats queueStats(boolean withLastUnusedOffers) {
    QueueStatsRequest request = QueueStatsRequest.newBuilder().setWithLastUnusedOffers(withLastUnusedOffers).build();
    return calls.readIfAvailable(() -> stub().getQueueStats(request)).orElse(QueueStats.getDefaultInstance());
  }

  /**
   * Makes the elected offer-service abdicate (any process passes it on); returns the address of the leader asked.
   * Sent once: NOT_FOUND when there is no leader, UNAVAILABLE when offer-service cannot be reached.
   */
  public String abdicate() {
    return calls.write(() -> stub().abdicate(AbdicateRequest.getDefaultInstance())).getLeader();
  }

  /**
   * Where an agent serves HTTP and which framework Mooring's tasks run under: NOT_FOUND when the master does not know
   * the agent, UNAVAILABLE when offer-service or the master cannot be asked.
   */
  public AgentLocation locateAgent(String agentId) {
    LocateAgentRequest request = LocateAgentRequest.newBuilder().setAgentId(agentId).build();
    return locating.read(() -> stub().locateAgent(request));
  }

  /** A fresh deadline for every attempt. */
  private OfferServiceBlockingStub stub() {
    return stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
