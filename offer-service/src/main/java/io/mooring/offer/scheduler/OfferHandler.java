package io.mooring.offer.scheduler;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.mooring.model.Timestamps;
import io.mooring.offer.OfferSettings;
import io.mooring.offer.agents.AgentDirectory;
import io.mooring.offer.leader.FrameworkIdStore;
import io.mooring.offer.matching.Launch;
import io.mooring.offer.matching.OfferMatch;
import io.mooring.offer.matching.OfferMatcher;
import io.mooring.offer.mesos.MesosScheduler;
import io.mooring.offer.mesos.SchedulerListener;
import io.mooring.proto.v1.ClaimRequest;
import io.mooring.proto.v1.ClaimResult;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.OperationStatusReport;
import io.mooring.proto.v1.ReportAck;
import io.mooring.proto.v1.StatusReport;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.runtime.retry.RetryPolicy;
import io.mooring.runtime.retry.Waits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the leader does with Mesos events: matches offers against the launch queue, claims each placement at
 * reservation-service before it ACCEPTs, and writes every status there before acknowledging it to Mesos (an update
 * that could not be stored is not acknowledged, so Mesos sends it again).
 */
final class OfferHandler implements SchedulerListener {
  private static final Logger LOG = LoggerFactory.getLogger(OfferHandler.class);
  private static final double LEFTOVER_REFUSE_SECONDS = 5;
  /** Storing the framework id is retried until it succeeds: nothing may be launched before. */
  private static final RetryPolicy STORE_RETRIES =
      RetryPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(5));
  private final OfferSettings settings;
  private final FrameworkIdStore frameworkIds;
  private final ReservationClient reservations;
  private final LaunchQueueView queue;
  private final QueueStatsBook stats;
  private final AgentDirectory agents;
  private final Clock clock;
  private final long fence;
  private final AtomicReference<MesosScheduler> mesos = new AtomicReference<>();
  private final Runnable onSubscribed;
  private final Runnable onStatusesLost;
  private final LaunchesInFlight inFlight;
  private final Strays strays = new Strays((task, agent) -> mesos.get().kill(task, agent, 0));
  private volatile String frameworkId = "";

  OfferHandler(OfferSettings settings, FrameworkIdStore frameworkIds, ReservationClient reservations,
      LaunchQueueView queue, QueueStatsBook stats, AgentDirectory agents, Clock clock, long fence,
      Runnable onSubscribed, Runnable onStatusesLost) {
    this.settings = settings;
    this.frameworkIds = frameworkIds;
    this.reservations = reservations;
    this.queue = queue;
    this.stats = stats;
    this.agents = agents;
    this.clock = clock;
    this.fence = fence;
    this.onSubscribed = onSubscribed;
    this.onStatusesLost = onStatusesLost;
    this.inFlight = new LaunchesInFlight(settings.maxLaunchesInFlight(),
        settings.taskReservationTimeout().toMillis() * 3);
  }

  void attach(MesosScheduler scheduler) {
    mesos.set(scheduler);
  }

  String frameworkId() {
    return frameworkId;
  }

  /**
   * Nothing is launched before the framework id is in etcd: a restart without it would register a new framework,
   * and every reservation labelled with the old id would be stranded.
   */
  @Override
  public void subscribed(String id, Duration heartbeatInterval) {
    Waits retries = STORE_RETRIES.waits();
    while (true) {
      try {
        String stored = frameworkIds.remember(id);
        if (!stored.equals(id)) {
          LOG.error("Mesos registered framework {} but {} is stored: reservations labelled with {} cannot be "
              + "relaunched by this framework", id, stored, stored);
        }
        break;
      } catch (RuntimeException e) {
        LOG.warn("framework id {} not stored yet (attempt {}): {}", id, retries.failures() + 1, e.getMessage());
        if (!retries.sleep()) {
          return;
        }
      }
    }
    frameworkId = id;
    onSubscribed.run();
  }

  @Override
  public void offers(List<Offer> offers) {
    for (Offer offer : offers) {
      agents.offered(offer);
      handle(offer);
    }
  }

  private void handle(Offer offer) {
    long now = clock.millis();
    List<LaunchRequest> pending = queue.pending();
    if (pending.isEmpty() || frameworkId.isEmpty()) {
      mesos.get().decline(List.of(offer.getId()), settings.declineDuration().toSeconds());
      return;
    }
    int room = Math.min(settings.maxInstancesPerOffer(), inFlight.room(now));
    if (room == 0) {
      LOG.debug("declined offer {}: {} launches await their first status", offer.getId().getValue(),
          settings.maxLaunchesInFlight());
      mesos.get().decline(List.of(offer.getId()), LEFTOVER_REFUSE_SECONDS);
      return;
    }
    OfferMatch match = OfferMatcher.match(offer, pending, settings.matching(frameworkId, room),
        Timestamps.format(now));
    List<Offer.Operation> operations = new ArrayList<>();
    List<String> claimed = new ArrayList<>();
    List<ClaimResult> results = claim(match.launches());
    for (int i = 0; i < results.size(); i++) {
      Launch launch = match.launches().get(i);
      if (results.get(i).getClaimed()) {  // a launch whose claim is refused is left out: its resources stay unused
        queue.claimed(launch.instanceId(), launch.tasks().get(0).getIncarnation());
        launch.tasks().forEach(task -> inFlight.launched(task.getTaskId(), now));
        claimed.add(launch.instanceId());
        operations.addAll(launch.operations());
        stats.used(launch.runSpecId(), now);
      } else {
        LOG.info("claim of {} refused: {}", launch.instanceId(), results.get(i).getRefusal());
      }
    }
    if (!match.rejections().isEmpty()) {
      OfferView view = OfferViews.of(offer);
      match.rejections().forEach((runSpecId, reason) -> stats.unused(runSpecId, reason, view, now));
    }
    if (operations.isEmpty()) {
      double refuse = refuseSeconds(offer, pending);
      LOG.debug("declined offer {} on {} for {} s: {}", offer.getId().getValue(), offer.getHostname(), refuse,
          match.rejections());
      mesos.get().decline(List.of(offer.getId()), refuse);
    } else {
      // Leftovers come back soon: other instances may still want this agent, at once when the cap left some out.
      boolean capped = match.launches().size() >= room;
      double refuse = capped ? settings.reviveInterval().toMillis() / 1000.0 : LEFTOVER_REFUSE_SECONDS;
      boolean sent = mesos.get().accept(List.of(offer.getId()), operations, refuse);
      LOG.info("{} offer {} on {} with operations {} for {}", sent ? "accepted" : "ACCEPT's outcome unknown (its "
          + "claims are reconciled with Mesos after their deadline) for", offer.getId().getValue(),
          offer.getHostname(), operations.stream().map(o -> o.getType().name()).toList(), claimed);
    }
  }

  /**
   * A relaunch waits for its own agent: an offer of that agent made before its task's resources came back must not
   * keep the agent away for the whole decline duration.
   */
  private double refuseSeconds(Offer offer, List<LaunchRequest> pending) {
    boolean awaited = pending.stream().anyMatch(r -> OfferMatcher.awaitsAgentOf(r, offer));
    return awaited ? settings.reviveInterval().toMillis() / 1000.0 : settings.declineDuration().toSeconds();
  }

  /** One call for every placement of the offer; none is claimed when reservation-service cannot be reached. */
  private List<ClaimResult> claim(List<Launch> launches) {
    if (launches.isEmpty()) {
      return List.of();
    }
    List<ClaimRequest> claims = launches.stream().map(launch -> ClaimRequest.newBuilder()
        .setInstanceId(launch.instanceId()).setFence(fence).setFrameworkId(frameworkId)
        .setReservation(launch.reservation()).addAllTasks(launch.tasks()).setConfigVersion(launch.configVersion())
        .build()).toList();
    try {
      return reservations.claimAll(claims);
    } catch (StatusRuntimeException e) {
      String refusal = "reservation-service: " + e.getStatus().getCode();
      return launches.stream().map(l -> ClaimResult.newBuilder().setRefusal(refusal).build()).toList();
    }
  }

  /** Sends the KILL of every stray again: until its task reports an end, it may be alive. */
  void killStraysAgain() {
    int sent = strays.killAgain();
    if (sent > 0) {
      LOG.info("kills sent again for {} stray tasks", sent);
    }
  }

  @Override
  public void rescinded(org.apache.mesos.v1.Protos.OfferID offerId) {
    // Offers are matched as they arrive and never held, so there is nothing to forget.
  }

  @Override
  public void update(TaskStatus status) {
    statuses(List.of(Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
        .setStatus(status)).build()));
  }

  @Override
  public void operationUpdate(OperationStatus status) {
    statuses(List.of(Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
        .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build()));
  }

  /**
   * Stored in one call, then acknowledged one by one; none is acknowledged when they could not be stored. Mesos sends
   * a status again only while it awaits its acknowledgement (it has a uuid): the others (the master's own, such as
   * TASK_GONE for a rebooted agent's tasks, and answers to reconciliation) are lost, so Mesos is asked again.
   */
  @Override
  public void statuses(List<Event> events) {
    List<StatusReport> reports = events.stream().map(OfferHandler::report).toList();
    List<ReportAck> acks;
    try {
      acks = reservations.reportAll(reports);
    } catch (StatusRuntimeException e) {
      long resent = events.stream().filter(OfferHandler::awaitsAcknowledgement).count();
      LOG.warn("{} statuses not stored ({}): Mesos sends {} of them again, the others are asked for by reconciliation",
          reports.size(), e.getStatus().getCode(), resent);
      if (resent < events.size()) {
        onStatusesLost.run();
      }
      return;
    }
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      if (event.hasUpdate()) {
        inFlight.reported(event.getUpdate().getStatus().getTaskId().getValue());
      }
      if (event.hasUpdateOperationStatus()) {
        mesos.get().acknowledgeOperation(event.getUpdateOperationStatus().getStatus());
      } else {
        acknowledgeTask(event.getUpdate().getStatus(), acks.get(i).getKillTask());
      }
    }
  }

  private static boolean awaitsAcknowledgement(Event event) {
    return event.hasUpdateOperationStatus() ? event.getUpdateOperationStatus().getStatus().hasUuid()
        : event.getUpdate().getStatus().hasUuid();
  }

  private void acknowledgeTask(TaskStatus status, boolean stray) {
    if (!strays.reported(status.getTaskId(), status.getAgentId(), stray)) {
      LOG.warn("KILL of stray task {} on agent {} not sent; its status stays unacknowledged, so Mesos sends it again",
          status.getTaskId().getValue(), status.getAgentId().getValue());
      return;
    }
    if (stray) {
      LOG.info("killing stray task {} on agent {}", status.getTaskId().getValue(), status.getAgentId().getValue());
    }
    mesos.get().acknowledge(status);
  }

  private static StatusReport report(Event event) {
    if (event.hasUpdateOperationStatus()) {
      OperationStatus status = event.getUpdateOperationStatus().getStatus();
      return StatusReport.newBuilder().setOperation(OperationStatusReport.newBuilder()
          .setOperationId(status.getOperationId().getValue()).setAgentId(status.getAgentId().getValue())
          .setState(status.getState().name()).setMessage(status.getMessage())
          .setUuid(ByteString.copyFrom(status.getUuid().getValue().toByteArray()))).build();
    }
    TaskStatus status = event.getUpdate().getStatus();
    TaskStatusReport.Builder report = TaskStatusReport.newBuilder().setTaskId(status.getTaskId().getValue())
        .setAgentId(status.getAgentId().getValue()).setState(status.getState().name())
        .setReason(status.hasReason() ? status.getReason().name() : "").setMessage(status.getMessage())
        .setUuid(ByteString.copyFrom(status.getUuid().toByteArray()))
        .setTimestampMicros((long) (status.getTimestamp() * 1_000_000));
    if (status.hasHealthy()) {
      report.setHealthy(status.getHealthy());
    }
    return StatusReport.newBuilder().setTask(report).build();
  }

  @Override
  public void disconnected(String reason) {
    LOG.warn("Mesos subscription lost: {}", reason);
  }

  @Override
  public void error(String message) {
    LOG.error("Mesos master sent an error: {}", message);
  }
}
