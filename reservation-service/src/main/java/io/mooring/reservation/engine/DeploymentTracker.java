package io.mooring.reservation.engine;

import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Instance;
import io.mooring.reservation.desired.Definitions;
import io.mooring.reservation.desired.DeploymentCheck;
import io.mooring.reservation.desired.DesiredState;
import io.mooring.runtime.grpc.DomainException;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second, reports the progress of running deployments: the next step once the earlier ones have converged,
 * finished once all have. It runs beside the reconciler so that a slow definition-service never holds up instance
 * changes.
 */
@Requires(env = "reservation-service")
@Context
public class DeploymentTracker {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentTracker.class);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "deployment-tracker");
    thread.setDaemon(true);
    return thread;
  });

  public DeploymentTracker(Reconciler reconciler, DesiredState desired, Definitions definitions) {
    timer.scheduleWithFixedDelay(() -> check(reconciler, desired, definitions), 1, 1, TimeUnit.SECONDS);
  }

  private static void check(Reconciler reconciler, DesiredState desired, Definitions definitions) {
    if (!desired.ready()) {
      return;
    }
    try {
      List<Deployment> running = definitions.runningDeployments();
      if (running.isEmpty()) {
        return;
      }
      Map<String, List<Instance>> byRunSpec = reconciler.call(() -> reconciler.book().all().stream()
          .collect(Collectors.groupingBy(Instance::getRunSpecId)));
      for (Deployment deployment : running) {
        int done = DeploymentCheck.stepsDone(deployment, desired::get, byRunSpec, running);
        if (done == deployment.getStepsCount()) {
          definitions.finished(deployment);
          LOG.info("deployment {} of {} finished", deployment.getId(), DeploymentCheck.affected(deployment));
        } else if (done + 1 > deployment.getCurrentStep()) {
          definitions.progressed(deployment, done + 1);
          LOG.info("deployment {} at step {} of {}", deployment.getId(), done + 1, deployment.getStepsCount());
        }
      }
    } catch (StatusRuntimeException | DomainException e) {
      LOG.debug("deployments not checked now: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("deployment check failed", e);
    }
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
