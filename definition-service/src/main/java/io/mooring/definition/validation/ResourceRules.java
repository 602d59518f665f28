package io.mooring.definition.validation;

import static io.mooring.model.ResourceLimitValues.UNLIMITED;

import com.google.protobuf.Value;
import io.mooring.proto.v1.ExecutorResources;
import io.mooring.proto.v1.ResourceLimits;

/** The resources beside a task's request: its limits, and the resources of an app's executor. */
final class ResourceRules {
  // Marathon's ExecutorResources minimums (resources.raml).
  static final double EXECUTOR_MIN_CPUS = 0.1;
  static final double EXECUTOR_MIN_MEM = 32;
  static final double EXECUTOR_MIN_DISK = 10;

  private ResourceRules() {}

  /** Each limit a number at least its request, or "unlimited" (Marathon AppValidation.validResourceLimits). */
  static void limits(ResourceLimits limits, double cpus, double mem, String path, Violations violations) {
    if (limits.hasCpus()) {
      limit(limits.getCpus(), cpus, path + "/cpus", violations);
    }
    if (limits.hasMem()) {
      limit(limits.getMem(), mem, path + "/mem", violations);
    }
  }

  private static void limit(Value limit, double request, String path, Violations violations) {
    switch (limit.getKindCase()) {
      case NUMBER_VALUE -> {
        double value = limit.getNumberValue();
        if (!Double.isFinite(value)) {
          violations.add(path, "got " + value + ", expected a finite number or '" + UNLIMITED + "'");
        } else if (value < request) {
          violations.add(path, "resource limit must be greater than or equal to requested resource (" + request + ")");
        }
      }
      case STRING_VALUE -> {
        if (!limit.getStringValue().equals(UNLIMITED)) {
          violations.add(path, invalid(limit.getStringValue()));
        }
      }
      default -> violations.add(path, "must be '" + UNLIMITED + "' or a number");
    }
  }

  private static String invalid(String value) {
    return "'" + value + "' is an invalid resource limit. It must be '" + UNLIMITED + "' or a number";
  }

  /** An app's executorResources, normalised: finite and at least Marathon's minimums. */
  static void executor(ExecutorResources executor, String path, Violations violations) {
    atLeast(executor.getCpus(), EXECUTOR_MIN_CPUS, path + "/cpus", violations);
    atLeast(executor.getMem(), EXECUTOR_MIN_MEM, path + "/mem", violations);
    atLeast(executor.getDisk(), EXECUTOR_MIN_DISK, path + "/disk", violations);
  }

  private static void atLeast(double value, double minimum, String path, Violations violations) {
    if (!Double.isFinite(value)) {
      violations.add(path, "got " + value + ", expected a finite number");
    } else if (value < minimum) {
      violations.add(path, Violations.atLeast(value, minimum));
    }
  }
}
