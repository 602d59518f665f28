package io.mooring.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileTest {
  private static final Path HOME = Path.of(".mooring/chaos");

  @Test
  void noFlagsGiveTheDefaults() {
    Profile p = Profile.parse(new String[0], HOME);
    assertEquals(new Profile(20, 10, 30, 50, 4, p.seed(), Duration.ofSeconds(240), Duration.ofSeconds(15), HOME), p);
    assertEquals(300, p.instances());
  }

  @Test
  void everyFlagIsParsed() {
    Profile p = Profile.parse(new String[] {"--rounds=3", "--apps=2", "--instances-per-app=5", "--agents=7",
        "--faults-per-round=1", "--seed=-42", "--converge-timeout=60", "--orphan-grace=9", "--home=/tmp/c"}, HOME);
    assertEquals(new Profile(3, 2, 5, 7, 1, -42, Duration.ofSeconds(60), Duration.ofSeconds(9), Path.of("/tmp/c")), p);
    assertEquals(10, p.instances());
  }

  @Test
  void aLaterFlagOverridesAnEarlierOne() {
    assertEquals(2, Profile.parse(new String[] {"--rounds=1", "--rounds=2"}, HOME).rounds());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--bogus=1", "--=1", "--rounds=0", "--agents=-3", "--apps=x", "--apps=", "--seed=abc",
      "--converge-timeout=1.5", "--rounds", "rounds=1", "-rounds=1", "--orphan-grace=99999999999"})
  void anUnknownMalformedOrNonPositiveFlagIsRefused(String flag) {
    assertThrows(IllegalArgumentException.class, () -> Profile.parse(new String[] {flag}, HOME));
  }
}
