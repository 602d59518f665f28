package io.mooring.definition.validation;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import io.mooring.proto.v1.PersistentVolumeInfo;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The rules of {@code persistent} that apps and pods share (the seeds, and Marathon 1.11). */
final class PersistentVolumeRules {
  static final Set<String> TYPES = Set.of("root", "path", "mount");
  private static final Set<String> OPERATORS = Set.of("LIKE", "UNLIKE");

  private PersistentVolumeRules() {}

  /** {@code path} is the JSON path of the {@code persistent} object. */
  static void validate(PersistentVolumeInfo info, String path, Violations violations) {
    String type = info.hasType() ? info.getType() : "root";
    if (!TYPES.contains(type)) {
      violations.add(path + "/type", "must be one of root, path, mount");
    }
    if (!info.hasSize()) {
      violations.add(path + "/size", "is required");
    } else if (info.getSize() <= 0) {
      violations.add(path + "/size", Violations.moreThan(info.getSize(), 0));
    }
    if (info.hasMaxSize()) {
      if (!type.equals("mount")) {
        violations.add(path, "Only mount volumes can have maxSize");
      }
      if (info.getMaxSize() <= info.getSize()) {
        violations.add(path, "Max size must be larger than size");
      }
    }
    if (info.hasProfileName() && info.getProfileName().isEmpty()) {
      violations.add(path + "/profileName", "must not be empty");
    }
    if (type.equals("root") && info.getConstraintsCount() > 0) {
      violations.add(path, "Constraints on root volumes are not supported");
    }
    List<ListValue> constraints = info.getConstraintsList();
    for (int i = 0; i < constraints.size(); i++) {
      validateConstraint(constraints.get(i), Violations.indexed(path + "/constraints", i), violations);
    }
  }

  /** Only {@code [path, LIKE|UNLIKE, <regex>]}. */
  private static void validateConstraint(ListValue constraint, String path, Violations violations) {
    List<Value> parts = constraint.getValuesList();
    if (parts.stream().anyMatch(p -> !p.hasStringValue())) {
      violations.add(path, "Unsupported constraint " + render(parts));
      return;
    }
    if (parts.size() < 2) {
      violations.add(path, "Missing field and operator");
      return;
    }
    if (parts.size() > 3) {
      violations.add(path, "Unsupported constraint " + render(parts));
      return;
    }
    if (!parts.get(0).getStringValue().equals("path")) {
      violations.add(path, "Unsupported field");
    }
    if (!OPERATORS.contains(parts.get(1).getStringValue())) {
      violations.add(path, "Operator must be one of LIKE, UNLIKE");
    }
    if (parts.size() < 3 || parts.get(2).getStringValue().isEmpty()) {
      violations.add(path, "A regular expression value must be provided");
      return;
    }
    try {
      Pattern.compile(parts.get(2).getStringValue());
    } catch (PatternSyntaxException e) {
      violations.add(path, "Invalid regular expression");
    }
  }

  private static String render(List<Value> parts) {
    return parts.stream()
        .map(p -> p.hasStringValue() ? p.getStringValue() : String.valueOf(p.getNumberValue()))
        .collect(Collectors.joining(",", "<", ">"));
  }
}
