package io.mooring.sim.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** File-system chores of the agent; every failure surfaces as {@link UncheckedIOException}. */
final class Directories {
  private Directories() {}

  static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to create directory " + dir, e);
    }
  }

  /** Creates the file if missing, keeping what it holds (a sandbox's stdout and stderr). */
  static void touch(Path file) {
    try {
      Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to create file " + file, e);
    }
  }

  static void appendLine(Path file, String line) {
    try {
      Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write " + file, e);
    }
  }

  /** Writes through a temporary sibling and an atomic rename, so a reader never sees half a file. */
  static void writeAtomically(Path file, String content) {
    mkdirs(file.getParent());
    Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Failed to write " + file, e);
    }
  }

  /** Points link at target, replacing an older link atomically (a {@code latest} link may be read meanwhile). */
  static void replaceSymlink(Path link, Path target) {
    Path temp = link.resolveSibling("." + link.getFileName() + "." + UUID.randomUUID());
    try {
      Files.createSymbolicLink(temp, target);
      Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UncheckedIOException("Failed to link " + link + " -> " + target, e);
    }
  }

  static void symlink(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to link " + link + " -> " + target, e);
    }
  }

  /** Deletes dir and everything below it, never following symbolic links out of it. Missing is fine. */
  static void deleteRecursively(Path dir) {
    delete(dir, true);
  }

  /** Empties dir but keeps it (a MOUNT disk's mount point must survive). */
  static void deleteContents(Path dir) {
    delete(dir, false);
  }

  private static void delete(Path root, boolean removeRoot) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (e != null) throw e;
          if (removeRoot || !dir.equals(root)) Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to delete " + root, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort: a stray temporary file is harmless
    }
  }
}
