package io.mooring.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Marathon examples the acceptance suite uses, copied into the test resources. */
public final class Seeds {
  public static final List<String> APPS = List.of("seed1-mysql.json", "seed1-postgres-mount.json",
      "seed2-mysql.json", "seed2-postgres-residency.json");
  public static final String POD = "seed1-persistent-volume-pod.json";

  private Seeds() {}

  public static String read(String name) {
    try (InputStream in = Seeds.class.getResourceAsStream("/seeds/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no seed " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
