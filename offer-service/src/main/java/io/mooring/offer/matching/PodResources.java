package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The resources of one pod instance: matched as a whole (so the reasons come in Marathon's order and exact host ports
 * are honoured before any port is picked), then split into the executor's share and each container's, every share a
 * set of pieces of what was matched. Volumes are matched apart.
 */
final class PodResources {
  /**
   * @param total the whole match, as TaskResources gives it: what a first placement reserves
   * @param executor the executor's cpus, mem and scratch disk
   * @param containers per container: its cpus, mem, scratch disk, gpus and ports
   * @param hostPorts per container: its host ports, in endpoint order
   */
  record Match(TaskResources.Match total, List<Resource> executor, List<List<Resource>> containers,
      List<List<Integer>> hostPorts) {

    /** The same shares with every piece changed alike (a first placement launches on reserved copies). */
    Match map(UnaryOperator<Resource> change) {
      return new Match(total, executor.stream().map(change).toList(),
          containers.stream().map(c -> c.stream().map(change).toList()).toList(), hostPorts);
    }
  }

  /** Either a match or the reason of the first resource missing. */
  record Outcome(Match match, String reason) {}

  private PodResources() {}

  static Outcome match(List<Resource> usable, PodRequirements need) {
    TaskResources.Outcome whole = TaskResources.match(usable, need.total());
    if (whole.reason() != null) return new Outcome(null, whole.reason());
    ResourcePool left = ResourcePool.of(whole.match().scalars());
    List<Resource> executor = share(left, need.executor());
    left = left.minus(executor);
    List<Integer> allPorts = whole.match().ports().hostPorts();
    List<List<Resource>> containers = new ArrayList<>();
    List<List<Integer>> hostPorts = new ArrayList<>();
    int next = 0;
    for (AppRequirements container : need.containers()) {
      List<Resource> pieces = new ArrayList<>(share(left, container));
      left = left.minus(pieces);
      List<Integer> ports = allPorts.subList(next, next + container.ports().size());
      next += ports.size();
      pieces.addAll(portPieces(whole.match().ports().resources(), ports));
      containers.add(List.copyOf(pieces));
      hostPorts.add(List.copyOf(ports));
    }
    return new Outcome(new Match(whole.match(), executor, List.copyOf(containers), List.copyOf(hostPorts)), null);
  }

  /** One part's scalars from what is left of the whole: always there, the whole being the sum of the parts. */
  private static List<Resource> share(ResourcePool left, AppRequirements part) {
    AppRequirements scalars = new AppRequirements(part.cpus(), part.memMb(), part.diskMb(), part.gpus(), List.of(),
        List.of());
    TaskResources.Outcome outcome = TaskResources.match(left.resources(), scalars);
    if (outcome.reason() != null) throw new IllegalStateException("the parts exceed the whole: " + outcome.reason());
    return outcome.match().scalars();
  }

  /** The chosen ports of one container as pieces of the matched port resources. */
  private static List<Resource> portPieces(List<Resource> matchedPorts, List<Integer> ports) {
    if (ports.isEmpty()) return List.of();
    return PortMatcher.match(matchedPorts, ports.stream().map(PortRequest::exactly).toList())
        .orElseThrow(() -> new IllegalStateException("chosen ports not in the match: " + ports)).resources();
  }
}
