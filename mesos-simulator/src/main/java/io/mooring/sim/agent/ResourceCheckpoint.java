package io.mooring.sim.agent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.mesos.MesosJson;
import io.mooring.sim.resources.MutableResources;
import io.mooring.sim.resources.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's checkpointed reservations and persistent volumes ({@code meta/resources/resources_and_operations.state},
 * src/slave/paths.cpp). Mesos writes a binary protobuf there; the simulator writes JSON a person can read. Rewriting
 * the whole state after each operation would make an operation cost as much as the agent holds, so changes are
 * appended: the first line is a JSON array of resources, each further line one operation's change
 * {@code {"removed": [...], "added": [...]}}, replayed in order with Mesos' resource algebra. Once the appended
 * changes outgrow the state, the file is rewritten as its one array (temporary file and rename), which keeps the
 * cost of a change proportional to its own size, amortised. Loading rewrites it the same way, dropping the torn last
 * line an agent that died while appending leaves, so that appends always start on a clean line.
 */
final class ResourceCheckpoint {
  private static final Logger log = LoggerFactory.getLogger(ResourceCheckpoint.class);
  /** Resources appended beyond the size of the state before it is rewritten. */
  static final int REWRITE_SLACK = 1000;

  private final Path file;
  private int stateSize; // resources in the first line
  private int appended; // resources in the lines after it

  ResourceCheckpoint(Path workDir) {
    this.file = workDir.resolve("meta").resolve("resources").resolve("resources_and_operations.state");
  }

  Path file() {
    return file;
  }

  /**
   * The checkpointed state, replayed. An agent that died while appending leaves a torn last line, which is ignored;
   * the file is then rewritten as its one array (temporary file and rename), so that the next append starts on a line
   * of its own instead of being glued onto the torn one, which would lose it and, one append later, corrupt the file.
   */
  synchronized List<Resource> load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read " + file, e);
    }
    stateSize = 0;
    appended = 0;
    List<String> lines = lines(bytes);
    if (lines.isEmpty()) return List.of();
    List<Resource> state = resources(() -> JsonParser.parseString(line(lines, 0)).getAsJsonArray(), 0);
    stateSize = state.size();
    boolean endsCleanly = bytes[bytes.length - 1] == '\n';
    if (lines.size() == 1 && endsCleanly) return state;
    MutableResources replayed = new MutableResources(Resources.of(state));
    for (int i = 1; i < lines.size(); i++) {
      JsonObject change = change(lines, i);
      if (change == null) break;
      List<Resource> removed = resources(() -> change.getAsJsonArray("removed"), i);
      List<Resource> added = resources(() -> change.getAsJsonArray("added"), i);
      replayed.subtract(Resources.of(removed));
      replayed.add(Resources.of(added));
    }
    List<Resource> recovered = replayed.snapshot().toList();
    save(recovered); // compact, and drop a torn tail, so that appends start on a clean line
    return recovered;
  }

  /**
   * The file's lines, split on '\n', with a last one that has no '\n' (an append cut short) kept. A line that is not
   * valid UTF-8 (a multi-byte character cut in two) is null, for {@link #line} to reject.
   */
  private static List<String> lines(byte[] bytes) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] != '\n') continue;
      if (i == bytes.length && start == bytes.length) break; // the file ends with '\n'
      try {
        lines.add(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, i - start)).toString());
      } catch (CharacterCodingException e) {
        lines.add(null);
      }
      start = i + 1;
    }
    return lines;
  }

  private static String line(List<String> lines, int i) {
    String line = lines.get(i);
    if (line == null) throw new IllegalArgumentException("Malformed UTF-8");
    return line;
  }

  /** The change on line i; null for a torn last line, which an agent that died while appending leaves. */
  private JsonObject change(List<String> lines, int i) {
    try {
      return JsonParser.parseString(line(lines, i)).getAsJsonObject();
    } catch (RuntimeException e) {
      if (i < lines.size() - 1) throw corrupt(i, e);
      log.warn("Ignoring the torn last change of {}: {}", file, e.getMessage());
      return null;
    }
  }

  /** Appends the changes; rewrites the file from {@code current} instead when they would outgrow the state. */
  synchronized void append(List<ResourceChange> changes, Supplier<List<Resource>> current) {
    int size = changes.stream().mapToInt(c -> c.removed().size() + c.added().size()).sum();
    if (!Files.exists(file) || appended + size > stateSize + REWRITE_SLACK) {
      save(current.get());
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (ResourceChange change : changes) {
      JsonObject line = new JsonObject();
      line.add("removed", json(change.removed()));
      line.add("added", json(change.added()));
      lines.append(line).append('\n');
    }
    try {
      Files.writeString(file, lines, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to append to " + file, e);
    }
    appended += size;
  }

  /** Replaces the file with the state as one array, atomically. */
  private void save(List<Resource> state) {
    Directories.writeAtomically(file, json(state) + "\n");
    stateSize = state.size();
    appended = 0;
  }

  private static JsonArray json(List<Resource> resources) {
    JsonArray array = new JsonArray();
    for (Resource resource : resources) array.add(MesosJson.toJson(resource));
    return array;
  }

  /** The resources of a JSON array read from the given line; anything unreadable there is a corrupt checkpoint. */
  private List<Resource> resources(Supplier<JsonArray> array, int line) {
    List<Resource> resources = new ArrayList<>();
    try {
      for (JsonElement element : array.get()) {
        resources.add(MesosJson.parse(element.toString(), Resource.getDefaultInstance()));
      }
    } catch (MesosJson.ParseException | RuntimeException e) {
      throw corrupt(line, e);
    }
    return List.copyOf(resources);
  }

  private IllegalStateException corrupt(int line, Exception e) {
    return new IllegalStateException("Corrupt checkpoint " + file + " at line " + (line + 1) + ": " + e.getMessage(), e);
  }
}
