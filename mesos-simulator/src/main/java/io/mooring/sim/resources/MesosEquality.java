package io.mooring.sim.resources;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * The equality operators of src/common/resources.cpp and type_utils.cpp, which differ from proto equality: label
 * order does not matter, and a disk's identity ignores {@code volume} and {@code persistence.principal}.
 */
final class MesosEquality {
  private MesosEquality() {}

  static boolean reservation(ReservationInfo a, ReservationInfo b) {
    return a.getType() == b.getType()
        && a.getRole().equals(b.getRole())
        && a.hasPrincipal() == b.hasPrincipal() && a.getPrincipal().equals(b.getPrincipal())
        && a.hasLabels() == b.hasLabels() && labels(a.getLabels(), b.getLabels());
  }

  /** Same size and every label of a found in b, in any order (type_utils.cpp). */
  static boolean labels(Labels a, Labels b) {
    if (a.getLabelsCount() != b.getLabelsCount()) return false;
    for (Label left : a.getLabelsList()) {
      boolean found = false;
      for (Label right : b.getLabelsList()) {
        if (left.getKey().equals(right.getKey()) && left.getValue().equals(right.getValue())) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** The disk a resource lives on, plus its persistence id; how a task mounts it (volume) is not identity. */
  static boolean disk(DiskInfo a, DiskInfo b) {
    if (a.hasSource() != b.hasSource()) return false;
    if (a.hasSource() && !source(a.getSource(), b.getSource())) return false;
    if (a.hasPersistence() != b.hasPersistence()) return false;
    return !a.hasPersistence() || a.getPersistence().getId().equals(b.getPersistence().getId());
  }

  static boolean source(DiskInfo.Source a, DiskInfo.Source b) {
    return a.getType() == b.getType()
        && a.hasPath() == b.hasPath()
        && optional(a.getPath().hasRoot(), a.getPath().getRoot(), b.getPath().hasRoot(), b.getPath().getRoot())
        && a.hasMount() == b.hasMount()
        && optional(a.getMount().hasRoot(), a.getMount().getRoot(), b.getMount().hasRoot(), b.getMount().getRoot())
        && optional(a.hasVendor(), a.getVendor(), b.hasVendor(), b.getVendor())
        && optional(a.hasId(), a.getId(), b.hasId(), b.getId())
        && a.hasMetadata() == b.hasMetadata() && labels(a.getMetadata(), b.getMetadata())
        && optional(a.hasProfile(), a.getProfile(), b.hasProfile(), b.getProfile());
  }

  private static boolean optional(boolean hasA, String a, boolean hasB, String b) {
    return hasA == hasB && (!hasA || a.equals(b));
  }
}
