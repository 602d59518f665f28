package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;

/** What the planner asks the shell to do: store a new instance, or apply an event to a stored one. */
public sealed interface Action {
  record Create(Instance instance) implements Action {}

  record Apply(String instanceId, InstanceEvent event) implements Action {}
}
