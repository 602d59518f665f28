package io.mooring.sim.master;

import io.mooring.sim.resources.Ids;
import io.mooring.sim.resources.Roles;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Validation of scheduler calls (validation.cpp scheduler::call::validate) and of FrameworkInfo, as pure functions. */
public final class CallRules {
  private CallRules() {}

  /** The checks that make the HTTP request a 400 "Failed to validate scheduler::Call: ...". */
  public static Optional<String> call(Call call) {
    if (!call.hasType()) return Optional.of("Expecting 'type' to be present");
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) return Optional.of("Expecting 'subscribe' to be present");
      FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
      // Mesos compares the values: an unset id and an empty one are the same (a first subscription)
      if (!call.getFrameworkId().getValue().equals(info.getId().getValue())) {
        return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
      }
      return Optional.empty();
    }
    if (!call.hasFrameworkId()) return Optional.of("Expecting 'framework_id' to be present");
    return switch (call.getType()) {
      case ACCEPT -> present(call.hasAccept(), "accept");
      case DECLINE -> present(call.hasDecline(), "decline");
      case ACCEPT_INVERSE_OFFERS -> present(call.hasAcceptInverseOffers(), "accept_inverse_offers");
      case DECLINE_INVERSE_OFFERS -> present(call.hasDeclineInverseOffers(), "decline_inverse_offers");
      case KILL -> present(call.hasKill(), "kill");
      case SHUTDOWN -> present(call.hasShutdown(), "shutdown");
      case ACKNOWLEDGE -> call.hasAcknowledge() ? uuid(call.getAcknowledge().getUuid())
          : present(false, "acknowledge");
      case ACKNOWLEDGE_OPERATION_STATUS -> {
        if (!call.hasAcknowledgeOperationStatus()) yield present(false, "acknowledge_operation_status");
        Optional<String> uuid = uuid(call.getAcknowledgeOperationStatus().getUuid());
        if (uuid.isPresent()) yield uuid;
        yield call.getAcknowledgeOperationStatus().hasAgentId() ? Optional.empty()
            : Optional.of("Expecting 'agent_id' to be present");
      }
      case RECONCILE -> present(call.hasReconcile(), "reconcile");
      case RECONCILE_OPERATIONS -> present(call.hasReconcileOperations(), "reconcile_operations");
      case MESSAGE -> present(call.hasMessage(), "message");
      case REQUEST -> present(call.hasRequest(), "request");
      case UPDATE_FRAMEWORK -> {
        if (!call.hasUpdateFramework()) yield present(false, "update_framework");
        yield call.getFrameworkId().equals(call.getUpdateFramework().getFrameworkInfo().getId()) ? Optional.empty()
            : Optional.of("'framework_id' differs from 'update_framework.framework_info.id'");
      }
      default -> Optional.empty();
    };
  }

  private static Optional<String> present(boolean present, String field) {
    return present ? Optional.empty() : Optional.of("Expecting '" + field + "' to be present");
  }

  private static Optional<String> uuid(ByteString uuid) {
    return uuid.size() == 16 ? Optional.empty() : Optional.of("Failed to parse UUID: not 16 bytes");
  }

  /** FrameworkInfo checks whose failure is an ERROR event on an opened stream, not an HTTP error. */
  public static Optional<String> frameworkInfo(FrameworkInfo info, List<String> suppressedRoles) {
    boolean multiRole = info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
    List<String> roles;
    if (multiRole) {
      if (info.hasRole()) return Optional.of("'FrameworkInfo.role' must not be set when MULTI_ROLE capability is enabled");
      Set<String> unique = new HashSet<>();
      for (String role : info.getRolesList()) {
        if (!unique.add(role)) return Optional.of("'FrameworkInfo.roles' contains duplicate role '" + role + "'");
      }
      roles = info.getRolesList();
    } else {
      if (info.getRolesCount() > 0) {
        return Optional.of("'FrameworkInfo.roles' must not be set when MULTI_ROLE capability is disabled");
      }
      roles = List.of(info.getRole());
    }
    for (String role : roles) {
      Optional<String> bad = Roles.validate(role);
      if (bad.isPresent()) return Optional.of("Role '" + role + "' is invalid: " + bad.get());
    }
    for (String role : suppressedRoles) {
      if (!roles.contains(role)) return Optional.of("Suppressed role '" + role + "' is not contained in the list of roles");
    }
    // a valid Duration (stout Duration::create): seconds * 1e9 within int64 nanoseconds; NaN refused as well
    double nanos = info.getFailoverTimeout() * 1e9;
    if (!Double.isFinite(nanos) || nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
      return Optional.of("Invalid failover_timeout: " + info.getFailoverTimeout());
    }
    if (!info.getId().getValue().isEmpty()) {
      Optional<String> id = Ids.validate(info.getId().getValue());
      if (id.isPresent()) return Optional.of("'FrameworkInfo.id' is invalid: " + id.get());
    }
    return Optional.empty();
  }
}
