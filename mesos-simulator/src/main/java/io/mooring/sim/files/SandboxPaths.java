package io.mooring.sim.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a path of the files API into a real file, as files.cpp resolves it over what the agent attached. Mesos
 * attaches each executor's sandbox at three paths (slave.cpp, Framework::addExecutor): its real directory
 * {@code <work_dir>/slaves/<agent>/frameworks/<fw>/executors/<exec>/runs/<container>}, the same with {@code latest},
 * and the virtual {@code /frameworks/<fw>/executors/<exec>/runs/latest}. Here every run directory under the agent's
 * current id is attached (the simulator collects no sandbox, so none is ever detached); nothing else is.
 *
 * <p>What the path leads to must stay inside the sandbox once every link is followed (files.cpp compares real
 * paths), or a 400 "is inaccessible". One exception, knowingly: a link at the top of the sandbox to one of the
 * agent's persistent volumes may be followed into that volume. That is what a task sees with Mesos' filesystem/linux
 * isolator (the volume is bind-mounted in the sandbox); with filesystem/posix Mesos refuses it through the sandbox
 * and attaches the volume of a task group's task at {@code <sandbox>/tasks/<task>/<container_path>} instead. A
 * {@code ..} that climbs out of the sandbox to another task's volume is still refused: only the sandbox's own links
 * count.
 */
final class SandboxPaths {
  /** Links at the top of a sandbox looked at for volumes; a sandbox has one per volume. */
  private static final int MAX_LINKS = 1_000;
  private static final String VIRTUAL_ROOT = "/frameworks/";

  private final Path workDir;
  private final List<Path> volumeBases;
  private final Supplier<String> agentId;

  /**
   * @param workDir the agent's work dir, absolute, as its sandboxes' paths are given to tasks
   * @param volumeBases where the agent keeps persistent volumes: its work dir's {@code volumes} and its disks
   * @param agentId the agent's current id (it changes when the agent registers anew after a reboot)
   */
  SandboxPaths(Path workDir, List<Path> volumeBases, Supplier<String> agentId) {
    this.workDir = workDir;
    this.volumeBases = List.copyOf(volumeBases);
    this.agentId = agentId;
  }

  /** The real file or directory, or 404 (not attached, or missing), or 400 (outside, or unresolvable). */
  Path resolve(String requested) throws FilesException {
    String path = requested.startsWith("file://") ? requested.substring("file://".length()) : requested;
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1); // one, as strings::remove(SUFFIX)
    Attached attached = attachment(path).orElseThrow(FilesException::notFound);
    Path sandbox;
    try {
      sandbox = attached.directory().toRealPath();
    } catch (IOException e) {
      throw FilesException.notFound(); // a run directory that vanished is no longer attached
    }
    String joined = attached.suffix().isEmpty() ? sandbox.toString() : sandbox + "/" + attached.suffix();
    Path real;
    try {
      real = Path.of(joined).toRealPath();
    } catch (NoSuchFileException e) {
      throw FilesException.notFound();
    } catch (FileSystemException e) {
      throw FilesException.badRequest("Failed to determine canonical path of '" + joined + "': "
          + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ".\n");
    } catch (IOException | InvalidPathException e) {
      throw FilesException.badRequest("Failed to determine canonical path of '" + joined + "': " + e.getMessage()
          + ".\n");
    }
    if (!real.startsWith(sandbox) && !inLinkedVolume(sandbox, real)) {
      throw FilesException.badRequest("'" + joined + "' is inaccessible.\n");
    }
    return real;
  }

  /** The attached directory the path starts with, and the rest of the path below it. */
  private Optional<Attached> attachment(String path) {
    if (path.startsWith(VIRTUAL_ROOT)) {
      String[] tokens = path.substring(VIRTUAL_ROOT.length()).split("/", -1);
      if (tokens.length >= 5 && tokens[1].equals("executors") && tokens[3].equals("runs")
          && tokens[4].equals("latest")) {
        return run(tokens[0], tokens[2], "latest", tokens, 5);
      }
      return Optional.empty();
    }
    String frameworks = workDir + "/slaves/" + agentId.get() + "/frameworks/";
    if (safe(agentId.get()) && path.startsWith(frameworks)) {
      String[] tokens = path.substring(frameworks.length()).split("/", -1);
      if (tokens.length >= 5 && tokens[1].equals("executors") && tokens[3].equals("runs")) {
        return run(tokens[0], tokens[2], tokens[4], tokens, 5);
      }
    }
    return Optional.empty();
  }

  private Optional<Attached> run(String framework, String executor, String run, String[] tokens, int suffixFrom) {
    String agent = agentId.get();
    if (!safe(agent) || !safe(framework) || !safe(executor) || !safe(run)) return Optional.empty();
    Path directory = workDir.resolve("slaves").resolve(agent).resolve("frameworks").resolve(framework)
        .resolve("executors").resolve(executor).resolve("runs").resolve(run);
    if (!Files.isDirectory(directory)) return Optional.empty();
    String suffix = String.join("/", Arrays.asList(tokens).subList(suffixFrom, tokens.length));
    return Optional.of(new Attached(directory, suffix));
  }

  /** A single path component that names a directory below its parent: what an id can be on the agent's disk. */
  private static boolean safe(String component) {
    return !component.isEmpty() && !component.equals(".") && !component.equals("..");
  }

  /** Whether {@code real} lies in a persistent volume that a link at the top of the sandbox leads to. */
  private boolean inLinkedVolume(Path sandbox, Path real) {
    try (DirectoryStream<Path> links = Files.newDirectoryStream(sandbox, Files::isSymbolicLink)) {
      int seen = 0;
      for (Path link : links) {
        if (++seen > MAX_LINKS) return false;
        Path volume;
        try {
          volume = link.toRealPath();
        } catch (IOException e) {
          continue; // a dangling link leads nowhere
        }
        if (isVolume(volume) && real.startsWith(volume)) return true;
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private boolean isVolume(Path directory) {
    for (Path base : volumeBases) {
      Path realBase;
      try {
        realBase = base.toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (directory.startsWith(realBase) && !directory.equals(realBase) && Files.isDirectory(directory)) return true;
    }
    return false;
  }

  private record Attached(Path directory, String suffix) {}
}
