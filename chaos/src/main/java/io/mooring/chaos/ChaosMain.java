package io.mooring.chaos;

import java.nio.file.Path;

/** {@code ./mooring chaos [flags]}: runs {@link Chaos} and exits 0 only when nothing was lost, duplicated or leaked. */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("mooring.root", ".")).toAbsolutePath().normalize();
    Profile profile;
    try {
      profile = Profile.parse(args, root.resolve(".mooring").resolve("chaos"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + Profile.USAGE);
      System.exit(2);
      return;
    }
    Report report = new Chaos(profile, root, System.out).run();
    System.exit(report.passed() ? 0 : 1);
  }
}
