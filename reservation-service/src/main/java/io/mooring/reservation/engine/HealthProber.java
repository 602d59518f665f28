package io.mooring.reservation.engine;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.mooring.proto.v1.StatusReport;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.reservation.core.Probing;
import io.mooring.reservation.core.Probing.Decision;
import io.mooring.reservation.core.Probing.Target;
import io.mooring.reservation.desired.DesiredState;
import io.mooring.runtime.grpc.DomainException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks Mooring runs itself ({@link Probing}) on the replica that holds the writer lock: once a second it
 * reads the running tasks to probe, starts the probes that are due (at most {@link #MAX_IN_FLIGHT} at once; the rest
 * wait for a later tick), and reports what the finished ones changed as Mesos reports its own checks: a status of
 * the task in its current state with {@code healthy} (or {@code ready}) set. Only changes are written. A task that
 * failed its check too often is killed and relaunched on its reservation.
 */
@Requires(env = "reservation-service")
@Context
public class HealthProber {
  private static final Logger LOG = LoggerFactory.getLogger(HealthProber.class);
  static final int MAX_IN_FLIGHT = 256;
  private static final int MAX_REPORTS = 500;

  private final Reconciler reconciler;
  private final DesiredState desired;
  private final InstanceCommands commands;
  private final Clock clock;
  private final Probes probes = new Probes();
  private final Map<String, Probing.State> states = new HashMap<>();  // the tick thread's alone
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "health-prober");
    thread.setDaemon(true);
    return thread;
  });

  private record Result(String key, boolean ok) {}

  public HealthProber(Reconciler reconciler, DesiredState desired, InstanceCommands commands, Clock clock) {
    this.reconciler = reconciler;
    this.desired = desired;
    this.commands = commands;
    this.clock = clock;
    timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private void tick() {
    if (states.isEmpty() && results.isEmpty() && !desired.any(Probing::probed)) {
      return;  // nothing to probe: the reconciler's thread is left alone
    }
    try {
      List<Target> targets = reconciler.call(() -> Probing.targets(reconciler.book().all(), desired::get));
      Map<String, Target> byKey = new HashMap<>();
      targets.forEach(target -> byKey.put(target.key(), target));
      states.keySet().retainAll(byKey.keySet());
      apply(decide(byKey));
      start(targets);
    } catch (DomainException e) {
      LOG.debug("no probes now: {}", e.getMessage());  // a standby, or still loading
    } catch (RuntimeException e) {
      LOG.warn("probing failed", e);
    }
  }

  /** The finished probes' consequences, for tasks still probed. */
  private Map<Target, Decision> decide(Map<String, Target> byKey) {
    Map<Target, Decision> decisions = new HashMap<>();
    long now = clock.millis();
    for (Result result = results.poll(); result != null; result = results.poll()) {
      Target target = byKey.get(result.key());
      if (target != null) {
        Decision decision = Probing.result(target, states.getOrDefault(result.key(), Probing.State.first(now)),
            result.ok(), now);
        states.put(result.key(), decision.state());
        decisions.put(target, decision);
      }
    }
    return decisions;
  }

  private void apply(Map<Target, Decision> decisions) {
    List<StatusReport> reports = new ArrayList<>();
    decisions.forEach((target, decision) -> {
      if (decision.healthy().isPresent() || decision.ready()) {
        TaskStatusReport.Builder report = TaskStatusReport.newBuilder().setTaskId(target.taskId())
            .setAgentId(target.agentId()).setState(target.state()).setMessage(target.message());
        decision.healthy().ifPresent(report::setHealthy);
        if (decision.ready()) {
          report.setReady(true);
        }
        reports.add(StatusReport.newBuilder().setTask(report).build());
      }
    });
    for (int from = 0; from < reports.size(); from += MAX_REPORTS) {
      commands.reportAll(reports.subList(from, Math.min(reports.size(), from + MAX_REPORTS)));
    }
    decisions.forEach((target, decision) -> {
      if (decision.kill()) {
        commands.killTask(target.taskId(), "failed " + decision.state().failures() + " health checks in a row");
      }
    });
  }

  private void start(List<Target> targets) {
    long now = clock.millis();
    for (Target target : targets) {
      Probing.State state = states.computeIfAbsent(target.key(), key -> Probing.State.first(now));
      if (state.nextDueMillis() > now || inFlight.size() >= MAX_IN_FLIGHT || !inFlight.add(target.key())) {
        continue;
      }
      probes.probe(target).whenComplete((ok, error) -> {
        results.add(new Result(target.key(), error == null && ok));
        inFlight.remove(target.key());
      });
    }
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
    probes.close();
  }
}
