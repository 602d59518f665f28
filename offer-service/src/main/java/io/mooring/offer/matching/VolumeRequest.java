package io.mooring.offer.matching;

import com.google.protobuf.ListValue;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.Volume;
import java.util.List;

/**
 * One persistent volume an app or a pod asks for.
 *
 * @param containerPath the app volume's container path, or the pod volume's name (where the executor mounts it)
 * @param kind null when the spec names a disk type we do not know (it then matches no disk)
 * @param maxSizeMb 0 when absent (only mount volumes have one)
 * @param profile null when absent: then any disk will do, with or without a profile (the seeds' rule)
 */
record VolumeRequest(String containerPath, DiskKind kind, long sizeMb, long maxSizeMb, String profile,
    List<ListValue> constraints) {

  static VolumeRequest of(Volume volume) {
    return of(volume.getContainerPath(), volume.getPersistent());
  }

  static VolumeRequest of(String containerPath, PersistentVolumeInfo p) {
    String profile = p.hasProfileName() && !p.getProfileName().isEmpty() ? p.getProfileName() : null;
    return new VolumeRequest(containerPath,
        DiskKind.ofVolumeType(p.hasType() ? p.getType() : null, profile != null),
        p.getSize(), p.hasMaxSize() ? p.getMaxSize() : 0, profile, List.copyOf(p.getConstraintsList()));
  }
}
