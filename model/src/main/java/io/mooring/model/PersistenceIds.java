package io.mooring.model;

import java.util.Optional;

/**
 * Marathon's persistence ids, {@code <safeRunSpecId>#<containerPath>#<uuid>} (pods: the volume's name for the path),
 * with a fresh uuid per volume. The id is all Mesos keeps of a volume, so it must name its run spec on its own.
 */
public final class PersistenceIds {
  private static final char SEPARATOR = '#';

  private PersistenceIds() {}

  public static String of(String runSpecId, String containerPath, String uuid) {
    return InstanceIds.safeRunSpecId(runSpecId) + SEPARATOR + containerPath + SEPARATOR + uuid;
  }

  /**
   * The run spec a persistence id names, also when none of its instances exists any more; empty for an id of
   * another shape. A safe id holds no {@code #}, so the first one ends it whatever the container path holds.
   */
  public static Optional<String> runSpecIdOf(String persistenceId) {
    int end = persistenceId.indexOf(SEPARATOR);
    if (end <= 0 || persistenceId.indexOf(SEPARATOR, end + 1) < 0) {
      return Optional.empty();
    }
    return Optional.of(InstanceIds.runSpecIdOf(persistenceId.substring(0, end)));
  }
}
