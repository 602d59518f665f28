package io.mooring.sim.agent;

import io.mooring.sim.agent.HealthProbes.Attempt;
import io.mooring.sim.agent.HealthProbes.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's Mesos health check, with the semantics of src/checks/health_checker.cpp and checker_process.cpp:
 *
 * <ul>
 *   <li>the first attempt {@code delay_seconds} after the task started (15 s by default), each next one
 *       {@code interval_seconds} (10 s) after the previous one's result; an attempt that takes longer than
 *       {@code timeout_seconds} (20 s; 0 = no limit) fails;
 *   <li>until the first success, a failure within {@code grace_period_seconds} (10 s) of the start is ignored;
 *   <li>the first success, and the first success after failures, report healthy; every failure that counts reports
 *       unhealthy, and the {@code consecutive_failures}-th (3) in a row asks for the task to be killed.
 * </ul>
 *
 * <p>Threading: timers and attempts run on the shared {@link HealthProbes.Shared} threads, never on a container's
 * serial executor, so a slow probe holds up no task. Results are handed to the container's serial executor, where
 * the counting happens and the reports are made, in order with the task's other updates. {@link #stop} may be called
 * from any thread; no report is made after it returns on the serial executor.
 */
final class HealthChecker {
  private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

  /** What the checker tells its container, on the container's serial executor. */
  interface Reports {
    void healthy();

    void unhealthy(boolean kill);
  }

  private final String taskId;
  private final String name;
  private final Supplier<Attempt> probe;
  private final Executor serial;
  private final Reports reports;
  private final long startNanos = System.nanoTime();
  private final long delayNanos;
  private final long intervalNanos;
  private final long timeoutNanos;
  private final long graceNanos;
  private final int killAfter;

  // Confined to the serial executor.
  private boolean initializing = true;
  private int consecutiveFailures;

  // Shared with the timer threads.
  private volatile boolean stopped;
  private ScheduledFuture<?> pending; // guarded by this
  private Attempt running; // guarded by this

  private HealthChecker(String taskId, HealthCheck check, Supplier<Attempt> probe, Executor serial, Reports reports) {
    this.taskId = taskId;
    this.name = check.getType().name() + " health check";
    this.probe = probe;
    this.serial = serial;
    this.reports = reports;
    this.delayNanos = HealthChecks.nanos(check.getDelaySeconds());
    this.intervalNanos = HealthChecks.nanos(check.getIntervalSeconds());
    this.timeoutNanos = HealthChecks.nanos(check.getTimeoutSeconds());
    this.graceNanos = HealthChecks.nanos(check.getGracePeriodSeconds());
    this.killAfter = check.getConsecutiveFailures();
  }

  /**
   * Starts checking a task that just started running (its valid {@code health_check}); the first attempt comes after
   * {@code delay_seconds}. A COMMAND check runs in the task's sandbox with the task's environment.
   */
  static HealthChecker start(ProcessTask task, Executor serial, Reports reports) {
    HealthCheck check = task.task.getHealthCheck();
    long timeoutNanos = HealthChecks.nanos(check.getTimeoutSeconds());
    Supplier<Attempt> probe = switch (check.getType()) {
      case HTTP -> () -> HealthProbes.http(check.getHttp(), timeoutNanos);
      case TCP -> () -> HealthProbes.tcp(check.getTcp());
      case COMMAND -> () -> HealthProbes.command(check.getCommand(), task.environment, task.sandbox);
      default -> throw new IllegalArgumentException("Unsupported health check type " + check.getType());
    };
    HealthChecker checker = new HealthChecker(task.id, check, probe, serial, reports);
    log.info("Starting the {} of task {}: delay {} s, interval {} s, timeout {} s, grace period {} s, {} failures",
        checker.name, task.id, check.getDelaySeconds(), check.getIntervalSeconds(), check.getTimeoutSeconds(),
        check.getGracePeriodSeconds(), check.getConsecutiveFailures());
    checker.schedule(checker.delayNanos);
    return checker;
  }

  /** No more attempts; one under way is abandoned (its process SIGKILLed, its connection closed). Idempotent. */
  void stop() {
    ScheduledFuture<?> next;
    Attempt attempt;
    synchronized (this) {
      if (stopped) return;
      stopped = true;
      next = pending;
      attempt = running;
      pending = null;
      running = null;
    }
    if (next != null) next.cancel(false);
    if (attempt != null) attempt.abort().run();
    log.debug("Stopped the {} of task {}", name, taskId);
  }

  private synchronized void schedule(long delay) {
    if (stopped) return;
    pending = HealthProbes.Shared.TIMERS.schedule(this::perform, delay, TimeUnit.NANOSECONDS);
  }

  /** On a timer thread: starts an attempt and arms its timeout; the outcome goes to the serial executor. */
  private void perform() {
    synchronized (this) {
      if (stopped) return;
      pending = null;
    }
    Attempt attempt;
    try {
      attempt = probe.get();
    } catch (RuntimeException e) {
      attempt = Attempt.done(Outcome.failed("Failed to start the check: " + e));
    }
    synchronized (this) {
      if (stopped) {
        attempt.abort().run();
        return;
      }
      running = attempt;
    }
    CompletableFuture<Outcome> outcome = attempt.outcome();
    ScheduledFuture<?> timeout = null;
    if (timeoutNanos > 0 && !outcome.isDone()) {
      Attempt timed = attempt;
      String why = name + " timed out after " + timeoutNanos / 1e9 + " s";
      timeout = HealthProbes.Shared.TIMERS.schedule(() -> {
        if (outcome.complete(Outcome.failed(why))) timed.abort().run();
      }, timeoutNanos, TimeUnit.NANOSECONDS);
    }
    Attempt done = attempt;
    ScheduledFuture<?> timer = timeout;
    outcome.whenComplete((result, error) -> {
      if (timer != null) timer.cancel(false);
      Outcome o = error == null ? result : Outcome.failed(error.toString());
      serial.execute(() -> handle(done, o));
    });
  }

  /** On the container's serial executor. */
  private void handle(Attempt attempt, Outcome outcome) {
    synchronized (this) {
      if (running == attempt) running = null;
    }
    if (stopped) return; // a kill or the task's end stopped checking meanwhile
    if (outcome.healthy()) {
      success();
    } else {
      failure(outcome.detail());
    }
    schedule(intervalNanos);
  }

  private void success() {
    log.debug("{} of task {} passed", name, taskId);
    // Reported on the first success, and on the first success after failures.
    if (initializing || consecutiveFailures > 0) {
      log.info("{} of task {} passed: healthy", name, taskId);
      initializing = false;
      consecutiveFailures = 0;
      reports.healthy();
      return;
    }
    consecutiveFailures = 0;
  }

  private void failure(String detail) {
    if (initializing && graceNanos > 0 && System.nanoTime() - startNanos <= graceNanos) {
      log.info("Ignoring failure of {} of task {}: still in grace period ({})", name, taskId, detail);
      return;
    }
    consecutiveFailures++;
    boolean kill = consecutiveFailures >= killAfter;
    log.info("{} of task {} failed {} times consecutively: {}", name, taskId, consecutiveFailures, detail);
    reports.unhealthy(kill);
  }
}
