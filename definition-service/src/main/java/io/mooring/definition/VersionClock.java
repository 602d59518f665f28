package io.mooring.definition;

import io.mooring.model.Timestamps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Version ids are Marathon timestamps (milliseconds), strictly increasing per run spec. */
@Singleton
public class VersionClock {
  private final Clock clock = Clock.systemUTC();

  public String now() {
    return Timestamps.format(clock.instant());
  }

  /** A version after {@code previous} (may be empty): now, or previous + 1 ms when the clock has not moved on. */
  public String next(String previous) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant last = Timestamps.parse(previous).orElse(Instant.MIN);
    return Timestamps.format(now.isAfter(last) ? now : last.plusMillis(1));
  }
}
