package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.JsonTrees.assertPreserved;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecQueueStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class QueueViewsTest {
  private static final Instant NOW = Instant.parse("2026-01-02T04:00:00Z");
  private static final RunSpec DB = RunSpec.newBuilder().setApp(App.newBuilder().setId("/db").setInstances(3)).build();

  static Stream<Arguments> instances() {
    return Stream.of(
        Arguments.of("scheduled", scheduled("/db", "1").build(), true),
        Arguments.of("reserving", scheduled("/db", "1").setState(InstanceState.RESERVING).build(), true),
        Arguments.of("suspended, to relaunch", placed("/db", "1", "h1", "TASK_FAILED").build(), true),
        Arguments.of("staging", placed("/db", "1", "h1", "TASK_STAGING").build(), false),
        Arguments.of("running", placed("/db", "1", "h1", "TASK_RUNNING").build(), false),
        Arguments.of("unreachable", placed("/db", "1", "h1", "TASK_UNREACHABLE").build(), false),
        Arguments.of("suspended, scaled down", placed("/db", "1", "h1", "TASK_KILLED").setGoal(Goal.STOPPED).build(),
            false),
        Arguments.of("scheduled, wiped", scheduled("/db", "1").setGoal(Goal.DECOMMISSIONED).build(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instances")
  void onlyInstancesThatWantToRunAndWaitForAnOfferAreQueued(String name, Instance instance, boolean queued) {
    assertEquals(queued ? Map.of("/db", List.of(instance)) : Map.of(), QueueViews.waiting(List.of(instance)));
  }

  @Test
  void anEntryCountsTheWaitingInstancesWithTheNextBackoffToEndAndTheOldestSince() {
    List<Instance> waiting = List.of(
        scheduled("/db", "1").setSince("2026-01-02T03:10:00Z").setBackoffUntilMillis(NOW.toEpochMilli() + 12_500)
            .build(),
        scheduled("/db", "2").setSince("2026-01-02T03:09:59.5Z").setRole("stateful")
            .setBackoffUntilMillis(NOW.toEpochMilli() + 60_000).build(),
        scheduled("/db", "3").setSince("2026-01-02T03:10:00.1Z").setBackoffUntilMillis(NOW.toEpochMilli() + 20_000)
            .build());
    RunSpecQueueStats stats = RunSpecQueueStats.newBuilder().setRunSpecId("/db").setCount(3)
        .setProcessedOffers(10).setUnusedOffers(7)
        .putRejectReasons("InsufficientMemory", 4).putRejectReasons("UnfulfilledConstraint", 2)
        .putRejectReasons("AgentMaintenance", 1)
        .setLastUnusedOfferAt("2026-01-02T03:59:00Z").build();
    ObjectNode entry = QueueViews.entry(DB, waiting, stats, NOW);
    assertPreserved(parse("""
        {"count":3,"role":"mooring","delay":{"timeLeftSeconds":12,"overdue":false},"since":"2026-01-02T03:09:59.5Z",
         "processedOffersSummary":{"processedOffersCount":10,"unusedOffersCount":7,
           "lastUnusedOfferAt":"2026-01-02T03:59:00Z",
           "rejectSummaryLastOffers":[
             {"reason":"UnfulfilledRole","declined":0,"processed":10},
             {"reason":"UnfulfilledConstraint","declined":2,"processed":10},
             {"reason":"NoCorrespondingReservationFound","declined":0,"processed":8},
             {"reason":"InsufficientCpus","declined":0,"processed":8},
             {"reason":"InsufficientMemory","declined":4,"processed":8},
             {"reason":"InsufficientDisk","declined":0,"processed":4},
             {"reason":"InsufficientGpus","declined":0,"processed":4},
             {"reason":"InsufficientPorts","declined":0,"processed":4},
             {"reason":"AgentMaintenance","declined":1,"processed":4}]},
         "app":%s}""".formatted(MarathonJson.print(DB.getApp()))), entry);
  }

  /**
   * Each waiting instance as state:backoff ends (ms after now, '-' for none), and the run spec's delay: it waits for
   * offers (overdue) once one instance waiting for an offer may launch, otherwise until the first backoff ends.
   */
  @ParameterizedTest(name = "{0} -> {1} s, overdue {2}")
  @CsvSource({
      "SCHEDULED:-,                          0,  true",
      "SCHEDULED:0,                          0,  true",
      "SUSPENDED:-60000,                     0,  true",
      "SUSPENDED:12500,                      12, false",
      "SCHEDULED:999,                        0,  false",
      "SUSPENDED:12500 SCHEDULED:30000,      12, false",
      "SUSPENDED:30000 SCHEDULED:-,          0,  true",
      "RESERVING:- SUSPENDED:30000,          30, false",
      "RESERVING:-,                          0,  true"})
  void theDelayIsTheTimeUntilTheNextLaunchMayBeTried(String instances, long timeLeftSeconds, boolean overdue) {
    List<Instance> waiting = new ArrayList<>();
    for (String instance : instances.split(" ")) {
      String[] stateAndEnd = instance.split(":");
      Instance.Builder builder = scheduled("/db", String.valueOf(waiting.size()))
          .setState(InstanceState.valueOf(stateAndEnd[0]));
      if (!stateAndEnd[1].equals("-")) {
        builder.setBackoffUntilMillis(NOW.toEpochMilli() + Long.parseLong(stateAndEnd[1]));
      }
      waiting.add(builder.build());
    }
    assertEquals(parse("{\"timeLeftSeconds\":%d,\"overdue\":%b}".formatted(timeLeftSeconds, overdue)),
        parse(QueueViews.delay(waiting, NOW).toString()));
  }

  @Test
  void withoutStatisticsTheSummaryIsZero() {
    Instance instance = scheduled("/db", "1").build();
    ObjectNode entry = QueueViews.entry(DB, List.of(instance), RunSpecQueueStats.getDefaultInstance(), NOW);
    ObjectNode summary = (ObjectNode) entry.get("processedOffersSummary");
    assertEquals(0, summary.get("processedOffersCount").asInt());
    assertEquals(0, summary.get("unusedOffersCount").asInt());
    assertEquals(QueueViews.REASON_FUNNEL.size(), summary.get("rejectSummaryLastOffers").size());
    summary.get("rejectSummaryLastOffers").forEach(step -> {
      assertEquals(0, step.get("declined").asInt());
      assertEquals(0, step.get("processed").asInt());
    });
  }

  @Test
  void aPodIsQueuedUnderPod() {
    RunSpec pod = RunSpec.newBuilder().setPod(Pod.newBuilder().setId("/pg")).build();
    ObjectNode entry = QueueViews.entry(pod, List.of(scheduled("/pg", "1").build()),
        RunSpecQueueStats.getDefaultInstance(), NOW);
    assertEquals("/pg", entry.at("/pod/id").asText());
    assertFalse(entry.has("app"));
  }
}
