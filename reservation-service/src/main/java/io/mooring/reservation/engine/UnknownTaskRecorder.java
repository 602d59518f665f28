package io.mooring.reservation.engine;

import io.micronaut.context.annotation.Value;
import io.mooring.proto.v1.UnknownTaskStatus;
import io.mooring.reservation.core.RateBudget;
import io.mooring.reservation.store.InstanceStore;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records terminal statuses of tasks of no instance for the event stream: those of one report call in one write of
 * one key, and no more than {@code mooring.reservation.max-unknown-terminated-per-second} a second (so no more writes
 * either), so that a storm of them (an agent back with the tasks of long expunged instances) cannot flood etcd; the
 * rest are logged and not announced. Best effort, as Marathon's event bus is: a failed write loses its events, and
 * the statuses are acknowledged all the same. Confined to the reconciler thread.
 */
@Singleton
public class UnknownTaskRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(UnknownTaskRecorder.class);
  private final InstanceStore store;
  private RateBudget budget;

  public UnknownTaskRecorder(InstanceStore store,
      @Value("${mooring.reservation.max-unknown-terminated-per-second:100}") int perSecond) {
    this.store = store;
    this.budget = RateBudget.full(perSecond, 0);
  }

  void record(List<UnknownTaskStatus> statuses, long nowMillis) {
    if (statuses.isEmpty()) {
      return;
    }
    RateBudget.Taken taken = budget.take(statuses.size(), nowMillis);
    budget = taken.left();
    List<UnknownTaskStatus> recorded = statuses.subList(0, taken.granted());
    if (recorded.size() < statuses.size()) {
      LOG.warn("{} terminal statuses of tasks of no instance not announced: more than {} a second",
          statuses.size() - recorded.size(), budget.perSecond());
    }
    if (recorded.isEmpty()) {
      return;
    }
    recorded.forEach(status -> LOG.info("task {} of unknown instance {} is {}", status.getTaskId(),
        status.getInstanceId(), status.getState()));
    try {
      store.recordUnknownTerminated(recorded);
    } catch (RuntimeException e) {
      LOG.warn("{} terminal statuses of tasks of no instance not announced: {}", recorded.size(), e.getMessage());
    }
  }
}
