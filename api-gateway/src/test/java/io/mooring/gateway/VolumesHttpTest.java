package io.mooring.gateway;

import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.scheduled;
import static io.mooring.gateway.Instances.volumeDisk;
import static io.mooring.gateway.Instances.withVolumeDisks;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.DiskSource;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.ListInstancesRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v2/volumes} over HTTP, from stand-ins for reservation-service and volume-gc-service. */
class VolumesHttpTest extends LiveGatewayTest {
  private static final DiskSource MOUNT =
      DiskSource.newBuilder().setType(DiskSource.Type.MOUNT).setRoot("/mnt/disk1").build();

  /**
   * /vol/db: instance 1 running, 2 scaled down, 3 not placed yet; /vol/web: instance 1 running; and an orphan of
   * /vol/db on h2, collected at 2026-01-02T04:00:00.000Z.
   */
  @BeforeEach
  void volumes() {
    neighbours.instances = List.of(
        withVolumeDisks(placed("/vol/db", "1", "h1", "TASK_RUNNING"), MOUNT, 2048).build(),
        withVolumeDisks(placed("/vol/db", "2", "h1", "TASK_KILLED").setGoal(Goal.STOPPED), MOUNT, 2048).build(),
        scheduled("/vol/db", "3").build(),
        withVolumeDisks(placed("/vol/web", "1", "h2", "TASK_RUNNING"), DiskSource.getDefaultInstance(), 64)
            .build());
    neighbours.cleanups = List.of(Cleanup.newBuilder().setInstanceId("vol_db.instance-9").setAgentId("agent-h2")
        .setHostname("h2").setReason(Garbage.Reason.UNKNOWN_INSTANCE).setPhase(Cleanup.Phase.GRACE)
        .setNotBeforeMillis(1_767_326_400_000L)
        .addResources(volumeDisk("vol_db#data#9", "data", MOUNT, 2048)).build());
  }

  @Test
  void everyVolumeOnAnAgent() {
    Reply reply = gateway.get("/v2/volumes");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals("application/json", reply.contentType());
    assertEquals(List.of("vol_db#data#1", "vol_db#data#2", "vol_db#data#9", "vol_web#data#1"), ids(reply));
    assertEquals(parse("""
        {"persistenceId":"vol_db#data#1","runSpecId":"/vol/db","instanceId":"vol_db.instance-1","kind":"app",
         "taskId":"vol_db.instance-1._app.1","containerPath":"data","agentId":"agent-h1","host":"h1",
         "type":"mount","source":"/mnt/disk1","size":2048,"mode":"RW","status":"attached"}"""),
        reply.json().at("/volumes/0"));
    assertEquals(parse("""
        {"persistenceId":"vol_db#data#9","runSpecId":"/vol/db","instanceId":"vol_db.instance-9",
         "containerPath":"data","agentId":"agent-h2","host":"h2","type":"mount","source":"/mnt/disk1",
         "size":2048,"mode":"RW","status":"orphaned","collectAt":"2026-01-02T04:00:00.000Z"}"""),
        reply.json().at("/volumes/2"));
    assertEquals("detached", reply.json().at("/volumes/1/status").asText());
    assertEquals(List.of(ListInstancesRequest.getDefaultInstance()), neighbours.lists);
  }

  @Test
  void filteredByRunSpecAndStatus() {
    Reply ofDb = gateway.get("/v2/volumes?runSpecId=/vol/db");
    assertEquals(List.of("vol_db#data#1", "vol_db#data#2", "vol_db#data#9"), ids(ofDb));
    assertEquals("/vol/db", neighbours.lists.get(0).getRunSpecId(), "only the run spec's instances are asked for");

    assertEquals(List.of("vol_db#data#9"), ids(gateway.get("/v2/volumes?status=orphaned")));
    assertEquals(List.of("vol_db#data#1", "vol_db#data#2"),
        ids(gateway.get("/v2/volumes?runSpecId=vol/db&status=attached&status=detached")));
    assertEquals(List.of("vol_db#data#1", "vol_db#data#9", "vol_web#data#1"),
        ids(gateway.get("/v2/volumes?status=attached,orphaned")));
    assertEquals(List.of(), ids(gateway.get("/v2/volumes?runSpecId=/vol&status=attached")), "ids match exactly");

    Reply unknown = gateway.get("/v2/volumes?status=lost");
    assertEquals(400, unknown.status());
    assertEquals("{\"message\":\"Unknown volume status 'lost': expected one of attached, detached, unreachable, "
        + "destroying, orphaned\"}", unknown.raw().body());
  }

  @Test
  void oneVolumeByItsEncodedPersistenceIdWithItsInstancesHistory() {
    Reply reply = gateway.get("/v2/volumes/vol_db%23data%232");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(parse("""
        {"persistenceId":"vol_db#data#2","runSpecId":"/vol/db","instanceId":"vol_db.instance-2","kind":"app",
         "containerPath":"data","agentId":"agent-h1","host":"h1","type":"mount","source":"/mnt/disk1",
         "size":2048,"mode":"RW","status":"detached",
         "instance":{"state":"SUSPENDED","goal":"STOPPED","since":"%s","launches":1,"failures":0,
                     "tasks":[{"taskId":"vol_db.instance-2._app.1","state":"TASK_KILLED"}]}}"""
        .formatted(Instances.STAGED_AT)), reply.json());
    JsonNode orphan = gateway.get("/v2/volumes/vol_db%23data%239").json();
    assertEquals("orphaned", orphan.get("status").asText());
    assertFalse(orphan.has("kind") || orphan.has("instance"), "no instance owns an orphan: " + orphan);
  }

  @Test
  void anUnknownVolumeIs404() {
    Reply reply = gateway.get("/v2/volumes/vol_db%23data%233");
    assertEquals(404, reply.status());
    assertEquals("{\"message\":\"Volume 'vol_db#data#3' does not exist\"}", reply.raw().body(),
        "an instance not placed yet has no volume on any agent");
    Reply slashed = gateway.get("/v2/volumes/vol%2Fdb%23data%231");
    assertEquals(404, slashed.status());
    assertEquals("{\"message\":\"Volume 'vol/db#data#1' does not exist\"}", slashed.raw().body());
  }

  private static List<String> ids(Reply reply) {
    List<String> ids = new ArrayList<>();
    for (JsonNode volume : reply.json().get("volumes")) {
      ids.add(volume.get("persistenceId").asText());
    }
    return ids;
  }
}
