package io.mooring.gc.collect;

import io.mooring.gc.core.Step;
import io.mooring.gc.mesos.OperatorClient;
import io.mooring.gc.mesos.Outcome;
import io.mooring.proto.v1.Cleanup;
import io.mooring.runtime.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the operator calls of one piece of work and says what the record becomes: VERIFYING once Mesos accepted
 * them (the next pass must find nothing left), or the same phase with the error and a backoff. An answer that
 * never came is not a failure: the next look at the agent shows whether the call was applied.
 */
final class Calls {
  private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
  /** A record remembers its attempts, so the wait grows across passes and restarts. */
  private static final RetryPolicy RETRIES = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1));
  private final OperatorClient operator;
  private final Clock clock;

  Calls(OperatorClient operator, Clock clock) {
    this.operator = operator;
    this.clock = clock;
  }

  /** The record after the calls; {@code masterTrouble}: unavailable or unanswered, so stop calling for now. */
  record Performed(Cleanup record, boolean masterTrouble) {}

  Performed perform(Plan.Work work) {
    Cleanup intent = work.intent();
    if (work.step() instanceof Step.Destroy destroy) {
      Outcome destroyed = operator.destroyVolumes(destroy.agent().id(), destroy.volumes());
      if (!(destroyed instanceof Outcome.Accepted)) {
        return failed(intent, "DESTROY_VOLUMES", destroyed);
      }
      LOG.info("destroyed volumes {} of instance {} on agent {} ({}) [{}]", persistenceIds(destroy.volumes()),
          intent.getInstanceId(), destroy.agent().id(), destroy.agent().hostname(), intent.getReason());
      return unreserve(intent, destroy.agent().id(), destroy.agent().hostname(), destroy.thenUnreserve());
    }
    Step.Unreserve unreserve = (Step.Unreserve) work.step();
    return unreserve(intent, unreserve.agent().id(), unreserve.agent().hostname(), unreserve.resources());
  }

  private Performed unreserve(Cleanup intent, String agentId, String hostname, List<Resource> resources) {
    Outcome unreserved = operator.unreserveResources(agentId, resources);
    if (!(unreserved instanceof Outcome.Accepted)) {
      return failed(intent.toBuilder().setPhase(Cleanup.Phase.UNRESERVING).build(), "UNRESERVE_RESOURCES",
          unreserved);
    }
    LOG.info("unreserved {} of instance {} on agent {} ({}) [{}]", names(resources), intent.getInstanceId(),
        agentId, hostname, intent.getReason());
    return new Performed(intent.toBuilder().setPhase(Cleanup.Phase.VERIFYING).setLastError("").setNotBeforeMillis(0)
        .build(), false);
  }

  private Performed failed(Cleanup intent, String call, Outcome outcome) {
    String error = call + ": " + describe(outcome);
    long backoff = RETRIES.delay(intent.getAttempts()).toMillis();
    LOG.warn("{} for instance {} on agent {} did not go through ({}); next try in {} ms", call,
        intent.getInstanceId(), intent.getAgentId(), describe(outcome), backoff);
    return new Performed(intent.toBuilder().setLastError(error).setNotBeforeMillis(clock.millis() + backoff).build(),
        outcome instanceof Outcome.Unavailable || outcome instanceof Outcome.Unknown);
  }

  private static String describe(Outcome outcome) {
    if (outcome instanceof Outcome.Refused r) return "refused " + r.status() + ": " + r.message();
    if (outcome instanceof Outcome.Conflict c) return "conflict (in use or not available): " + c.message();
    if (outcome instanceof Outcome.Unavailable u) return "master unavailable: " + u.message();
    if (outcome instanceof Outcome.Unknown u) return "no answer, known once the agents are read again: " + u.message();
    return "accepted";
  }

  private static List<String> persistenceIds(List<Resource> volumes) {
    return volumes.stream().map(v -> v.getDisk().getPersistence().getId()).toList();
  }

  private static List<String> names(List<Resource> resources) {
    return resources.stream().map(r -> r.getName() + (r.hasScalar() ? " " + r.getScalar().getValue() : "")).toList();
  }
}
