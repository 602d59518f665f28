package io.mooring.offer.matching;

import java.util.Locale;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;

/** The kinds of disk a persistent volume can live on (Marathon's persistent.type), read from DiskInfo.source. */
enum DiskKind {
  ROOT, PATH, MOUNT;

  /**
   * A volume type from the spec; absent means root, or mount when a profile is named (Marathon 1.8.194+); null for a
   * type we do not know, which then matches no disk.
   */
  static DiskKind ofVolumeType(String type, boolean hasProfile) {
    if (type == null || type.isEmpty()) return hasProfile ? MOUNT : ROOT;
    for (DiskKind kind : values()) if (kind.name().equals(type.toUpperCase(Locale.ROOT))) return kind;
    return null;
  }

  /** The kind of a disk resource; null for disks we never use (BLOCK and RAW) and for non-disk resources. */
  static DiskKind of(Resource r) {
    if (!r.getName().equals("disk")) return null;
    if (!r.hasDisk() || !r.getDisk().hasSource()) return ROOT;
    return switch (r.getDisk().getSource().getType()) {
      case PATH -> PATH;
      case MOUNT -> MOUNT;
      default -> null;
    };
  }

  /** The path volume constraints are matched against: the source root, "" for the root disk. */
  static String rootPath(Resource r) {
    DiskInfo.Source source = r.getDisk().getSource();
    return switch (source.getType()) {
      case PATH -> source.getPath().getRoot();
      case MOUNT -> source.getMount().getRoot();
      default -> "";
    };
  }

  /** Taken whole or not at all (Mesos: MOUNT disks and persistent volumes are indivisible). */
  static boolean isExclusive(Resource r) {
    return Ownership.isPersistentVolume(r) || of(r) == MOUNT;
  }
}
