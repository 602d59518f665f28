package io.mooring.gateway;

import static io.mooring.gateway.Instances.instanceId;
import static io.mooring.gateway.Instances.podPlaced;
import static io.mooring.gateway.Instances.podScheduled;
import static io.mooring.gateway.Instances.podTaskId;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.RunSpecKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Killing pod instances over HTTP: what the gateway asks reservation-service (a stand-in) and how it answers. */
class PodInstanceKillsHttpTest extends LiveGatewayTest {
  private static final String INVALID = """
      {"message":"Object is not valid","details":[{"path":"%s",
       "errors":["must fully match regular expression '^(.+)\\\\.(instance-|marathon-)([^\\\\.]+)$'"]}]}""";

  /** The seed pod with a running instance on h1 and one waiting for an offer. */
  private static String pod(String id) {
    Reply reply = gateway.post("/v2/pods", seed(Seeds.POD, id));
    assertEquals(201, reply.status(), reply.raw().body());
    neighbours.instances = List.of(podPlaced(id, "1", "h1", "TASK_RUNNING", "container1", "container2").build(),
        podScheduled(id, "2").build());
    return id;
  }

  private static KillInstancesRequest kill(String podId, List<String> ids, boolean wipe) {
    return KillInstancesRequest.newBuilder().setRunSpecId(podId).setKind(RunSpecKind.POD)
        .addAllTaskOrInstanceIds(ids).setWipe(wipe).build();
  }

  @Test
  void killingOneInstanceAnswersWithTheInstanceAsItWas() {
    String pod = pod("/kills/pods/one");
    Reply reply = gateway.delete("/v2/pods/kills/pods/one::instances/" + instanceId(pod, "1") + "?wipe=true");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(parse("""
        {"instanceId":"%s",
         "state":{"condition":"Running","since":"%s","activeSince":"%s","goal":"Running"},
         "agentInfo":{"host":"h1","agentId":"agent-h1","attributes":[]},
         "runSpecVersion":"%s","unreachableStrategy":"disabled"}""".formatted(instanceId(pod, "1"),
        Instances.STAGED_AT, Instances.STARTED_AT, Instances.VERSION)), reply.json());
    assertEquals(List.of(kill(pod, List.of(instanceId(pod, "1")), true)), neighbours.kills);

    Reply waiting = gateway.delete("/v2/pods" + pod + "::instances/" + instanceId(pod, "2"));
    assertEquals(parse("{\"condition\":\"Scheduled\",\"since\":\"%s\",\"goal\":\"Running\"}"
        .formatted(Instances.STAGED_AT)), waiting.json().get("state"));
    assertEquals(kill(pod, List.of(instanceId(pod, "2")), false), neighbours.kills.get(1));
  }

  @Test
  void whatIsNoInstanceIdIs422AndKillsNothing() {
    String pod = pod("/kills/pods/invalid");
    for (String id : List.of("garbage", podTaskId(pod, "1", "container1"))) {
      Reply reply = gateway.delete("/v2/pods" + pod + "::instances/" + id);
      assertEquals(422, reply.status(), id);
      assertEquals(parse(INVALID.formatted("/")), reply.json());
    }
    Reply unknownPod = gateway.delete("/v2/pods/kills/nowhere::instances/garbage");
    assertEquals(422, unknownPod.status(), "the id is checked first, as in Marathon");
    assertTrue(neighbours.kills.isEmpty());
  }

  @Test
  void anUnknownInstanceOrPodIs404() {
    String pod = pod("/kills/pods/unknown");
    String other = instanceId(pod, "9");
    Reply reply = gateway.delete("/v2/pods" + pod + "::instances/" + other);
    assertEquals(404, reply.status());
    assertEquals("{\"message\":\"Task '" + other + "' does not exist\"}", reply.raw().body());
    Reply noPod = gateway.delete("/v2/pods/kills/nowhere::instances/" + other);
    assertEquals(404, noPod.status());
    assertEquals("{\"message\":\"Path '/kills/nowhere' does not exist\"}", noPod.raw().body());
    assertEquals(1, neighbours.kills.size(), "only the pod that exists is asked");
  }

  @Test
  void killingSeveralAnswersWithThoseFoundAndPassesOverTheRest() {
    String pod = pod("/kills/pods/many");
    String ids = String.join("\",\"", instanceId(pod, "2"), instanceId(pod, "1"), instanceId(pod, "9"),
        instanceId(pod, "1"));
    Reply reply = gateway.send("DELETE", "/v2/pods" + pod + "::instances?wipe=true", "[\"" + ids + "\"]");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(List.of(instanceId(pod, "2"), instanceId(pod, "1")), ids(reply.json()));
    assertEquals(List.of(kill(pod, List.of(instanceId(pod, "2"), instanceId(pod, "1"), instanceId(pod, "9")), true)),
        neighbours.kills);

    Reply none = gateway.send("DELETE", "/v2/pods" + pod + "::instances", "[\"" + instanceId(pod, "9") + "\"]");
    assertEquals(200, none.status(), none.raw().body());
    assertEquals(parse("[]"), none.json());
    Reply empty = gateway.send("DELETE", "/v2/pods" + pod + "::instances", "[]");
    assertEquals(parse("[]"), empty.json());
    assertEquals(2, neighbours.kills.size(), "no ids, no call");
  }

  @Test
  void killingSeveralRefusesABodyThatIsNoListOfInstanceIds() {
    String pod = pod("/kills/pods/refused");
    Reply invalid = gateway.send("DELETE", "/v2/pods" + pod + "::instances",
        "[\"" + instanceId(pod, "1") + "\",\"garbage\"]");
    assertEquals(422, invalid.status());
    assertEquals(parse(INVALID.formatted("/(1)")), invalid.json());
    Reply object = gateway.send("DELETE", "/v2/pods" + pod + "::instances", "{\"ids\":[]}");
    assertEquals(400, object.status());
    assertEquals("Invalid JSON", object.json().get("message").asText());
    assertEquals(400, gateway.send("DELETE", "/v2/pods" + pod + "::instances", "[").status());
    assertEquals(400, gateway.delete("/v2/pods" + pod + "::instances").status());
    assertTrue(neighbours.kills.isEmpty());
  }

  private static List<String> ids(JsonNode instances) {
    List<String> ids = new ArrayList<>();
    instances.forEach(instance -> ids.add(instance.get("instanceId").asText()));
    return ids;
  }
}
