package io.mooring.chaos;

import io.mooring.chaos.Violation.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of a run: rounds, faults by kind, what broke (each thing once), and the times to converge. */
final class Report {
  private final Map<String, Violation> violations = new LinkedHashMap<>();
  private final List<Double> convergeSeconds = new ArrayList<>();
  private int rounds;
  private int unconverged;

  /** Remembers the violation; answers whether it is new (the same kind for the same thing was not seen yet). */
  boolean add(Violation violation) {
    String key = violation.kind() + "|" + violation.instanceId() + "|"
        + (violation.instanceId().isEmpty() || violation.kind() == Kind.LEAKED ? violation.what() : "");
    return violations.putIfAbsent(key, violation) == null;
  }

  void round(Double secondsToConverge) {
    rounds++;
    if (secondsToConverge == null) {
      unconverged++;
    } else {
      convergeSeconds.add(secondsToConverge);
    }
  }

  long count(Kind kind) {
    return violations.values().stream().filter(v -> v.kind() == kind).count();
  }

  boolean passed() {
    return violations.isEmpty() && unconverged == 0;
  }

  List<Violation> violations() {
    return List.copyOf(violations.values());
  }

  String summary(Profile profile, Map<Faults.Kind, Integer> faults) {
    Map<Faults.Kind, Integer> ordered = new EnumMap<>(Faults.Kind.class);
    ordered.putAll(faults);
    int total = ordered.values().stream().mapToInt(Integer::intValue).sum();
    List<Double> sorted = new ArrayList<>(convergeSeconds);
    Collections.sort(sorted);
    String times = sorted.isEmpty() ? "none converged"
        : String.format("p50 %.1f s, max %.1f s", sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1));
    return String.format("chaos %s: seed %d, %d rounds, %d instances (%d apps) on %d agents, %d faults per round%n"
            + "  faults injected: %d (%s)%n"
            + "  instances lost: %d, duplicates: %d, leaked resources: %d, rounds not converged: %d%n"
            + "  time to converge after the faults: %s",
        passed() ? "PASSED" : "FAILED", profile.seed(), rounds, profile.instances(), profile.apps(), profile.agents(),
        profile.faultsPerRound(), total,
        ordered.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + " " + e.getValue())
            .collect(Collectors.joining(", ")),
        count(Kind.LOST), count(Kind.DUPLICATE), count(Kind.LEAKED), unconverged, times);
  }
}
