package io.mooring.definition.store;

import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.RollbackImage;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.runtime.etcd.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One change of desired state, committed in one transaction: the run specs it writes or deletes (each guarded by
 * the revisions it was read at), the groups it records or deletes, its deployment with what it changed as it was
 * before, the running deployments a forced change cancels, and the service ports it gives (to an app) or frees
 * (empty), of which {@code newServicePorts} must be free until then.
 */
public record ChangeSet(String version, List<Write> writes, List<Group> groups, List<String> deletedGroups,
    Deployment deployment, RollbackImage before, List<Versioned<Deployment>> canceled,
    Map<Integer, Optional<String>> servicePorts, Set<Integer> newServicePorts) {

  /**
   * A run spec's new state ({@code after} empty: deleted), if it is still at {@code expectedRevision} (0: absent)
   * and its lock at {@code lockRevision} (0: unlocked; -1: not compared, for a change that locks nothing).
   */
  public record Write(String id, long expectedRevision, long lockRevision, Optional<StoredRunSpec> after) {}

  /** Operations the transaction needs, near enough to keep it under etcd's limit. */
  public int operations() {
    return 3 * writes.size() + 4 * groups.size() + 4 * deletedGroups.size() + 3 + servicePorts.size()
        + canceled.stream().mapToInt(c -> 2 + DefinitionStore.affected(c.value()).size()).sum();
  }
}
