package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;

/**
 * One cell of the transition table. {@code instance} is the stored instance, except for task statuses, where the
 * reported task already carries its new Mesos state and message.
 */
@FunctionalInterface
interface Step {
  Outcome apply(Instance instance, InstanceEvent event, Backoff backoff);

  /** The event is legal here and changes nothing. */
  Step IGNORE = (instance, event, backoff) -> Outcome.to(instance);

  /** Keep what the event reported (a task's Mesos state), leave the instance state as it is. */
  Step RECORD = IGNORE;
}
