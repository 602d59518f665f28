package io.mooring.definition;

import io.mooring.definition.normalization.AppNormalizer;
import io.mooring.definition.normalization.PodNormalizer;
import io.mooring.definition.validation.AppRules;
import io.mooring.definition.validation.PodRules;
import io.mooring.definition.validation.ResidentUpdateRules;
import io.mooring.definition.validation.Violations;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.VersionInfo;

/**
 * What definition-service does to an app or a pod, each the way its kind needs: normalise, validate, stamp, and the
 * messages that name it. Reading a spec (kind, id, version) is {@link io.mooring.model.RunSpecs}'.
 */
public final class AppOrPod {
  private AppOrPod() {}

  public static RunSpec normalize(RunSpec raw, String defaultRole) {
    return raw.hasApp()
        ? RunSpec.newBuilder().setApp(AppNormalizer.normalize(raw.getApp(), defaultRole)).build()
        : RunSpec.newBuilder().setPod(PodNormalizer.normalize(raw.getPod(), defaultRole)).build();
  }

  public static Violations validate(RunSpec spec) {
    return spec.hasApp() ? AppRules.validate(spec.getApp()) : PodRules.validate(spec.getPod());
  }

  public static Violations validateUpdate(RunSpec old, RunSpec updated) {
    return updated.hasApp()
        ? ResidentUpdateRules.validate(old.getApp(), updated.getApp())
        : ResidentUpdateRules.validate(old.getPod(), updated.getPod());
  }

  /** Stamps a version; apps also track when they were last scaled and last reconfigured. */
  public static RunSpec stamp(RunSpec spec, String version, VersionInfo previous, boolean onlyScaled) {
    if (spec.hasPod()) {
      return RunSpec.newBuilder().setPod(spec.getPod().toBuilder().setVersion(version)).build();
    }
    VersionInfo info = VersionInfo.newBuilder()
        .setLastScalingAt(version)
        .setLastConfigChangeAt(onlyScaled ? previous.getLastConfigChangeAt() : version)
        .build();
    return RunSpec.newBuilder().setApp(spec.getApp().toBuilder().setVersion(version).setVersionInfo(info)).build();
  }

  public static String describe(RunSpecKind kind) {
    return kind == RunSpecKind.POD ? "Pod" : "App";
  }

  public static String notFound(RunSpecKind kind, String id) {
    return describe(kind) + " '" + id + "' does not exist";
  }

  public static String exists(RunSpecKind kind, String id) {
    return (kind == RunSpecKind.POD ? "A pod" : "An app") + " with id [" + id + "] already exists.";
  }
}
