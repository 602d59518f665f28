package io.mooring.offer.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mooring.mesos.MesosJson;
import io.mooring.proto.v1.Instance;
import io.mooring.sim.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** The steps the simulator tests share: subscribe, take an offer, ACCEPT, wait for updates, look at the agent. */
final class SimAccepts {
  static final String ROLE = "mooring";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SimAccepts() {}

  static FrameworkInfo framework() {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("nobody").setName("mooring-matching-test")
        .addRoles(ROLE).setPrincipal("mooring").setCheckpoint(true).setFailoverTimeout(3600);
    for (var type : List.of(FrameworkInfo.Capability.Type.MULTI_ROLE,
        FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT, FrameworkInfo.Capability.Type.PARTITION_AWARE)) {
      info.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
    }
    return info.build();
  }

  static Offer offer(SimScheduler scheduler, Predicate<Offer> matching, int from) throws InterruptedException {
    Event e = scheduler.await(ev -> ev.getType() == Event.Type.OFFERS
        && ev.getOffers().getOffersList().stream().anyMatch(matching), from);
    return e.getOffers().getOffersList().stream().filter(matching).findFirst().orElseThrow();
  }

  /** The first offer at or after {@code from} holding a persistent volume: a re-offer of a reservation. */
  static Offer reoffer(SimScheduler scheduler, int from) throws InterruptedException {
    return offer(scheduler, o -> o.getResourcesList().stream().anyMatch(Ownership::isPersistentVolume), from);
  }

  /**
   * The re-offer once everything the tasks since {@code from} released is back in one piece: offers made while
   * only part of it was free (a task's resources before its executor's) are declined first, as offer-service does.
   */
  static Offer wholeReoffer(SimScheduler scheduler, int from) throws Exception {
    List<OfferID> partial = scheduler.since(from).stream().filter(e -> e.getType() == Event.Type.OFFERS)
        .flatMap(e -> e.getOffers().getOffersList().stream()).map(Offer::getId).toList();
    int mark = scheduler.mark();
    if (!partial.isEmpty()) {
      scheduler.send(scheduler.call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addAllOfferIds(partial)
          .setFilters(Filters.newBuilder().setRefuseSeconds(0))).build());
    }
    return reoffer(scheduler, mark);
  }

  static void accept(SimScheduler scheduler, Offer offer, OfferMatch match) throws Exception {
    scheduler.send(scheduler.call(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
        .addAllOperations(match.operations()).setFilters(Filters.newBuilder().setRefuseSeconds(0))).build());
  }

  static void kill(SimScheduler scheduler, String taskId) throws Exception {
    scheduler.send(scheduler.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(taskId))).build());
  }

  static OperationState operation(SimScheduler scheduler, String id, int from) throws InterruptedException {
    return scheduler.await(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(id), from)
        .getUpdateOperationStatus().getStatus().getState();
  }

  /** Waits for the task to reach the state; fails at once if it ends in another terminal state. */
  static void taskState(SimScheduler scheduler, String taskId, TaskState state, int from)
      throws InterruptedException {
    Event e = scheduler.await(ev -> ev.getType() == Event.Type.UPDATE
        && ev.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && (ev.getUpdate().getStatus().getState() == state || terminal(ev.getUpdate().getStatus().getState())), from);
    assertEquals(state, e.getUpdate().getStatus().getState(), e.getUpdate().getStatus().getMessage());
  }

  private static boolean terminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE -> true;
      default -> false;
    };
  }

  /**
   * /master/state: everything reserved for the role carries the instance's labels and those of the claim (named by its
   * first task id) that reserved it; its volumes all exist there.
   */
  static List<Resource> assertReservedOnAgent(Simulator sim, MatchSettings settings, Instance instance,
      String claimId) throws Exception {
    HttpResponse<String> state = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url() + "/master/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject slave = JsonParser.parseString(state.body()).getAsJsonObject().getAsJsonArray("slaves").get(0)
        .getAsJsonObject();
    List<Resource> reserved = new ArrayList<>();
    for (JsonElement r : slave.getAsJsonObject("reserved_resources_full").getAsJsonArray(ROLE)) {
      reserved.add(MesosJson.parse(r.toString(), Resource.getDefaultInstance()));
    }
    assertEquals(Set.of("cpus", "mem", "disk", "ports"), reserved.stream().map(Resource::getName)
        .collect(Collectors.toSet()));
    for (Resource r : reserved) {
      Map<String, String> labels = r.getReservations(r.getReservationsCount() - 1).getLabels().getLabelsList().stream()
          .collect(Collectors.toMap(Label::getKey, Label::getValue));
      assertEquals(Map.of("marathon_framework_id", settings.frameworkId(), "marathon_task_id",
          instance.getInstanceId(), "mooring_claim_id", claimId), labels, r.toString());
    }
    Set<String> volumes = reserved.stream().filter(Ownership::isPersistentVolume)
        .map(r -> r.getDisk().getPersistence().getId()).collect(Collectors.toSet());
    assertEquals(instance.getVolumesList().stream().map(v -> v.getPersistenceId()).collect(Collectors.toSet()),
        volumes);
    return reserved;
  }

  /** The directory of an instance's volume (by container path, pods: volume name) under the simulator's home. */
  static Path volumeDir(Path home, Instance instance, String containerPath) throws Exception {
    String id = instance.getVolumesList().stream().filter(v -> v.getContainerPath().equals(containerPath))
        .findFirst().orElseThrow().getPersistenceId();
    try (Stream<Path> paths = Files.walk(home)) {
      return paths.filter(p -> p.getFileName().toString().equals(id)).findFirst()
          .orElseThrow(() -> new AssertionError("no volume directory " + id));
    }
  }

  static List<String> awaitLines(Path file, int lines) throws Exception {
    long deadline = System.nanoTime() + SimScheduler.WAIT.toNanos();
    List<String> read = List.of();
    while (System.nanoTime() < deadline && read.size() < lines) {
      if (Files.exists(file)) read = Files.readAllLines(file);
      Thread.sleep(50);
    }
    assertTrue(read.size() >= lines, file + ": " + read);
    return read;
  }
}
