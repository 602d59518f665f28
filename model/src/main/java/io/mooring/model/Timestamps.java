package io.mooring.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Marathon's timestamps: ISO-8601 in UTC, always with milliseconds. {@link Instant#toString()} drops {@code .000} on a
 * whole second, which clients that parse Marathon's fixed pattern refuse, and strings would no longer sort in time
 * order; every timestamp Mooring writes goes through here.
 */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant);
  }

  public static String format(long epochMillis) {
    return format(Instant.ofEpochMilli(epochMillis));
  }

  /** Any ISO-8601 instant (also one written without milliseconds); empty when blank or unreadable. */
  public static Optional<Instant> parse(String timestamp) {
    try {
      return timestamp.isBlank() ? Optional.empty() : Optional.of(Instant.parse(timestamp));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
