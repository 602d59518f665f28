package io.mooring.gateway.api;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.podPlaced;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.Instances.volumeDisk;
import static io.mooring.gateway.Instances.withVolumeDisks;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.runtime.grpc.DomainException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeViewsTest {
  private static final DiskSource ROOT = DiskSource.getDefaultInstance();
  /** 2026-01-02T04:00:00.000Z */
  private static final long GRACE_END = 1_767_326_400_000L;

  /** An app instance of /db on h1 with its volume data on the root disk, its one task in {@code mesosState}. */
  private static Instance.Builder db(String uuid, String mesosState) {
    return withVolumeDisks(placed("/db", uuid, "h1", mesosState), ROOT, 1024);
  }

  /** Claimed by offer-service: its task launching, not yet reported on. */
  private static Instance.Builder reserving(boolean confirmed) {
    Instance.Builder instance = db("a", "").setState(InstanceState.RESERVING);
    instance.getReservationBuilder().setConfirmed(confirmed);
    return instance;
  }

  private static Cleanup cleanup(String instanceId, Garbage.Reason reason, ReservedResource... resources) {
    return Cleanup.newBuilder().setInstanceId(instanceId).setAgentId("agent-h2").setHostname("h2")
        .addAllResources(Arrays.asList(resources)).setReason(reason).setPhase(Cleanup.Phase.DESTROYING)
        .setNotBeforeMillis(GRACE_END).build();
  }

  private static ReservedResource rootVolume(String persistenceId) {
    return volumeDisk(persistenceId, "data", ROOT, 512);
  }

  /** Each listed volume as "persistenceId status taskId", taskId "-" for none. */
  private static List<String> summary(List<VolumeView> volumes) {
    return volumes.stream().map(v -> v.persistenceId() + " " + v.status().json() + " "
        + (v.taskId().isEmpty() ? "-" : v.taskId())).toList();
  }

  /** The volume's JSON as sent: whole MiB print as an integer (1024, not 1024.0). */
  private static JsonNode printed(VolumeView volume) {
    return parse(volume.json().toString());
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of("running", db("a", "TASK_RUNNING"), "attached db.instance-a._app.1"),
        Arguments.of("staging", db("a", "TASK_STAGING"), "attached db.instance-a._app.1"),
        Arguments.of("first launch, reservation not yet confirmed", reserving(false), "attached db.instance-a._app.1"),
        Arguments.of("relaunch on the reservation", reserving(true), "attached db.instance-a._app.1"),
        Arguments.of("task ended, to be relaunched (suspended)", db("a", "TASK_FAILED"), "detached -"),
        Arguments.of("scaled down", db("a", "TASK_KILLED").setGoal(Goal.STOPPED), "detached -"),
        Arguments.of("scaled down, its task still being killed", db("a", "TASK_KILLING").setGoal(Goal.STOPPED)
            .setState(InstanceState.RUNNING_STATE), "detached db.instance-a._app.1"),
        Arguments.of("agent partitioned", db("a", "TASK_UNREACHABLE"), "unreachable db.instance-a._app.1"),
        Arguments.of("scaled down, agent partitioned", db("a", "TASK_UNREACHABLE").setGoal(Goal.STOPPED),
            "unreachable db.instance-a._app.1"),
        Arguments.of("wiped", db("a", "TASK_KILLED").setGoal(Goal.DECOMMISSIONED), "destroying -"),
        Arguments.of("wiped while partitioned", db("a", "TASK_UNREACHABLE").setGoal(Goal.DECOMMISSIONED),
            "destroying db.instance-a._app.1"),
        Arguments.of("scheduled: no reservation yet", scheduled("/db", "a"), null),
        Arguments.of("agent gone", db("a", "TASK_GONE").setState(InstanceState.GONE), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void theStatusOfAnInstancesVolume(String name, Instance.Builder instance, String expected) {
    List<String> listed = summary(VolumeViews.volumes(List.of(instance.build()), List.of(), VolumeViews.Filter.ALL));
    assertEquals(expected == null ? List.of() : List.of("db#data#a " + expected), listed);
  }

  static Stream<Arguments> cleanups() {
    Instance wiped = db("a", "TASK_KILLED").setGoal(Goal.DECOMMISSIONED).build();
    Instance running = db("a", "TASK_RUNNING").build();
    return Stream.of(
        Arguments.of("an orphan", List.of(), cleanup("db.instance-x", Garbage.Reason.UNKNOWN_INSTANCE,
            rootVolume("db#data#x")), List.of("db#data#x orphaned -")),
        Arguments.of("a claim's leftover: its instance started over with fresh ids", List.of(running),
            cleanup("db.instance-a", Garbage.Reason.CLAIM_EXPIRED, rootVolume("db#data#old")),
            List.of("db#data#a attached db.instance-a._app.1", "db#data#old destroying -")),
        Arguments.of("a wiped instance's volume being destroyed: listed once", List.of(wiped),
            cleanup("db.instance-a", Garbage.Reason.DECOMMISSIONED, rootVolume("db#data#a")),
            List.of("db#data#a destroying -")),
        Arguments.of("destroying wins over the instance's own status", List.of(running),
            cleanup("db.instance-a", Garbage.Reason.DECOMMISSIONED, rootVolume("db#data#a")),
            List.of("db#data#a destroying db.instance-a._app.1")),
        Arguments.of("an orphan record of a volume an instance references is stale", List.of(running),
            cleanup("db.instance-a", Garbage.Reason.UNKNOWN_INSTANCE, rootVolume("db#data#a")),
            List.of("db#data#a attached db.instance-a._app.1")),
        Arguments.of("reserved resources without a volume are no volume", List.of(),
            cleanup("db.instance-y", Garbage.Reason.CLAIM_EXPIRED, ReservedResource.newBuilder().setName("cpus")
                .setScalar(1).build()), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanups")
  void volumesInPendingCleanups(String name, List<Instance> instances, Cleanup cleanup, List<String> expected) {
    assertEquals(expected, summary(VolumeViews.volumes(instances, List.of(cleanup), VolumeViews.Filter.ALL)));
  }

  @Test
  void anAppsVolumeOnTheRootDisk() {
    List<VolumeView> volumes = VolumeViews.volumes(List.of(db("a", "TASK_RUNNING").build()), List.of(),
        VolumeViews.Filter.ALL);
    assertEquals(parse("""
        {"persistenceId":"db#data#a","runSpecId":"/db","instanceId":"db.instance-a","kind":"app","taskId":"db.instance-a._app.1",
         "containerPath":"data","agentId":"agent-h1","host":"h1","type":"root","size":1024,"mode":"RW",
         "status":"attached"}"""), printed(volumes.get(0)));
  }

  @Test
  void aPodsVolumeIsNamedByTheVolumeAndItsTaskOnlyWhenTheInstanceHasOne() {
    DiskSource path = DiskSource.newBuilder().setType(DiskSource.Type.PATH).setRoot("/mnt/ssd").setProfile("fast")
        .build();
    Instance two = withVolumeDisks(podPlaced("/group/pod", "a", "h1", "TASK_RUNNING", "web", "db"), path, 256.5)
        .build();
    Instance one = withVolumeDisks(podPlaced("/group/pod", "b", "h1", "TASK_RUNNING", "db"), path, 256).build();
    List<VolumeView> volumes = VolumeViews.volumes(List.of(two, one), List.of(), VolumeViews.Filter.ALL);
    assertEquals(parse("""
        {"persistenceId":"group_pod#pst#a","runSpecId":"/group/pod","instanceId":"group_pod.instance-a","kind":"pod",
         "containerPath":"pst","agentId":"agent-h1","host":"h1","type":"path","source":"/mnt/ssd",
         "profile":"fast","size":256.5,"mode":"RW","status":"attached"}"""), printed(volumes.get(0)));
    assertEquals("group_pod.instance-b.db.1", volumes.get(1).taskId());
  }

  @Test
  void anOrphanOnAMountDiskSaysWhenItIsCollected() {
    DiskSource mount = DiskSource.newBuilder().setType(DiskSource.Type.MOUNT).setRoot("/mnt/disk1").build();
    Cleanup orphan = cleanup("group_db.instance-x", Garbage.Reason.UNKNOWN_INSTANCE,
        volumeDisk("group_db#data#x", "data", mount, 10240));
    List<VolumeView> volumes = VolumeViews.volumes(List.of(), List.of(orphan), VolumeViews.Filter.ALL);
    assertEquals(parse("""
        {"persistenceId":"group_db#data#x","runSpecId":"/group/db","instanceId":"group_db.instance-x",
         "containerPath":"data","agentId":"agent-h2","host":"h2","type":"mount","source":"/mnt/disk1",
         "size":10240,"mode":"RW","status":"orphaned","collectAt":"2026-01-02T04:00:00.000Z"}"""),
        printed(volumes.get(0)));
  }

  @ParameterizedTest(name = "runSpecId={0} status={1}")
  @CsvSource(delimiter = '|', value = {
      "           |                     | db#data#a db#data#b db#data#x db2#data#c group_db#data#d",
      "/db        |                     | db#data#a db#data#b db#data#x",
      "db/        |                     | db#data#a db#data#b db#data#x",
      "/group/db  |                     | group_db#data#d",
      "/nothing   |                     | ''",
      "           | attached            | db#data#a db2#data#c group_db#data#d",
      "           | detached            | db#data#b",
      "           | Orphaned            | db#data#x",
      "           | attached,orphaned   | db#data#a db#data#x db2#data#c group_db#data#d",
      "           | 'attached, detached'| db#data#a db#data#b db2#data#c group_db#data#d",
      "/db        | attached&detached   | db#data#a db#data#b",
      "/db        | unreachable         | ''"})
  void filters(String runSpecId, String statuses, String expected) {
    List<Instance> instances = List.of(db("a", "TASK_RUNNING").build(), db("b", "TASK_FINISHED").build(),
        withVolumeDisks(placed("/db2", "c", "h1", "TASK_RUNNING"), ROOT, 1).build(),
        withVolumeDisks(placed("/group/db", "d", "h1", "TASK_RUNNING"), ROOT, 1).build());
    List<Cleanup> cleanups = List.of(cleanup("db.instance-x", Garbage.Reason.UNKNOWN_INSTANCE,
        rootVolume("db#data#x")));
    VolumeViews.Filter filter = VolumeViews.Filter.of(runSpecId,
        statuses == null ? List.of() : Arrays.asList(statuses.split("&")));  // &: values of their own
    List<String> ids = VolumeViews.volumes(instances, cleanups, filter).stream().map(VolumeView::persistenceId)
        .toList();
    assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), ids);
  }

  @Test
  void anUnknownStatusIsABadRequest() {
    DomainException error = assertThrows(DomainException.class,
        () -> VolumeViews.Filter.of(null, List.of("attached,lost")));
    assertEquals(ErrorCode.BAD_REQUEST, error.info().getCode());
    assertEquals("Unknown volume status 'lost': expected one of attached, detached, unreachable, destroying, orphaned",
        error.info().getMessage());
  }
}
