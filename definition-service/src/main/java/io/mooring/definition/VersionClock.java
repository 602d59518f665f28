package io.mooring.definition;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Version ids are ISO-8601 timestamps in milliseconds (Marathon's), strictly increasing per run spec. */
@Singleton
public class VersionClock {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private final Clock clock = Clock.systemUTC();

  public String now() {
    return FORMAT.format(clock.instant());
  }

  /** A version after {@code previous} (may be empty): now, or previous + 1 ms when the clock has not moved on. */
  public String next(String previous) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (!previous.isEmpty()) {
      Instant last = Instant.parse(previous);
      if (!now.isAfter(last)) {
        now = last.plusMillis(1);
      }
    }
    return FORMAT.format(now);
  }
}
