package io.mooring.offer.mesos;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Builds the scheduler calls. All but SUBSCRIBE come back without {@code framework_id}: the sender fills it in from
 * the subscription it sends them on.
 */
final class Calls {
  /** MULTI_ROLE with one role; the rest so that offers, reservations and states come in their modern form. */
  private static final List<FrameworkInfo.Capability.Type> CAPABILITIES = List.of(
      FrameworkInfo.Capability.Type.MULTI_ROLE, FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT,
      FrameworkInfo.Capability.Type.PARTITION_AWARE, FrameworkInfo.Capability.Type.TASK_KILLING_STATE,
      FrameworkInfo.Capability.Type.GPU_RESOURCES);

  private Calls() {}

  /** SUBSCRIBE; with a known id both {@code framework_id} and {@code framework_info.id} carry it, as Mesos requires. */
  static Call subscribe(MesosSettings settings, Optional<String> frameworkId) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
        .setUser(user())
        .setName(settings.frameworkName())
        .setFailoverTimeout(settings.failoverTimeout().toMillis() / 1000.0)
        .setCheckpoint(true)
        .addRoles(settings.role());
    CAPABILITIES.forEach(c -> info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(c)));
    if (!settings.principal().isEmpty()) info.setPrincipal(settings.principal());
    if (!settings.hostname().isEmpty()) info.setHostname(settings.hostname());
    if (!settings.webuiUrl().isEmpty()) info.setWebuiUrl(settings.webuiUrl());
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
    frameworkId.ifPresent(id -> {
      FrameworkID fid = FrameworkID.newBuilder().setValue(id).build();
      info.setId(fid);
      call.setFrameworkId(fid);
    });
    return call.setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
  }

  /** The HTTP API needs the user set explicitly; "root" when the JVM does not know its user. */
  private static String user() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "root" : user;
  }

  static Call.Builder accept(List<OfferID> offerIds, List<Offer.Operation> operations, double refuseSeconds) {
    return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
        .addAllOfferIds(offerIds).addAllOperations(operations).setFilters(filters(refuseSeconds)));
  }

  static Call.Builder decline(List<OfferID> offerIds, double refuseSeconds) {
    return Call.newBuilder().setType(Call.Type.DECLINE)
        .setDecline(Call.Decline.newBuilder().addAllOfferIds(offerIds).setFilters(filters(refuseSeconds)));
  }

  private static Filters filters(double refuseSeconds) {
    return Filters.newBuilder().setRefuseSeconds(refuseSeconds).build();
  }

  static Call.Builder kill(TaskID taskId, AgentID agentId, int gracePeriodSeconds) {
    Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(requireNonNull(taskId, "taskId"));
    if (agentId != null) kill.setAgentId(agentId);
    if (gracePeriodSeconds > 0) {
      kill.setKillPolicy(KillPolicy.newBuilder()
          .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(gracePeriodSeconds * 1_000_000_000L)));
    }
    return Call.newBuilder().setType(Call.Type.KILL).setKill(kill);
  }

  /** For a status with a uuid and an agent id. */
  static Call.Builder acknowledge(TaskStatus status) {
    return Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid()));
  }

  /** For a status with a uuid and an agent id; the call takes the raw bytes of the status' UUID message. */
  static Call.Builder acknowledgeOperation(OperationStatus status) {
    Call.AcknowledgeOperationStatus.Builder ack = Call.AcknowledgeOperationStatus.newBuilder()
        .setAgentId(status.getAgentId()).setOperationId(status.getOperationId()).setUuid(status.getUuid().getValue());
    if (status.hasResourceProviderId()) ack.setResourceProviderId(status.getResourceProviderId());
    return Call.newBuilder().setType(Call.Type.ACKNOWLEDGE_OPERATION_STATUS).setAcknowledgeOperationStatus(ack);
  }

  /** Empty tasks: implicit reconciliation of every task the master knows. */
  static Call.Builder reconcile(List<Call.Reconcile.Task> tasks) {
    return Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder().addAllTasks(tasks));
  }

  static Call.Builder reconcileOperations(List<Call.ReconcileOperations.Operation> operations) {
    return Call.newBuilder().setType(Call.Type.RECONCILE_OPERATIONS)
        .setReconcileOperations(Call.ReconcileOperations.newBuilder().addAllOperations(operations));
  }

  static Call.Builder revive(String role) {
    return Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles(role));
  }

  static Call.Builder suppress(String role) {
    return Call.newBuilder().setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addRoles(role));
  }
}
