package io.mooring.offer.mesos;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mesos v1 scheduler HTTP client: holds one subscription (re-subscribing with the same framework id after any
 * disconnection, with backoff, until closed) and sends calls on it. Events go to the {@link SchedulerListener} on its
 * own thread. Calls may be sent from any thread, the listener's included; each blocks until the master answers and
 * returns true only on 202, which means accepted for processing, not done.
 */
public final class MesosScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MesosScheduler.class);

  private final MesosSettings settings;
  private final SchedulerHttp http;
  private final EventDispatcher dispatcher;
  private final Subscription subscription;
  private final AtomicBoolean started = new AtomicBoolean();

  /** frameworkId: read at every (re)subscription; empty = first registration. */
  public MesosScheduler(MesosSettings settings, Supplier<Optional<String>> frameworkId, SchedulerListener listener) {
    this.settings = settings;
    this.http = new SchedulerHttp(settings);
    this.dispatcher = new EventDispatcher(listener);
    this.subscription = new Subscription(settings, frameworkId, http, dispatcher);
  }

  /** Subscribes in the background, and re-subscribes with exponential backoff and jitter until {@link #close()}. */
  public void start() {
    if (!started.compareAndSet(false, true)) throw new IllegalStateException("already started");
    log.info("Connecting to Mesos master {} as framework '{}' with role {}", settings.master(),
        settings.frameworkName(), settings.role());
    subscription.start();
  }

  public boolean connected() {
    return subscription.session().isPresent();
  }

  /** The framework id of the last SUBSCRIBED, kept across disconnections. */
  public Optional<String> frameworkId() {
    return subscription.frameworkId();
  }

  public boolean accept(List<OfferID> offerIds, List<Offer.Operation> operations, double refuseSeconds) {
    return send(Calls.accept(offerIds, operations, refuseSeconds));
  }

  public boolean decline(List<OfferID> offerIds, double refuseSeconds) {
    return send(Calls.decline(offerIds, refuseSeconds));
  }

  /** agentId may be null; gracePeriodSeconds <= 0 leaves the grace period to the task's kill policy. */
  public boolean kill(TaskID taskId, AgentID agentId, int gracePeriodSeconds) {
    return send(Calls.kill(taskId, agentId, gracePeriodSeconds));
  }

  /** Only a status with a uuid is acknowledged (Mesos refuses the others); for the rest this is a no-op. */
  public boolean acknowledge(TaskStatus status) {
    if (!status.hasUuid()) return true;
    if (!status.hasAgentId()) {
      log.warn("Task status of {} has a uuid but no agent id; cannot acknowledge it", status.getTaskId().getValue());
      return false;
    }
    return send(Calls.acknowledge(status));
  }

  /** Only a status with a uuid and an agent id needs (and can take) an acknowledgement; otherwise a no-op. */
  public boolean acknowledgeOperation(OperationStatus status) {
    if (!status.hasUuid() || !status.hasAgentId()) return true;
    return send(Calls.acknowledgeOperation(status));
  }

  /** Empty tasks: implicit reconciliation. Answers come as updates without a uuid. */
  public boolean reconcile(List<Call.Reconcile.Task> tasks) {
    return send(Calls.reconcile(tasks));
  }

  /** Answers come as UPDATE_OPERATION_STATUS events without a uuid (OPERATION_UNKNOWN for what the master lost). */
  public boolean reconcileOperations(List<Call.ReconcileOperations.Operation> operations) {
    return send(Calls.reconcileOperations(operations));
  }

  /** Offers for the role again, clearing its refuse filters. */
  public boolean revive() {
    return send(Calls.revive(settings.role()));
  }

  /** No more offers for the role until revive(); status updates still flow. */
  public boolean suppress() {
    return send(Calls.suppress(settings.role()));
  }

  /** Stops reconnecting and delivering events. Does not tear the framework down: a successor can re-subscribe. */
  @Override
  public void close() {
    subscription.close();
    dispatcher.close();
    log.info("Mesos scheduler client closed");
  }

  private boolean send(Call.Builder call) {
    Optional<Session> current = subscription.session();
    if (current.isEmpty()) {
      log.info("Not subscribed to Mesos; {} not sent", call.getType());
      return false;
    }
    Session session = current.get();
    Call built = call.setFrameworkId(FrameworkID.newBuilder().setValue(session.frameworkId())).build();
    try {
      HttpResponse<String> response = http.post(session.endpoint(), session.streamId(), built);
      if (response.statusCode() == 202) return true;
      log.warn("Mesos master {} refused {}: {} {}", session.endpoint(), built.getType(), response.statusCode(),
          SchedulerHttp.abbreviate(response.body()));
    } catch (IOException e) {
      log.warn("Sending {} to Mesos master {} failed: {}", built.getType(), session.endpoint(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.info("Interrupted while sending {} to Mesos", built.getType());
    }
    return false;
  }
}
