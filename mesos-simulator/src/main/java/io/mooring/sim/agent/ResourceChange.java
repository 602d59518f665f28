package io.mooring.sim.agent;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;

/** What one operation took from the agent's reservations and volumes, and what it gave them, for the checkpoint. */
public record ResourceChange(List<Resource> removed, List<Resource> added) {
  public ResourceChange {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }
}
