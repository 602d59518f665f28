package io.mooring.sim.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code GET /files/read?path=&offset=&length=} as files.cpp answers it: {@code {"data":"...","offset":N}}. An offset
 * of -1, or none, asks for the file's size: empty data, and the size as the offset (the web UI's pailer starts so). A
 * read starts at the offset and stops at the end of the file, at {@code length}, and at 16 pages (64 KiB) whatever
 * the length; an offset at or past the end answers empty data and that offset.
 */
final class FileReads {
  /** files.cpp: "Cap the read length at 16 pages" (os::pagesize() * 16, 4 KiB pages here). */
  static final int MAX_LENGTH = 16 * 4096;

  private FileReads() {}

  static byte[] read(SandboxPaths paths, Map<String, String> query) throws FilesException {
    String path = query.get("path");
    if (path == null || path.isEmpty()) throw FilesException.badRequest("Expecting 'path=value' in query.\n");
    long offset = -1;
    if (query.containsKey("offset")) {
      offset = number(query.get("offset"), "offset");
      if (offset < -1) throw FilesException.badRequest("Negative offset provided: " + offset + ".\n");
    }
    long length = -1; // none: to the end of the file (and the cap)
    if (query.containsKey("length")) {
      length = number(query.get("length"), "length");
      if (length < -1) throw FilesException.badRequest("Negative length provided: " + length + ".\n");
    }
    long from = offset == -1 ? 0 : offset;
    if (offset == -1) length = 0;

    Path file = paths.resolve(path);
    if (Files.isDirectory(file)) throw FilesException.badRequest("Cannot read a directory.\n");
    // Mesos would open a FIFO or a device too, and wait on it; a simulator thread must not hang on one.
    if (!Files.isRegularFile(file)) throw FilesException.badRequest("Cannot read a special file.\n");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long answeredOffset = offset == -1 ? size : offset;
      if (from >= size || length == 0) return json(answeredOffset, new byte[0], 0);
      int wanted = (int) Math.min(length == -1 ? size - from : length, MAX_LENGTH);
      byte[] data = new byte[wanted];
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
        // the file may have grown or shrunk since its size was read: stop at its end or at what was asked
      }
      return json(answeredOffset, data, buffer.position());
    } catch (IOException e) {
      throw FilesException.internal("Failed to open file at '" + file + "': " + e.getMessage() + ".\n");
    }
  }

  private static long number(String text, String name) throws FilesException {
    OptionalLong parsed = Numify.parse(text);
    if (parsed.isEmpty()) {
      throw FilesException.badRequest("Failed to parse " + name + ": " + Numify.failure(text) + ".\n");
    }
    return parsed.getAsLong();
  }

  /** The keys in the order Mesos' JSON objects (sorted maps) write them. */
  private static byte[] json(long offset, byte[] data, int length) {
    return new JsonBytes(length + 32).raw("{\"data\":").string(data, length).raw(",\"offset\":" + offset + "}")
        .bytes();
  }
}
