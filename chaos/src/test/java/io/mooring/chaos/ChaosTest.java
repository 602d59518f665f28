package io.mooring.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's small profile, run with every build: 7 rounds (the deployment, then each kind of change once) of 3
 * faults on 2 apps of 4 instances across 6 agents. The seed is fixed so that CI is repeatable; {@code -Dchaos.seed=N}
 * draws other faults.
 */
class ChaosTest {
  @Test
  void nothingIsLostDuplicatedOrLeakedUnderFaults() throws Exception {
    long seed = Long.getLong("chaos.seed", 11);
    Profile profile = Profile.parse(new String[] {"--rounds=7", "--apps=2", "--instances-per-app=4", "--agents=6",
        "--faults-per-round=3", "--seed=" + seed, "--converge-timeout=150", "--orphan-grace=10"},
        Path.of("target", "chaos-test").toAbsolutePath());
    Report report = new Chaos(profile, Path.of(System.getProperty("mooring.root", "..")), System.out).run();
    assertTrue(report.passed(), () -> "violations (logs in " + profile.home().resolve("logs") + "):\n"
        + String.join("\n", report.violations().stream().map(Violation::toString).toList()));
  }
}
