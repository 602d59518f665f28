package io.mooring.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON examples of both seed documents, as shipped in deploy/examples (the ones the README tells users to POST). */
public final class Seeds {
  private static final Path EXAMPLES = Path.of(System.getProperty("mooring.root", ".."), "deploy", "examples");
  public static final List<String> APPS = List.of("mysql.json", "postgres-mount-disk.json",
      "mysql-docker-network.json", "postgres-residency.json");
  public static final String POD = "persistent-volume-pod.json";

  private Seeds() {}

  public static String read(String name) {
    try {
      return Files.readString(EXAMPLES.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
