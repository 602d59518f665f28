package io.mooring.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one chaos run does: {@code apps} apps of {@code perApp} moored instances on {@code agents} simulated agents
 * (processes really run and write to their volumes), {@code rounds} rounds of one user change and
 * {@code faultsPerRound} faults each, all drawn from {@code seed}.
 */
record Profile(int rounds, int apps, int perApp, int agents, int faultsPerRound, long seed,
    Duration convergeTimeout, Duration orphanGrace, Path home) {

  static final String USAGE = "usage: ./mooring chaos [--rounds=20] [--apps=10] [--instances-per-app=30] "
      + "[--agents=50] [--faults-per-round=4] [--seed=<random>] [--converge-timeout=240] [--orphan-grace=15] "
      + "[--home=.mooring/chaos]   (durations in seconds)";

  int instances() {
    return apps * perApp;
  }

  /** Flags {@code --name=value}; anything unknown or malformed is an {@link IllegalArgumentException}. */
  static Profile parse(String[] args, Path defaultHome) {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("not a --name=value flag: " + arg);
      }
      flags.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    Profile profile = new Profile(
        positive(flags.remove("rounds"), 20, "rounds"),
        positive(flags.remove("apps"), 10, "apps"),
        positive(flags.remove("instances-per-app"), 30, "instances-per-app"),
        positive(flags.remove("agents"), 50, "agents"),
        positive(flags.remove("faults-per-round"), 4, "faults-per-round"),
        flags.containsKey("seed") ? Long.parseLong(flags.remove("seed")) : System.nanoTime(),
        Duration.ofSeconds(positive(flags.remove("converge-timeout"), 240, "converge-timeout")),
        Duration.ofSeconds(positive(flags.remove("orphan-grace"), 15, "orphan-grace")),
        flags.containsKey("home") ? Path.of(flags.remove("home")) : defaultHome);
    if (!flags.isEmpty()) {
      throw new IllegalArgumentException("unknown flags: " + flags.keySet());
    }
    return profile;
  }

  private static int positive(String value, int otherwise, String name) {
    if (value == null) {
      return otherwise;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("--" + name + " must be a positive integer, not " + value);
  }
}
