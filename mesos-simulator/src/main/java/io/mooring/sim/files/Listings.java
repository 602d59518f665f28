package io.mooring.sim.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /files/browse?path=} as files.cpp answers it: a JSON array of the directory's entries sorted by name,
 * each {@code {"gid","mode","mtime","nlink","path","size","uid"}} (common/http.cpp model(FileInfo)), where
 * {@code path} is the requested path joined with the entry's name and links are followed (stat, not lstat): a
 * dangling link is left out. A file, rather than a directory, lists as {@code []}, as {@code os::ls} fails on it.
 */
final class Listings {
  /** Mesos lists every entry; a sandbox holds a handful, so this only guards against a runaway directory. */
  static final int MAX_ENTRIES = 10_000;

  private Listings() {}

  static byte[] browse(SandboxPaths paths, Map<String, String> query) throws FilesException {
    String path = query.get("path");
    if (path == null || path.isEmpty()) throw FilesException.badRequest("Expecting 'path=value' in query.\n");
    Path directory = paths.resolve(path);
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path; // path::join drops one
    JsonBytes json = new JsonBytes(1024).raw("[");
    boolean first = true;
    for (Path entry : entries(directory)) {
      Map<String, Object> stat;
      try {
        stat = Files.readAttributes(entry, "unix:mode,nlink,size,lastModifiedTime,owner,group");
      } catch (IOException | UnsupportedOperationException e) {
        continue; // files.cpp: "Found ... in ls but stat failed"
      }
      if (!first) json.raw(",");
      first = false;
      entry(json, base + "/" + entry.getFileName(), stat);
    }
    return json.raw("]").bytes();
  }

  private static List<Path> entries(Path directory) {
    List<Path> entries = new ArrayList<>();
    if (!Files.isDirectory(directory)) return entries;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path entry : stream) {
        if (entries.size() >= MAX_ENTRIES) break;
        entries.add(entry);
      }
    } catch (IOException e) {
      return List.of(); // os::ls failed: an empty listing
    }
    // byte order of the names, as a std::map of strings sorts them
    entries.sort((a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b)));
    return entries;
  }

  private static byte[] bytes(Path entry) {
    return entry.getFileName().toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void entry(JsonBytes json, String path, Map<String, Object> stat) {
    int mode = (Integer) stat.get("mode");
    long mtimeSeconds = ((FileTime) stat.get("lastModifiedTime")).toMillis() / 1000;
    json.raw("{\"gid\":").string(((Principal) stat.get("group")).getName())
        .raw(",\"mode\":").string(mode(mode))
        .raw(",\"mtime\":" + mtimeSeconds + ".0") // seconds as a double, as Mesos writes them
        .raw(",\"nlink\":" + stat.get("nlink"))
        .raw(",\"path\":").string(path)
        .raw(",\"size\":" + stat.get("size"))
        .raw(",\"uid\":").string(((Principal) stat.get("owner")).getName())
        .raw("}");
  }

  /** {@code ls -l}'s ten characters: the type, then rwx for owner, group and others. */
  static String mode(int mode) {
    char type = switch (mode & 0170000) {
      case 0040000 -> 'd';
      case 0020000 -> 'c';
      case 0060000 -> 'b';
      case 0010000 -> 'p';
      case 0120000 -> 'l';
      case 0140000 -> 's';
      default -> '-';
    };
    StringBuilder text = new StringBuilder().append(type);
    String rwx = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? rwx.charAt(8 - bit) : '-');
    }
    return text.toString();
  }
}
