package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The cpus, mem, scratch disk, gpus and ports of one task, taken from the resources a request may use (unreserved
 * ones for a first placement, its labelled ones for a relaunch). Volumes are matched apart.
 */
final class TaskResources {
  /** The pieces taken (as offered) and the chosen host ports. */
  record Match(List<Resource> scalars, PortMatcher.Match ports) {
    List<Resource> all() {
      List<Resource> all = new ArrayList<>(scalars);
      all.addAll(ports.resources());
      return List.copyOf(all);
    }
  }

  /** Either a match or the reason of the first resource missing, checked in Marathon's order. */
  record Outcome(Match match, String reason) {}

  private TaskResources() {}

  static Outcome match(List<Resource> usable, AppRequirements need) {
    List<Resource> scalars = new ArrayList<>();
    if (!take(usable, "cpus", need.cpus(), scalars)) return new Outcome(null, RejectReasons.INSUFFICIENT_CPUS);
    if (!take(usable, "mem", need.memMb(), scalars)) return new Outcome(null, RejectReasons.INSUFFICIENT_MEMORY);
    List<Resource> scratchDisks = usable.stream()
        .filter(r -> DiskKind.of(r) == DiskKind.ROOT && !Ownership.isPersistentVolume(r)).toList();
    if (!take(scratchDisks, "disk", need.diskMb(), scalars)) return new Outcome(null, RejectReasons.INSUFFICIENT_DISK);
    if (!take(usable, "gpus", need.gpus(), scalars)) return new Outcome(null, RejectReasons.INSUFFICIENT_GPUS);
    Optional<PortMatcher.Match> ports = PortMatcher.match(usable, need.ports());
    if (ports.isEmpty()) return new Outcome(null, RejectReasons.INSUFFICIENT_PORTS);
    return new Outcome(new Match(List.copyOf(scalars), ports.get()), null);
  }

  /** Adds the pieces of {@code amount} of the named scalar to {@code into}; false when there is not enough. */
  private static boolean take(List<Resource> usable, String name, double amount, List<Resource> into) {
    if (Scalars.millis(amount) <= 0) return true;
    List<Resource> named = usable.stream().filter(r -> r.getName().equals(name) && r.hasScalar()).toList();
    Optional<List<Resource>> pieces = Scalars.take(named, amount);
    pieces.ifPresent(into::addAll);
    return pieces.isPresent();
  }
}
