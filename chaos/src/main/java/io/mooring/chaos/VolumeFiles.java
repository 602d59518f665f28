package io.mooring.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The persistent volumes as directories on the simulated agents' disks ({@code <agent>/work/volumes/roles/<role>/
 * <persistence id>}, where Mesos keeps root-disk volumes), with the lines their tasks wrote to {@code launches}: every
 * task of a chaos app appends its task id there when it starts.
 */
final class VolumeFiles {
  static final String LAUNCHES = "launches";

  /** One volume directory: which agent's disk holds it, and its {@code launches} lines (empty when none yet). */
  record Dir(String agent, Path path, List<String> lines) {}

  private VolumeFiles() {}

  /** Every volume directory under {@code agents}, by persistence id (more than one is a duplicate). */
  static Map<String, List<Dir>> read(Path agents) {
    Map<String, List<Dir>> volumes = new HashMap<>();
    for (Path agent : list(agents)) {
      for (Path role : list(agent.resolve("work").resolve("volumes").resolve("roles"))) {
        for (Path volume : list(role)) {
          volumes.computeIfAbsent(volume.getFileName().toString(), id -> new ArrayList<>())
              .add(new Dir(agent.getFileName().toString(), volume, lines(volume.resolve(LAUNCHES))));
        }
      }
    }
    return volumes;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (NoSuchFileException gone) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whole lines only: a task may be writing its line while it is read. */
  private static List<String> lines(Path file) {
    try {
      String text = Files.readString(file);
      return text.substring(0, text.lastIndexOf('\n') + 1).lines().filter(line -> !line.isBlank()).toList();
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException absent) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
