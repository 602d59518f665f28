package io.mooring.gateway.api;

import io.mooring.runtime.grpc.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters of {@code /v2/tasks/{taskId}/files/...}, checked before an agent is asked: a path relative to the
 * task's sandbox that cannot leave it, and Mesos' offset and length rules with the length capped.
 */
final class SandboxRequests {
  /** The most one read asks of the agent (Mesos itself answers at most 64 KiB). */
  static final long MAX_LENGTH = 1024 * 1024;
  static final int MAX_PATH = 4096;
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

  private SandboxRequests() {}

  /**
   * The path without empty or {@code .} segments, "" for the sandbox itself. 400 for an absolute path, a {@code ..}
   * segment, a control character or more than {@link #MAX_PATH} characters.
   */
  static String relativePath(String path) {
    if (path == null || path.isEmpty()) return "";
    if (path.length() > MAX_PATH) throw Errors.badRequest("path is longer than " + MAX_PATH + " characters");
    if (path.startsWith("/")) {
      throw Errors.badRequest("path must be relative to the task's sandbox, not absolute: '" + path + "'");
    }
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw Errors.badRequest("path must not contain control characters");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) throw Errors.badRequest("path must not leave the task's sandbox: '" + path + "'");
      if (!segment.isEmpty() && !segment.equals(".")) segments.add(segment);
    }
    return String.join("/", segments);
  }

  /** Mesos' offset: none or -1 asks for the file's size; 400 for anything but an integer of -1 or more. */
  static long offset(String text) {
    if (text == null || text.isEmpty()) return -1;
    long offset = integer("offset", text);
    if (offset < -1) throw Errors.badRequest("offset must be -1 (the file's size) or more, not " + offset);
    return offset;
  }

  /** The bytes to ask for: none or -1 means as much as one read may take, and so does more than that. */
  static long length(String text) {
    if (text == null || text.isEmpty()) return MAX_LENGTH;
    long length = integer("length", text);
    if (length < -1) throw Errors.badRequest("length must be -1 (to the end) or more, not " + length);
    return length == -1 ? MAX_LENGTH : Math.min(length, MAX_LENGTH);
  }

  private static long integer(String name, String text) {
    if (!INTEGER.matcher(text).matches()) throw Errors.badRequest(name + " must be an integer, not '" + text + "'");
    return Long.parseLong(text);
  }
}
