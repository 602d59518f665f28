package io.mooring.reservation.core;

import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The launch and kill queues that offer-service consumes, derived from the instances alone. */
public final class Queues {
  private static final Comparator<Instance> BY_ID =
      Comparator.comparing(Instance::getRunSpecId).thenComparing(Instance::getInstanceId);

  private Queues() {}

  /**
   * Instances that want an offer now: goal Running, no task (SCHEDULED or SUSPENDED), not backing off, and set to
   * the spec's config version (an instance still waiting for its new version must not launch the old one).
   */
  public static List<LaunchRequest> launchQueue(Collection<Instance> instances,
      Function<String, Optional<RunSpec>> specs, long nowMillis) {
    Map<String, List<Instance>> byRunSpec = instances.stream().sorted(BY_ID)
        .collect(Collectors.groupingBy(Instance::getRunSpecId));
    List<LaunchRequest> requests = new ArrayList<>();
    for (Instance instance : instances.stream().sorted(BY_ID).toList()) {
      Optional<RunSpec> spec = specs.apply(instance.getRunSpecId());
      if (spec.isPresent() && wantsOffer(instance, spec.get(), nowMillis)) {
        requests.add(LaunchRequest.newBuilder()
            .setInstance(instance)
            .setSpec(spec.get())
            .setOnReservation(instance.hasReservation() && instance.getReservation().getConfirmed())
            .addAllPeerHosts(hasConstraints(spec.get())
                ? peerHosts(instance, byRunSpec.get(instance.getRunSpecId())) : List.of())
            .build());
      }
    }
    return requests;
  }

  /** Active tasks that must die: their instance no longer wants to run, or a kill without wipe was asked for. */
  public static List<KillRequest> killQueue(Collection<Instance> instances, Function<String, Optional<RunSpec>> specs) {
    List<KillRequest> requests = new ArrayList<>();
    for (Instance instance : instances.stream().sorted(BY_ID).toList()) {
      if (!InstanceStates.isActive(instance)) {
        continue;
      }
      int grace = specs.apply(instance.getRunSpecId()).map(RunSpecs::killGracePeriodSeconds).orElse(0);
      for (Task task : instance.getTasksList()) {
        boolean unwanted = instance.getGoal() != Goal.RUNNING || task.getTaskId().equals(instance.getKillTaskId());
        if (unwanted && !TaskCondition.of(task).isTerminal()) {
          requests.add(KillRequest.newBuilder().setInstanceId(instance.getInstanceId()).setTaskId(task.getTaskId())
              .setAgentId(instance.getReservation().getAgentId()).setGracePeriodSeconds(grace).build());
        }
      }
    }
    return requests;
  }

  /** The earliest time at which the launch queue may change by time alone: a backoff ending. */
  public static OptionalLong nextWakeUp(Collection<Instance> instances, long nowMillis) {
    OptionalLong earliest = OptionalLong.empty();
    for (Instance instance : instances) {
      long at = Long.MAX_VALUE;
      if (waitsForOffer(instance) && instance.getBackoffUntilMillis() > nowMillis) {
        at = instance.getBackoffUntilMillis();
      }
      if (at != Long.MAX_VALUE && (earliest.isEmpty() || at < earliest.getAsLong())) {
        earliest = OptionalLong.of(at);
      }
    }
    return earliest;
  }

  private static boolean wantsOffer(Instance instance, RunSpec spec, long nowMillis) {
    return waitsForOffer(instance) && instance.getBackoffUntilMillis() <= nowMillis
        && instance.getConfigVersion().equals(RunSpecs.configVersion(spec))
        && instance.getVolumesCount() == RunSpecs.persistentVolumePaths(spec).size();
  }

  private static boolean waitsForOffer(Instance instance) {
    return instance.getGoal() == Goal.RUNNING
        && (instance.getState() == InstanceState.SCHEDULED || instance.getState() == InstanceState.SUSPENDED);
  }

  /** Peer hosts are only for constraints; without any, leaving them out keeps the queue linear in its size. */
  private static boolean hasConstraints(RunSpec spec) {
    return spec.hasApp() ? spec.getApp().getConstraintsCount() > 0
        : spec.getPod().getScheduling().getPlacement().getConstraintsCount() > 0;
  }

  /** Where the run spec's other instances hold reservations (for constraints such as hostname UNIQUE). */
  private static List<String> peerHosts(Instance instance, List<Instance> siblings) {
    return siblings.stream()
        .filter(other -> !other.getInstanceId().equals(instance.getInstanceId()))
        .filter(other -> other.getGoal() != Goal.DECOMMISSIONED && other.hasReservation())
        .map(other -> other.getReservation().getHostname())
        .filter(host -> !host.isEmpty())
        .toList();
  }
}
