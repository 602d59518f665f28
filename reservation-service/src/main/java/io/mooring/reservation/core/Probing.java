package io.mooring.reservation.core;

import io.mooring.model.HealthChecks;
import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pure: the checks Mooring runs itself (Marathon 1.11's HTTP, HTTPS and TCP health checks, and readiness checks)
 * and what their results mean, as Marathon reads them. Mesos runs the other health checks.
 */
public final class Probing {
  private Probing() {}

  public enum Kind { HEALTH, READINESS }

  /**
   * One running task to probe: where, how, and what is stored of it now ({@code healthy}, {@code ready}) so that only
   * a change is reported. {@code startedMillis}: when the task started, for the grace period.
   */
  public record Target(Kind kind, String instanceId, String taskId, String agentId, String state, String message,
      String host, int port, String protocol, String path, int intervalSeconds, int timeoutSeconds,
      int gracePeriodSeconds, int maxConsecutiveFailures, List<Integer> readyStatuses, long startedMillis,
      Optional<Boolean> healthy) {
    public String key() {
      return kind + " " + taskId;
    }
  }

  /** What is remembered of a target between probes: never stored, a restart starts counting afresh. */
  public record State(long nextDueMillis, int failures, boolean everHealthy) {
    public static State first(long nowMillis) {
      return new State(nowMillis, 0, false);
    }
  }

  /** A probe's consequence: the new state, a health or readiness to report, and whether to kill the task. */
  public record Decision(State state, Optional<Boolean> healthy, boolean ready, boolean kill) {}

  /** Whether the run spec has a check Mooring runs: a health check of its own or a readiness check. */
  public static boolean probed(RunSpec spec) {
    return spec.hasApp() && (HealthChecks.runByMooring(spec.getApp()).isPresent()
        || HealthChecks.readiness(spec).isPresent());
  }

  /** The targets among {@code instances}: running tasks of apps with a check Mooring runs. */
  public static List<Target> targets(Collection<Instance> instances, Function<String, Optional<RunSpec>> specs) {
    List<Target> targets = new ArrayList<>();
    for (Instance instance : instances) {
      if (instance.getGoal() != Goal.RUNNING || instance.getState() != InstanceState.RUNNING_STATE
          || !InstanceStates.isActive(instance) || instance.getTasksCount() != 1) {
        continue;
      }
      Optional<RunSpec> spec = specs.apply(instance.getRunSpecId());
      if (spec.isEmpty() || !spec.get().hasApp()) {
        continue;
      }
      Task task = instance.getTasks(0);
      if (!task.getMesosState().equals("TASK_RUNNING")) {
        continue;
      }
      String host = instance.getReservation().getHostname();
      long started = Timestamps.parse(task.getStartedAt()).map(Instant::toEpochMilli).orElse(0L);
      Optional<Boolean> healthy = task.hasHealthy() ? Optional.of(task.getHealthy()) : Optional.empty();
      HealthChecks.runByMooring(spec.get().getApp()).ifPresent(check -> port(task, check.port(), check.portIndex())
          .ifPresent(port -> targets.add(new Target(Kind.HEALTH, instance.getInstanceId(), task.getTaskId(),
              instance.getReservation().getAgentId(), task.getMesosState(), task.getMessage(), host, port,
              check.protocol(), check.path(), check.intervalSeconds(), check.timeoutSeconds(),
              check.gracePeriodSeconds(), check.maxConsecutiveFailures(), List.of(), started, healthy))));
      boolean current = instance.getConfigVersion().equals(RunSpecs.configVersion(spec.get()));
      if (current && !(task.hasReady() && task.getReady())) {
        HealthChecks.readiness(spec.get()).ifPresent(check -> port(task, Optional.empty(),
            check.portIndex(spec.get().getApp())).ifPresent(port -> targets.add(new Target(Kind.READINESS,
                instance.getInstanceId(), task.getTaskId(), instance.getReservation().getAgentId(),
                task.getMesosState(), task.getMessage(), host, port, check.protocol(), check.path(),
                check.intervalSeconds(), check.timeoutSeconds(), 0, 0, List.copyOf(check.readyStatuses()), started,
                healthy))));
      }
    }
    return targets;
  }

  /** Whether an HTTP status passes: a health check takes 2xx and 3xx, as Marathon does; readiness its own list. */
  public static boolean passes(Target target, int httpStatus) {
    return target.kind() == Kind.READINESS ? target.readyStatuses().contains(httpStatus)
        : httpStatus >= 200 && httpStatus < 400;
  }

  /**
   * A probe's result. Health: a success makes the task healthy; a failure counts only after the grace period, unless
   * the task was healthy before, and {@code maxConsecutiveFailures} of them (0: never) kill it. Readiness: the first
   * success is reported once; failures just wait for the next probe.
   */
  public static Decision result(Target target, State state, boolean ok, long nowMillis) {
    State next = new State(nowMillis + target.intervalSeconds() * 1000L, state.failures(), state.everHealthy());
    if (target.kind() == Kind.READINESS) {
      return new Decision(next, Optional.empty(), ok, false);
    }
    if (ok) {
      State healthy = new State(next.nextDueMillis(), 0, true);
      return new Decision(healthy, changed(target, true), false, false);
    }
    boolean inGrace = !state.everHealthy() && nowMillis < target.startedMillis() + target.gracePeriodSeconds() * 1000L;
    if (inGrace) {
      return new Decision(next, Optional.empty(), false, false);
    }
    int failures = state.failures() + 1;
    boolean kill = target.maxConsecutiveFailures() > 0 && failures >= target.maxConsecutiveFailures();
    return new Decision(new State(next.nextDueMillis(), failures, state.everHealthy()), changed(target, false),
        false, kill);
  }

  private static Optional<Boolean> changed(Target target, boolean healthy) {
    return target.healthy().equals(Optional.of(healthy)) ? Optional.empty() : Optional.of(healthy);
  }

  private static Optional<Integer> port(Task task, Optional<Integer> fixed, int index) {
    if (fixed.isPresent()) {
      return fixed;
    }
    return index < task.getHostPortsCount() ? Optional.of(task.getHostPorts(index)) : Optional.empty();
  }
}
