package io.mooring.offer.matching;

import com.google.protobuf.ListValue;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Volume constraints (Marathon VolumeConstraints): only ["path", "LIKE"|"UNLIKE", regex], the regex matching the whole
 * disk source root path ("" for the root disk). Anything else matches no disk, so a spec we do not understand never
 * lands on a disk it did not ask for.
 */
final class VolumeConstraints {
  private VolumeConstraints() {}

  static boolean satisfied(List<ListValue> constraints, String diskPath) {
    for (ListValue c : constraints) if (!satisfied(c, diskPath)) return false;
    return true;
  }

  private static boolean satisfied(ListValue c, String diskPath) {
    if (c.getValuesCount() != 3 || !"path".equals(c.getValues(0).getStringValue())) return false;
    String operator = c.getValues(1).getStringValue();
    boolean matches;
    try {
      matches = Pattern.matches(c.getValues(2).getStringValue(), diskPath);
    } catch (PatternSyntaxException e) {
      return false;
    }
    return switch (operator) {
      case "LIKE" -> matches;
      case "UNLIKE" -> !matches;
      default -> false;
    };
  }
}
