package io.mooring.reservation.engine;

import static io.mooring.reservation.engine.LaunchQueueFollower.byInstanceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.KillRequest;
import io.mooring.proto.v1.LaunchQueueUpdate;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.QueuedRunSpec;
import io.mooring.proto.v1.RunSpec;
import io.mooring.testkit.RecordingCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueueStreamsTest {
  private static final RunSpec A = spec("/a", "v1", "sleep 1");
  private static final RunSpec A2 = spec("/a", "v2", "sleep 2");
  private static final RunSpec A_EDITED = spec("/a", "v1", "sleep 3");
  private static final RunSpec B = spec("/b", "v1", "sleep 1");
  private static final RunSpec C = spec("/c", "v1", "sleep 1");
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  private final QueueStreams streams = new QueueStreams();

  /** One change, as the subscriber receives it: the requests, specs and removals of its single message. */
  record Change(List<String> requests, List<String> specs, List<String> removed, List<String> removedSpecs) {
    /** No message at all. */
    static final Change NOTHING = new Change(List.of(), List.of(), List.of(), List.of());

    static Change of(LaunchQueueUpdate update) {
      return new Change(update.getRequestsList().stream().map(r -> r.getInstance().getInstanceId()).toList(),
          update.getSpecsList().stream().map(QueuedRunSpec::getKey).toList(), update.getRemovedInstanceIdsList(),
          update.getRemovedSpecKeysList().stream().sorted().toList());
    }
  }

  record Case(String name, List<LaunchRequest> before, List<LaunchRequest> after, Change expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> changes() {
    List<LaunchRequest> three = List.of(request(A, "a1", 0), request(A, "a2", 0), request(B, "b1", 0));
    return Stream.of(
        new Case("the same queue again: nothing is sent", three,
            List.of(request(A, "a1", 0), request(A, "a2", 0), request(B, "b1", 0)), Change.NOTHING),
        new Case("an instance changed: it alone, its spec being known", three,
            List.of(request(A, "a1", 1), request(A, "a2", 0), request(B, "b1", 0)),
            new Change(List.of("a1"), List.of(), List.of(), List.of())),
        new Case("an instance added: it alone", three, plus(three, request(A, "a3", 0)),
            new Change(List.of("a3"), List.of(), List.of(), List.of())),
        new Case("instances of a new run spec: its spec once", three,
            plus(three, request(C, "c1", 0), request(C, "c2", 0)),
            new Change(List.of("c1", "c2"), List.of("/c@v1"), List.of(), List.of())),
        new Case("an instance gone: its id", three, List.of(request(A, "a1", 0), request(B, "b1", 0)),
            new Change(List.of(), List.of(), List.of("a2"), List.of())),
        new Case("the last instance of a run spec gone: its spec too", three, three.subList(0, 2),
            new Change(List.of(), List.of(), List.of("b1"), List.of("/b@v1"))),
        new Case("a new version: its spec once with every request, the old spec dropped", three,
            List.of(request(A2, "a1", 0), request(A2, "a2", 0), request(B, "b1", 0)),
            new Change(List.of("a1", "a2"), List.of("/a@v2"), List.of(), List.of("/a@v1"))),
        new Case("a spec changed under the same version: sent again with its requests", three,
            List.of(request(A_EDITED, "a1", 0), request(A_EDITED, "a2", 0), request(B, "b1", 0)),
            new Change(List.of("a1", "a2"), List.of("/a@v1"), List.of(), List.of())),
        new Case("the queue emptied", three, List.of(),
            new Change(List.of(), List.of(), List.of("a1", "a2", "b1"), List.of("/a@v1", "/b@v1"))),
        new Case("a first queue after an empty one", List.of(), three,
            new Change(List.of("a1", "a2", "b1"), List.of("/a@v1", "/b@v1"), List.of(), List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangeIsSentAsWhatChangedAndTheSubscriberEndsWithTheNewQueue(Case c) throws Exception {
    streams.publish(c.before(), List.of());
    LaunchQueueFollower follower = new LaunchQueueFollower();
    RecordingCall<LaunchQueueUpdate> call = new RecordingCall<>(follower);
    streams.subscribeLaunches(call);
    call.take();

    streams.publish(c.after(), List.of());

    List<LaunchQueueUpdate> sent = call.take();
    if (c.expected().equals(Change.NOTHING)) {
      assertEquals(List.of(), sent);
      return;
    }
    assertEquals(1, sent.size(), sent.toString());
    assertFalse(sent.get(0).getReset());
    assertTrue(sent.get(0).getComplete());
    assertEquals(c.expected(), Change.of(sent.get(0)));
    assertEquals(byInstanceId(c.after()), follower.await(q -> true, AT_ONCE));
    assertEquals(specKeys(c.after()), follower.specs().keySet(), "the subscriber holds only specs still named");
  }

  @Test
  void aSubscriberGetsTheWholeQueueFirstInMessagesOfAtMost500RequestsEachSpecOnce() throws Exception {
    List<LaunchRequest> queue = new ArrayList<>();
    for (RunSpec spec : List.of(A, B, C)) {
      IntStream.range(0, 411).forEach(i -> queue.add(request(spec, spec.getApp().getId().substring(1) + i, 0)));
    }
    streams.publish(queue, List.of());
    LaunchQueueFollower follower = new LaunchQueueFollower();
    RecordingCall<LaunchQueueUpdate> call = new RecordingCall<>(follower);

    streams.subscribeLaunches(call);

    List<LaunchQueueUpdate> sent = call.take();
    assertEquals(List.of(500, 500, 233), sent.stream().map(LaunchQueueUpdate::getRequestsCount).toList());
    assertEquals(List.of(true, false, false), sent.stream().map(LaunchQueueUpdate::getReset).toList());
    assertEquals(List.of(false, false, true), sent.stream().map(LaunchQueueUpdate::getComplete).toList());
    assertEquals(List.of("/a@v1", "/b@v1", "/c@v1"), sent.stream().flatMap(u -> u.getSpecsList().stream())
        .map(QueuedRunSpec::getKey).toList());
    assertEquals(byInstanceId(queue), follower.await(q -> true, AT_ONCE));
  }

  @Test
  void largeSpecsSpreadOverMessagesOfAboutOneMebibyte() throws Exception {
    String script = "x".repeat(300_000);
    List<LaunchRequest> queue = IntStream.range(0, 8)
        .mapToObj(i -> request(spec("/big-" + i, "v1", script), "big-" + i, 0)).toList();
    streams.publish(queue, List.of());
    LaunchQueueFollower follower = new LaunchQueueFollower();
    RecordingCall<LaunchQueueUpdate> call = new RecordingCall<>(follower);

    streams.subscribeLaunches(call);

    List<LaunchQueueUpdate> sent = call.take();
    assertEquals(List.of(3, 3, 2), sent.stream().map(LaunchQueueUpdate::getRequestsCount).toList());
    sent.forEach(u -> assertTrue(u.getSerializedSize() <= MessageChunks.MAX_BYTES + 1024, u.getSerializedSize()
        + " bytes"));
    assertEquals(byInstanceId(queue), follower.await(q -> true, AT_ONCE));
  }

  @Test
  void anEmptyQueueIsOneMessageThatResetsAndCompletes() {
    RecordingCall<LaunchQueueUpdate> call = new RecordingCall<>();
    streams.subscribeLaunches(call);
    assertEquals(List.of(LaunchQueueUpdate.newBuilder().setReset(true).setComplete(true).build()), call.take());
  }

  @Test
  void theKillQueueIsKeyedByTaskId() {
    KillRequest t1 = kill("t1", 5);
    KillRequest t2 = kill("t2", 5);
    streams.publish(List.of(), List.of(t1, t2));
    RecordingCall<KillQueueUpdate> call = new RecordingCall<>();
    streams.subscribeKills(call);
    assertEquals(List.of(KillQueueUpdate.newBuilder().setRevision(1).setReset(true).setComplete(true)
        .addRequests(t1).addRequests(t2).build()), call.take());

    streams.publish(List.of(), List.of(t1, t2));
    assertEquals(List.of(), call.take(), "nothing changed");

    KillRequest t2Sooner = kill("t2", 0);
    KillRequest t3 = kill("t3", 5);
    streams.publish(List.of(), List.of(t2Sooner, t3));
    assertEquals(List.of(KillQueueUpdate.newBuilder().setRevision(2).setComplete(true)
        .addRequests(t2Sooner).addRequests(t3).addRemovedTaskIds("t1").build()), call.take());
  }

  /** Subscribing and publishing hold one lock: a subscriber never misses the change between its snapshot and it. */
  @Test
  void subscribersArrivingWhileTheQueueChangesEndWithTheLastQueue() throws Exception {
    Function<Integer, List<LaunchRequest>> queueAt = round -> IntStream.range(0, 50)
        .filter(i -> (i + round) % 7 != 0)
        .mapToObj(i -> request(round % 3 == 0 ? A2 : A, "a" + i, round % (i + 1))).toList();
    List<LaunchQueueFollower> followers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> publishing = threads.submit(() -> IntStream.range(0, 2_000)
          .forEach(round -> streams.publish(queueAt.apply(round), List.of())));
      Future<?> subscribing = threads.submit(() -> {
        for (int i = 0; i < 40; i++) {
          LaunchQueueFollower follower = new LaunchQueueFollower();
          streams.subscribeLaunches(new RecordingCall<>(follower));
          followers.add(follower);
          Thread.yield();
        }
      });
      publishing.get(30, TimeUnit.SECONDS);
      subscribing.get(30, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    for (LaunchQueueFollower follower : followers) {
      assertEquals(byInstanceId(queueAt.apply(1_999)), follower.await(q -> true, AT_ONCE));
    }
  }

  private static RunSpec spec(String id, String version, String cmd) {
    return RunSpec.newBuilder().setApp(App.newBuilder().setId(id).setVersion(version).setCmd(cmd)).build();
  }

  private static LaunchRequest request(RunSpec spec, String instanceId, int incarnation) {
    return LaunchRequest.newBuilder().setSpec(spec).setInstance(Instance.newBuilder().setInstanceId(instanceId)
        .setRunSpecId(spec.getApp().getId()).setIncarnation(incarnation)).build();
  }

  private static KillRequest kill(String taskId, int gracePeriodSeconds) {
    return KillRequest.newBuilder().setInstanceId("i").setTaskId(taskId).setAgentId("agent-1")
        .setGracePeriodSeconds(gracePeriodSeconds).build();
  }

  private static List<LaunchRequest> plus(List<LaunchRequest> queue, LaunchRequest... more) {
    return Stream.concat(queue.stream(), Stream.of(more)).toList();
  }

  private static Set<String> specKeys(List<LaunchRequest> queue) {
    return queue.stream().map(r -> LaunchQueueMessages.specKey(r.getSpec())).collect(Collectors.toSet());
  }
}
