package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Places persistent volumes on the offer's disks (Marathon ResourceMatcher.matchDiskResource): each volume on one disk
 * of its kind, never split; biggest volumes first; root disks in offer order, path disks largest first (to spread),
 * mount disks taken whole if big enough and not above maxSize. Profile and path constraints must hold.
 */
final class DiskMatcher {
  /** A volume and the disk piece it will be created on: {@code sizeMb} of a root/path disk, or a whole mount disk. */
  record Placement(VolumeRequest volume, Resource disk) {}

  private DiskMatcher() {}

  /** Placements in the order of {@code volumes}; empty when one of them fits no disk. */
  static Optional<List<Placement>> match(List<Resource> disks, List<VolumeRequest> volumes) {
    List<Resource> candidates = disks.stream().filter(d -> DiskKind.of(d) != null && !Ownership.isPersistentVolume(d))
        .toList();
    long[] left = candidates.stream().mapToLong(Scalars::millis).toArray();
    List<VolumeRequest> biggestFirst = new ArrayList<>(volumes);
    biggestFirst.sort(Comparator.comparingLong(VolumeRequest::sizeMb).reversed());
    Map<VolumeRequest, Resource> placed = new IdentityHashMap<>();
    for (VolumeRequest volume : biggestFirst) {
      int index = choose(candidates, left, volume);
      if (index < 0) return Optional.empty();
      Resource disk = candidates.get(index);
      if (volume.kind() == DiskKind.MOUNT) {
        placed.put(volume, disk);
        left[index] = 0;
      } else {
        long size = Scalars.millis(volume.sizeMb());
        placed.put(volume, Scalars.withMillis(disk, size));
        left[index] -= size;
      }
    }
    return Optional.of(volumes.stream().map(v -> new Placement(v, placed.get(v))).toList());
  }

  private static int choose(List<Resource> candidates, long[] left, VolumeRequest volume) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (DiskKind.of(candidates.get(i)) == volume.kind() && acceptable(candidates.get(i), volume)) order.add(i);
    }
    // the sort is stable: equal sizes stay in offer order
    if (volume.kind() == DiskKind.PATH) order.sort(Comparator.comparingLong((Integer i) -> left[i]).reversed());
    long size = Scalars.millis(volume.sizeMb());
    for (int i : order) {
      if (left[i] < size) continue;
      if (volume.kind() == DiskKind.MOUNT && !fitsWhole(candidates.get(i), left[i], volume)) continue;
      return i;
    }
    return -1;
  }

  /** A mount disk is consumed whole: unused, and not bigger than the volume's maxSize. */
  private static boolean fitsWhole(Resource disk, long left, VolumeRequest volume) {
    long whole = Scalars.millis(disk);
    return left == whole && (volume.maxSizeMb() <= 0 || whole <= Scalars.millis(volume.maxSizeMb()));
  }

  private static boolean acceptable(Resource disk, VolumeRequest volume) {
    Resource.DiskInfo.Source source = disk.getDisk().getSource();
    boolean profileOk = volume.profile() == null
        || (source.hasProfile() && source.getProfile().equals(volume.profile()));
    return profileOk && VolumeConstraints.satisfied(volume.constraints(), DiskKind.rootPath(disk));
  }
}
