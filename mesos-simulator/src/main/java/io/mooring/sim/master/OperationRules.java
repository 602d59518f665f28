package io.mooring.sim.master;

import io.mooring.sim.resources.Ids;
import io.mooring.sim.resources.MutableResources;
import io.mooring.sim.resources.ResourceRules;
import io.mooring.sim.resources.Resources;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Volume;

/** The master's validation of RESERVE, UNRESERVE, CREATE and DESTROY (validation.cpp), as pure functions. */
final class OperationRules {
  private OperationRules() {}

  /**
   * RESERVE. For a framework, {@code frameworkRoles} holds its roles and every resource carries allocation_info; for
   * the operator API it is null and allocation_info is forbidden.
   */
  static Optional<String> reserve(List<Resource> resources, String principal, List<String> frameworkRoles) {
    if (resources.isEmpty()) return Optional.of("Invalid RESERVE operation: no resources specified");
    Set<String> allocationRoles = new HashSet<>();
    for (Resource r : resources) {
      if (!ResourceRules.isDynamicallyReserved(r)) {
        return Optional.of("Invalid RESERVE operation: Resource " + brief(r) + " is not dynamically reserved");
      }
      if (r.hasRevocable()) { // validation.cpp validateDynamicReservationInfo
        return Optional.of("Invalid RESERVE operation: Dynamically reserved resource " + brief(r)
            + " cannot be created from revocable resources");
      }
      Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
      if (principal != null) {
        if (!last.hasPrincipal()) {
          return Optional.of("Invalid RESERVE operation: A reserve operation was attempted by principal '" + principal
              + "', but there is a reserved resource in the request with no principal set");
        }
        if (!last.getPrincipal().equals(principal)) {
          return Optional.of("Invalid RESERVE operation: A reserve operation was attempted by authenticated principal '"
              + principal + "', which does not match a reserved resource in the request with principal '"
              + last.getPrincipal() + "'");
        }
      }
      if (frameworkRoles == null) {
        if (r.hasAllocationInfo()) return Optional.of("Invalid RESERVE operation: Resource " + brief(r)
            + " with allocation info cannot be reserved by the operator");
        continue;
      }
      if (!r.hasAllocationInfo()) return Optional.of("Invalid RESERVE operation: Resource " + brief(r)
          + " must have allocation info");
      String role = r.getAllocationInfo().getRole();
      if (!role.equals(last.getRole())) {
        return Optional.of("Invalid RESERVE operation: Resource " + brief(r) + " is allocated to '" + role
            + "' but is being reserved for '" + last.getRole() + "'");
      }
      if (!frameworkRoles.contains(role)) {
        return Optional.of("Invalid RESERVE operation: role '" + role + "' is not one of the framework's roles");
      }
      allocationRoles.add(role);
    }
    if (allocationRoles.size() > 1) {
      return Optional.of("Invalid RESERVE operation: Resources must be allocated to a single role");
    }
    return Optional.empty();
  }

  static Optional<String> unreserve(List<Resource> resources) {
    for (Resource r : resources) {
      if (!ResourceRules.isDynamicallyReserved(r)) {
        return Optional.of("Invalid UNRESERVE operation: Resource " + brief(r) + " is not dynamically reserved");
      }
      if (ResourceRules.isPersistentVolume(r)) {
        return Optional.of("Invalid UNRESERVE operation: A dynamically reserved persistent volume " + brief(r)
            + " cannot be unreserved directly. Please destroy the persistent volume first then unreserve the resource");
      }
    }
    return Optional.empty();
  }

  /**
   * CREATE. {@code onAgent} holds the persistence ids of the agent's checkpointed volumes, against which they must be
   * unique per role; {@code sharedAllowed} is the framework's SHARED_RESOURCES capability (true for the operator).
   */
  static Optional<String> create(List<Resource> volumes, String principal, PersistenceIds onAgent,
      boolean sharedAllowed) {
    PersistenceIds inCall = new PersistenceIds();
    Set<String> allocationRoles = new HashSet<>();
    for (Resource v : volumes) {
      Optional<String> shape = volumeShape(v);
      if (shape.isPresent()) return shape.map(e -> "Invalid CREATE operation: " + e);
      if (ResourceRules.isUnreserved(v)) {
        return Optional.of("Invalid CREATE operation: Persistent volumes cannot be created from unreserved resources");
      }
      if (v.hasShared() && !sharedAllowed) {
        return Optional.of("Invalid CREATE operation: Create volume operation for '" + brief(v)
            + "' has been attempted by framework with no SHARED_RESOURCES capability");
      }
      if (principal != null && !principal.equals(v.getDisk().getPersistence().getPrincipal())) {
        return Optional.of("Invalid CREATE operation: Create volume operation has been attempted by principal '"
            + principal + "', but there is a volume in the operation with principal '"
            + v.getDisk().getPersistence().getPrincipal() + "'");
      }
      if (onAgent.contains(v) || inCall.contains(v)) {
        return Optional.of("Invalid CREATE operation: Persistence ID '" + v.getDisk().getPersistence().getId()
            + "' is not unique");
      }
      inCall.add(v);
      if (v.hasAllocationInfo()) allocationRoles.add(v.getAllocationInfo().getRole());
    }
    if (allocationRoles.size() > 1) {
      return Optional.of("Invalid CREATE operation: Resources must be allocated to a single role");
    }
    return Optional.empty();
  }

  private static Optional<String> volumeShape(Resource v) {
    if (!v.getName().equals("disk")) return Optional.of("Resource " + brief(v) + " is not a disk");
    if (!v.hasDisk() || !v.getDisk().hasPersistence()) {
      return Optional.of("Resource " + brief(v) + " is not a persistent volume");
    }
    if (!v.getDisk().hasVolume()) return Optional.of("Expecting 'volume' to be set for persistent volume");
    Volume volume = v.getDisk().getVolume();
    if (volume.hasHostPath()) return Optional.of("Expecting 'host_path' to be unset for persistent volume");
    if (volume.getMode() == Volume.Mode.RO) return Optional.of("Read-only persistent volume not supported");
    if (v.hasRevocable()) return Optional.of("Persistent volumes cannot be revocable");
    return Ids.validate(v.getDisk().getPersistence().getId()).map(e -> "Invalid persistence ID: " + e);
  }

  /** DESTROY: each volume must be checkpointed on the agent and not in use by a task or executor. */
  static Optional<String> destroy(List<Resource> volumes, MutableResources agentTotal, Resources inUse) {
    for (Resource v : volumes) {
      if (!ResourceRules.isPersistentVolume(v)) {
        return Optional.of("Invalid DESTROY operation: Resource " + brief(v) + " is not a persistent volume");
      }
    }
    Resources requested = Resources.of(volumes).unallocated();
    if (!agentTotal.contains(requested)) {
      return Optional.of("Invalid DESTROY operation: Persistent volumes not found");
    }
    for (Resource v : requested) {
      if (inUse.contains(v)) return Optional.of("Invalid DESTROY operation: Persistent volumes in use");
    }
    return Optional.empty();
  }

  static String brief(Resource r) {
    String value = switch (r.getType()) {
      case SCALAR -> String.valueOf(r.getScalar().getValue());
      case RANGES -> r.getRanges().getRangeList().stream().map(x -> x.getBegin() + "-" + x.getEnd()).toList().toString();
      case SET -> r.getSet().getItemList().toString();
      default -> "";
    };
    return r.getName() + ":" + value + "(" + ResourceRules.reservationRole(r) + ")";
  }
}
