package io.mooring.reservation.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Marathon's timestamp format: ISO-8601 UTC, always with milliseconds, so strings also sort in time order. */
final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String iso(long millis) {
    return FORMAT.format(Instant.ofEpochMilli(millis));
  }

  /** Millis of an ISO timestamp; an empty or unreadable one sorts first. */
  static long millis(String iso) {
    if (iso.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return Instant.parse(iso).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }
}
