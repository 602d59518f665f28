package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0,             1970-01-01T00:00:00.000Z",
      "1700000000000, 2023-11-14T22:13:20.000Z",
      "1700000000100, 2023-11-14T22:13:20.100Z",
      "1700000000123, 2023-11-14T22:13:20.123Z",
      "1700000000999, 2023-11-14T22:13:20.999Z"})
  void alwaysWithMillisecondsInUtc(long millis, String timestamp) {
    assertEquals(timestamp, Timestamps.format(millis));
    assertEquals(timestamp, Timestamps.format(Instant.ofEpochMilli(millis)));
    assertEquals(Optional.of(Instant.ofEpochMilli(millis)), Timestamps.parse(timestamp));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2023-11-14T22:13:20.123456Z, 2023-11-14T22:13:20.123Z", "2023-11-14T22:13:20Z, 2023-11-14T22:13:20.000Z"})
  void finerOrCoarserInstantsAreWrittenInMilliseconds(String instant, String timestamp) {
    assertEquals(timestamp, Timestamps.format(Instant.parse(instant)));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", " ", "yesterday", "2023-11-14", "2023-11-14 22:13:20.000Z"})
  void unreadableTimestampsParseToNothing(String timestamp) {
    assertEquals(Optional.empty(), Timestamps.parse(timestamp));
  }
}
