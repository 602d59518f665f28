package io.mooring.offer.api;

import static io.mooring.runtime.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.mooring.offer.OfferSettings;
import io.mooring.offer.agents.AgentLocator;
import io.mooring.offer.scheduler.Leadership;
import io.mooring.offer.scheduler.QueueStatsBook;
import io.mooring.proto.v1.AbdicateRequest;
import io.mooring.proto.v1.AbdicateResponse;
import io.mooring.proto.v1.AgentLocation;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.FrameworkInfoRequest;
import io.mooring.proto.v1.LocateAgentRequest;
import io.mooring.proto.v1.OfferServiceGrpc;
import io.mooring.proto.v1.QueueStats;
import io.mooring.proto.v1.QueueStatsRequest;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;

/**
 * What the gateway shows of and asks of the scheduler: /v2/info, /v2/queue, DELETE /v2/leader and where a task's agent
 * serves its sandbox. Any offer-service process answers.
 */
@Requires(env = "offer-service")
@Singleton
public class OfferEndpoint extends OfferServiceGrpc.OfferServiceImplBase {
  private final OfferSettings settings;
  private final Leadership leadership;
  private final QueueStatsBook stats;
  private final AgentLocator agents;

  public OfferEndpoint(OfferSettings settings, Leadership leadership, QueueStatsBook stats, AgentLocator agents) {
    this.settings = settings;
    this.leadership = leadership;
    this.stats = stats;
    this.agents = agents;
  }

  @Override
  public void getFrameworkInfo(FrameworkInfoRequest request, StreamObserver<FrameworkInfo> response) {
    reply(response, () -> FrameworkInfo.newBuilder()
        .setFrameworkId(leadership.frameworkId().orElse(""))
        .setRole(settings.role())
        .setPrincipal(settings.principal())
        .setLeader(leadership.leader().orElse(""))
        .setElected(leadership.elected())
        .setMesosMaster(settings.master())
        .setTaskReservationTimeoutMillis(settings.taskReservationTimeout().toMillis())
        .setDeclineOfferDurationMillis(settings.declineDuration().toMillis())
        .setFrameworkName(settings.frameworkName())
        .setFailoverTimeoutSeconds(settings.failoverTimeout().toSeconds())
        .setMaxInstancesPerOffer(settings.maxInstancesPerOffer())
        .build());
  }

  @Override
  public void getQueueStats(QueueStatsRequest request, StreamObserver<QueueStats> response) {
    reply(response, () -> stats.snapshot(request.getWithLastUnusedOffers()));
  }

  @Override
  public void locateAgent(LocateAgentRequest request, StreamObserver<AgentLocation> response) {
    reply(response, () -> {
      if (request.getAgentId().isEmpty()) throw Errors.badRequest("agent_id is required");
      return AgentLocation.newBuilder().setAgentId(request.getAgentId()).setUrl(agents.url(request.getAgentId()))
          .setFrameworkId(leadership.frameworkId().orElse("")).build();
    });
  }

  /** The leader abdicates, whichever process is asked; NOT_FOUND as Marathon words it when none is elected. */
  @Override
  public void abdicate(AbdicateRequest request, StreamObserver<AbdicateResponse> response) {
    reply(response, () -> AbdicateResponse.newBuilder()
        .setLeader(leadership.abdicate().orElseThrow(() -> Errors.notFound("There is no leader")))
        .build());
  }
}
