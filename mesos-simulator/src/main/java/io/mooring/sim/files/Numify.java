package io.mooring.sim.files;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** stout's numify of a query parameter: a decimal integer, or hexadecimal with {@code 0x}; nothing else. */
final class Numify {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("-?0[xX][0-9a-fA-F]+");

  private Numify() {}

  static OptionalLong parse(String text) {
    try {
      if (DECIMAL.matcher(text).matches()) return OptionalLong.of(Long.parseLong(text));
      if (HEX.matcher(text).matches()) {
        boolean negative = text.startsWith("-");
        long value = Long.parseLong(text.substring(negative ? 3 : 2), 16);
        return OptionalLong.of(negative ? -value : value);
      }
    } catch (NumberFormatException e) {
      // out of range: not a number to stout either
    }
    return OptionalLong.empty();
  }

  /** The message files.cpp puts after "Failed to parse offset: ". */
  static String failure(String text) {
    return "Failed to convert '" + text + "' to number";
  }
}
