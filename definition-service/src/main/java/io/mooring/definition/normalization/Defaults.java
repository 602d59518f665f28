package io.mooring.definition.normalization;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.mooring.proto.v1.ExecutorResources;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.ResourceLimits;
import io.mooring.proto.v1.UpgradeStrategy;

/** Marathon's defaults (as in Marathon 1.11) shared by apps and pods. */
final class Defaults {
  static final Value UNREACHABLE_DISABLED = Value.newBuilder().setStringValue("disabled").build();
  static final Value UNREACHABLE_ENABLED = Value.newBuilder().setStructValue(Struct.newBuilder()
      .putFields("inactiveAfterSeconds", Value.newBuilder().setNumberValue(300).build())
      .putFields("expungeAfterSeconds", Value.newBuilder().setNumberValue(600).build())).build();

  private Defaults() {}

  /** Resident: {0.5, 0} (kill before launch, never over capacity); otherwise {1, 1}. Given values are kept. */
  static UpgradeStrategy upgrade(boolean present, UpgradeStrategy given, boolean resident) {
    UpgradeStrategy.Builder strategy = present ? given.toBuilder() : UpgradeStrategy.newBuilder();
    if (!strategy.hasMinimumHealthCapacity()) {
      strategy.setMinimumHealthCapacity(resident ? 0.5 : 1.0);
    }
    if (!strategy.hasMaximumOverCapacity()) {
      strategy.setMaximumOverCapacity(resident ? 0.0 : 1.0);
    }
    return strategy.build();
  }

  static Value unreachable(boolean resident) {
    return resident ? UNREACHABLE_DISABLED : UNREACHABLE_ENABLED;
  }

  /** type defaults to root, or to mount when a profile is named (only mount disks carry profiles). */
  static PersistentVolumeInfo persistent(PersistentVolumeInfo info) {
    if (info.hasType()) {
      return info;
    }
    return info.toBuilder().setType(info.hasProfileName() ? "mount" : "root").build();
  }

  /** Marathon's ExecutorResources defaults for what is not given: 0.1 cpus, 32 MiB of memory, 10 MiB of disk. */
  static ExecutorResources executor(ExecutorResources given) {
    ExecutorResources.Builder executor = given.toBuilder();
    if (!executor.hasCpus()) executor.setCpus(0.1);
    if (!executor.hasMem()) executor.setMem(32);
    if (!executor.hasDisk()) executor.setDisk(10);
    return executor.build();
  }

  /** A limit given as null (or an empty Value) is no limit, as in Marathon. */
  static ResourceLimits limits(ResourceLimits given) {
    ResourceLimits.Builder limits = given.toBuilder();
    if (limits.hasCpus() && absent(limits.getCpus())) limits.clearCpus();
    if (limits.hasMem() && absent(limits.getMem())) limits.clearMem();
    return limits.build();
  }

  private static boolean absent(Value value) {
    return value.getKindCase() == Value.KindCase.NULL_VALUE || value.getKindCase() == Value.KindCase.KIND_NOT_SET;
  }
}
