package io.mooring.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the local etcd binary is: {@code ETCD_BIN}, else the first {@code etcd} on the {@code PATH}. */
public final class EtcdBinary {
  private EtcdBinary() {}

  /** The binary, or null when there is none. */
  public static Path find() {
    String configured = System.getenv("ETCD_BIN");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Path.of(configured);
    }
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "etcd");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
