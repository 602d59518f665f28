package io.mooring.chaos;

import io.mooring.chaos.Violation.Kind;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker's own memory of the data: for every volume it has seen written, whose it is and the lines it held. Data
 * is kept when every later look finds the same volume with those lines first; only the user's wipe or deletion may
 * take it away.
 */
final class Ledger {
  private record Known(String instanceId, String runSpecId, List<String> lines) {}

  private final Map<String, Known> volumes = new HashMap<>();
  private final Set<String> releasedInstances = new HashSet<>();
  private final Set<String> releasedApps = new HashSet<>();

  /** The user wiped the instance: its volume may go. */
  void releaseInstance(String instanceId) {
    releasedInstances.add(instanceId);
  }

  /** The user deleted the app: its instances and volumes may go. */
  void releaseApp(String runSpecId) {
    releasedApps.add(runSpecId);
  }

  int size() {
    return volumes.size();
  }

  /** Instances the user never released whose record, volume or data is gone. */
  List<Violation> lost(Observation o) {
    List<Violation> found = new ArrayList<>();
    volumes.forEach((volume, known) -> {
      if (released(known)) {
        return;
      }
      Instance instance = o.etcd().instances().get(known.instanceId());
      List<VolumeFiles.Dir> dirs = o.volumes().getOrDefault(volume, List.of());
      String problem = null;
      if (instance == null) {
        problem = "record gone";
      } else if (instance.getGoal() == Goal.DECOMMISSIONED) {
        problem = "decommissioned, yet neither wiped nor deleted";
      } else if (!Invariants.persistenceIds(instance).contains(volume)) {
        problem = "no longer owns volume " + volume;
      } else if (dirs.isEmpty()) {
        problem = "volume " + volume + " has no directory";
      } else if (dirs.stream().noneMatch(dir -> startsWith(dir.lines(), known.lines()))) {
        problem = "volume " + volume + " lost data: had " + known.lines() + ", now " + dirs.get(0).lines();
      }
      if (problem != null) {
        found.add(new Violation(Kind.LOST, known.instanceId(), problem, o.recordOf(known.instanceId()),
            o.mesosOf(known.instanceId())));
      }
    });
    return found;
  }

  /** Remembers what the volumes of live instances hold now (call after {@link #lost}, whose findings stay). */
  void remember(Observation o) {
    for (Instance instance : o.etcd().instances().values()) {
      if (instance.getGoal() == Goal.DECOMMISSIONED) {
        continue;
      }
      for (String volume : Invariants.persistenceIds(instance)) {
        List<VolumeFiles.Dir> dirs = o.volumes().getOrDefault(volume, List.of());
        Known known = volumes.get(volume);
        if (dirs.size() == 1 && !dirs.get(0).lines().isEmpty()
            && (known == null || startsWith(dirs.get(0).lines(), known.lines()))) {
          volumes.put(volume, new Known(instance.getInstanceId(), instance.getRunSpecId(), dirs.get(0).lines()));
        }
      }
    }
  }

  private boolean released(Known known) {
    return releasedInstances.contains(known.instanceId()) || releasedApps.contains(known.runSpecId());
  }

  private static boolean startsWith(List<String> lines, List<String> prefix) {
    return lines.size() >= prefix.size() && lines.subList(0, prefix.size()).equals(prefix);
  }
}
