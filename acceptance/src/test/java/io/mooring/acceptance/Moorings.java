package io.mooring.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** What the end-to-end tests ask of a running stack: tasks over REST, reservations and volumes from Mesos' state. */
final class Moorings {
  private Moorings() {}

  static <T> T await(String what, Duration timeout, Callable<Optional<T>> probe) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        Optional<T> value = probe.call();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what, last);
  }

  static List<JsonNode> tasks(Stack stack, String appId) throws Exception {
    Stack.Response response = stack.get("/v2/apps" + appId + "/tasks");
    assertEquals(200, response.status(), response.body());
    List<JsonNode> tasks = new ArrayList<>();
    response.json().get("tasks").forEach(tasks::add);
    return tasks;
  }

  /** The app's tasks once exactly {@code count} of them run (have startedAt and TASK_RUNNING). */
  static List<JsonNode> awaitRunning(Stack stack, String appId, int count) throws Exception {
    return await(count + " running tasks of " + appId, Duration.ofSeconds(90), () -> {
      List<JsonNode> tasks = tasks(stack, appId);
      List<JsonNode> running = tasks.stream().filter(t -> "TASK_RUNNING".equals(t.path("state").asText())
          && t.hasNonNull("startedAt")).toList();
      return running.size() == count ? Optional.of(running) : Optional.empty();
    });
  }

  /** A resident app of {@code instances}, cpus 0.1 and mem 32, running {@code cmd} with a 10 MiB volume at data. */
  static String app(String id, String cmd, int instances) {
    return """
        {"id": "%s", "cmd": "%s", "cpus": 0.1, "mem": 32, "instances": %d,
         "container": {"volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}"""
        .formatted(id, cmd, instances);
  }

  /** The persistence id of a task's (first) volume. */
  static String persistenceId(JsonNode task) {
    return task.get("localVolumes").get(0).get("persistenceId").asText();
  }

  /** Every resource of Mesos' state reserved with Mooring's labels, as (agent id, resource JSON). */
  static List<Reserved> reservations(Stack stack) throws Exception {
    List<Reserved> reserved = new ArrayList<>();
    for (JsonNode slave : stack.masterState().get("slaves")) {
      for (JsonNode resource : slave.path("reserved_resources_full").path("mooring")) {
        reserved.add(new Reserved(slave.get("id").asText(), slave.get("hostname").asText(), resource));
      }
    }
    return reserved;
  }

  record Reserved(String agentId, String hostname, JsonNode resource) {
    String label(String key) {
      for (JsonNode reservation : resource.path("reservations")) {
        for (JsonNode label : reservation.path("labels").path("labels")) {
          if (key.equals(label.path("key").asText())) {
            return label.path("value").asText();
          }
        }
      }
      for (JsonNode label : resource.path("reservation").path("labels").path("labels")) {
        if (key.equals(label.path("key").asText())) {
          return label.path("value").asText();
        }
      }
      return null;
    }

    String persistenceId() {
      return resource.path("disk").path("persistence").path("id").asText(null);
    }
  }

  /** What Mesos holds reserved with the labels of the run spec's instances ({@code <safeId>.instance-...}). */
  static List<Reserved> reservationsOf(Stack stack, String safeRunSpecId) throws Exception {
    return reservations(stack).stream().filter(r -> r.label("marathon_task_id") != null
        && r.label("marathon_task_id").startsWith(safeRunSpecId + ".instance-")).toList();
  }

  /** Whether a volume directory with this persistence id is anywhere on the simulated agents' disks. */
  static boolean volumeDirectoryExists(Stack stack, String persistenceId) {
    try (Stream<Path> paths = Files.walk(stack.home)) {
      return paths.anyMatch(p -> p.getFileName().toString().equals(persistenceId) && Files.isDirectory(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of {@code file} in the volume with this persistence id, wherever the simulator keeps it. */
  static List<String> volumeFile(Stack stack, String persistenceId, String file) {
    try (Stream<Path> paths = Files.walk(stack.home)) {
      Path volume = paths.filter(p -> p.getFileName().toString().equals(persistenceId) && Files.isDirectory(p))
          .findFirst().orElseThrow(() -> new AssertionError("no volume directory " + persistenceId));
      Path target = volume.resolve(file);
      return Files.exists(target) ? Files.readAllLines(target) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
