package io.mooring.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A run's directory (etcd data, agents' disks, logs): emptied at the start, and only if an earlier run made it. */
final class Home {
  private static final String MARK = ".mooring-chaos";

  private Home() {}

  static Path fresh(Path home) throws IOException {
    if (Files.isDirectory(home)) {
      try (Stream<Path> entries = Files.list(home)) {
        if (entries.findAny().isPresent() && !Files.exists(home.resolve(MARK))) {
          throw new IllegalStateException(home + " holds files of something else than a chaos run: choose another --home");
        }
      }
      try (Stream<Path> all = Files.walk(home)) {
        for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(home);
    Files.createFile(home.resolve(MARK));
    return home;
  }
}
