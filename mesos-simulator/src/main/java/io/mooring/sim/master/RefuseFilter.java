package io.mooring.sim.master;

import io.mooring.sim.resources.Resources;

/** A DECLINE or ACCEPT filter: resources refused on one agent for one role until a deadline. */
record RefuseFilter(Resources refused, long expiresAtMillis) {
  /** Mesos' superset test: a candidate offer is filtered while everything in it was refused. */
  boolean filters(Resources candidate, long now) {
    return now < expiresAtMillis && refused.contains(candidate);
  }
}
