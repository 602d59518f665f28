package io.mooring.sim.agent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.mooring.mesos.MesosJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The agent's checkpointed reservations and persistent volumes ({@code meta/resources/resources_and_operations.state},
 * src/slave/paths.cpp). Mesos writes a binary protobuf there; the simulator writes a JSON array of resources so a
 * person can read it.
 */
final class ResourceCheckpoint {
  private final Path file;

  ResourceCheckpoint(Path workDir) {
    this.file = workDir.resolve("meta").resolve("resources").resolve("resources_and_operations.state");
  }

  Path file() {
    return file;
  }

  List<Resource> load() {
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read " + file, e);
    }
    List<Resource> resources = new ArrayList<>();
    try {
      for (JsonElement element : JsonParser.parseString(json).getAsJsonArray()) {
        resources.add(MesosJson.parse(element.toString(), Resource.getDefaultInstance()));
      }
    } catch (MesosJson.ParseException | RuntimeException e) {
      throw new IllegalStateException("Corrupt checkpoint " + file + ": " + e.getMessage(), e);
    }
    return List.copyOf(resources);
  }

  /** Serialised so that two concurrent saves cannot interleave their renames out of order. */
  synchronized void save(List<Resource> resources) {
    JsonArray array = new JsonArray();
    for (Resource resource : resources) array.add(MesosJson.toJson(resource));
    Directories.writeAtomically(file, array.toString());
  }
}
