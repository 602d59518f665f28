package io.mooring.definition.validation;

import com.google.protobuf.Value;
import io.mooring.proto.v1.UpgradeStrategy;
import java.util.List;

/**
 * Service-level rules of a resident (persistent-volume) app or pod: wait forever when unreachable, kill before
 * launch (the seeds: minimumHealthCapacity at most 0.5, maximumOverCapacity 0), only unreserved resources.
 */
final class ResidentRules {
  static final double MAX_MINIMUM_HEALTH_CAPACITY = 0.5;

  private ResidentRules() {}

  static boolean isDisabled(Value unreachableStrategy) {
    return unreachableStrategy.hasStringValue() && unreachableStrategy.getStringValue().equals("disabled");
  }

  /** {@code path} is the JSON path of the upgrade strategy object. */
  static void validateUpgrade(UpgradeStrategy strategy, String path, boolean resident, Violations violations) {
    double minHealth = strategy.getMinimumHealthCapacity();
    double maxOver = strategy.getMaximumOverCapacity();
    if (!(minHealth >= 0 && minHealth <= 1)) {  // written so that NaN fails too
      violations.add(path + "/minimumHealthCapacity", Violations.between(minHealth, 0.0, 1.0));
    } else if (resident && minHealth > MAX_MINIMUM_HEALTH_CAPACITY) {
      violations.add(path + "/minimumHealthCapacity",
          "got " + minHealth + ", expected " + MAX_MINIMUM_HEALTH_CAPACITY + " or less");
    }
    if (!(maxOver >= 0 && maxOver <= 1)) {
      violations.add(path + "/maximumOverCapacity", Violations.between(maxOver, 0.0, 1.0));
    } else if (resident && maxOver != 0) {
      violations.add(path + "/maximumOverCapacity", "got " + maxOver + ", expected 0.0");
    }
  }

  /** Resident services reserve unreserved resources only. {@code what}: "app" or "pod". */
  static void validateAcceptedRoles(List<String> roles, String path, String what, Violations violations) {
    if (!roles.isEmpty() && !roles.equals(List.of("*"))) {
      violations.add(path, "A resident " + what + " must have `acceptedResourceRoles = [\"*\"]`.");
    }
  }

  static void validateRole(String role, String what, Violations violations) {
    if (role.equals("*")) {
      violations.add("/role", "Resident " + what + "s cannot have the role *");
    }
  }

  /** A non-disabled strategy must be {inactiveAfterSeconds, expungeAfterSeconds} with 0 ≤ inactive ≤ expunge. */
  static void validateUnreachableShape(Value strategy, String path, Violations violations) {
    if (isDisabled(strategy)) {
      return;
    }
    if (!strategy.hasStructValue()) {
      violations.add(path, "must be \"disabled\" or {\"inactiveAfterSeconds\": n, \"expungeAfterSeconds\": m}");
      return;
    }
    var fields = strategy.getStructValue().getFieldsMap();
    Value inactive = fields.getOrDefault("inactiveAfterSeconds", Value.getDefaultInstance());
    Value expunge = fields.getOrDefault("expungeAfterSeconds", Value.getDefaultInstance());
    if (!inactive.hasNumberValue() || !expunge.hasNumberValue() || inactive.getNumberValue() < 0
        || expunge.getNumberValue() < inactive.getNumberValue() || fields.size() > 2) {
      violations.add(path, "must be \"disabled\" or {\"inactiveAfterSeconds\": n, \"expungeAfterSeconds\": m} "
          + "with 0 <= n <= m");
    }
  }
}
