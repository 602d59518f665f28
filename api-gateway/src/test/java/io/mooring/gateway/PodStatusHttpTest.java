package io.mooring.gateway;

import static io.mooring.gateway.Instances.instanceId;
import static io.mooring.gateway.Instances.placed;
import static io.mooring.gateway.Instances.podPlaced;
import static io.mooring.gateway.Instances.podScheduled;
import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.InstanceState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pod status over HTTP: the real definition-service for the pods, a stand-in reservation-service. */
class PodStatusHttpTest extends LiveGatewayTest {
  /** The seed pod (two containers, one instance wanted) under {@code id}; its version. */
  private static String create(String id) {
    Reply reply = gateway.post("/v2/pods", seed(Seeds.POD, id));
    assertEquals(201, reply.status(), reply.raw().body());
    return reply.json().get("version").asText();
  }

  @Test
  void aPodWithARunningInstanceIsStable() {
    String pod = "/status/pg";
    String version = create(pod);
    neighbours.instances = List.of(
        podPlaced(pod, "1", "h1", "TASK_RUNNING", "container1", "container2").setRunSpecVersion(version).build(),
        podScheduled(pod, "2").setGoal(Goal.STOPPED).build());

    Reply reply = gateway.get("/v2/pods/status/pg::status");
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(gateway.get("/v2/pods" + pod).json(), reply.json().get("spec"));
    assertContains(parse("""
        {"id":"/status/pg","status":"STABLE","terminationHistory":[],
         "instances":[
           {"id":"%1$s","status":"STABLE","agentHostname":"h1","agentId":"agent-h1",
            "resources":{"mem":288,"disk":10,"gpus":0},
            "containers":[
              {"name":"container1","status":"TASK_RUNNING","containerId":"%1$s.container1.1",
               "endpoints":[{"name":"httpct1","allocatedHostPort":31001}]},
              {"name":"container2","status":"TASK_RUNNING","containerId":"%1$s.container2.1",
               "endpoints":[{"name":"httpct2","allocatedHostPort":31002}]}],
            "specReference":"/v2/pods/status/pg::versions/%2$s",
            "localVolumes":[{"runSpecId":"/status/pg","containerPath":"pst","uuid":"1",
                             "persistenceId":"status_pg#pst#1"}],
            "role":"mooring"},
           {"id":"%3$s","status":"TERMINAL","containers":[],
            "specReference":"/v2/pods/status/pg::versions/%4$s"}]}"""
        .formatted(instanceId(pod, "1"), version, instanceId(pod, "2"), Instances.VERSION)), reply.json());
    assertEquals("/status/pg", neighbours.lists.get(0).getRunSpecId());
  }

  @Test
  void aPodShortOfStableInstancesIsDegraded() {
    String pod = "/status/degraded";
    create(pod);
    neighbours.instances = List.of(podPlaced(pod, "1", "h1", "TASK_UNREACHABLE", "container1", "container2")
        .setState(InstanceState.UNREACHABLE).build());
    JsonNode status = gateway.get("/v2/pods" + pod + "::status").json();
    assertContains(parse("""
        {"status":"DEGRADED","instances":[{"status":"DEGRADED","message":"pod instance has become unreachable"}]}"""),
        status);
  }

  @Test
  void theStatusOfAnUnknownPodIs404() {
    Reply reply = gateway.get("/v2/pods/status/unknown::status");
    assertEquals(404, reply.status());
    assertEquals("{\"message\":\"Pod '/status/unknown' does not exist\"}", reply.raw().body());
  }

  @Test
  void everyPodsStatusWithOneCallForAllInstances() {
    create("/statuses/a");
    create("/statuses/b");
    neighbours.instances = List.of(
        podPlaced("/statuses/a", "1", "h1", "TASK_STAGING", "container1", "container2")
            .setState(InstanceState.STAGING).build(),
        podPlaced("/statuses/b", "1", "h1", "TASK_RUNNING", "container1", "container2").build(),
        placed("/statuses/app", "1", "h2", "TASK_RUNNING").build());

    Reply reply = gateway.get("/v2/pods/::status");
    assertEquals(200, reply.status(), reply.raw().body());
    Map<String, JsonNode> byId = new HashMap<>();
    reply.json().forEach(status -> byId.put(status.get("id").asText(), status));
    assertContains(parse("{\"status\":\"DEGRADED\",\"instances\":[{\"status\":\"STAGING\"}]}"),
        byId.get("/statuses/a"));
    assertContains(parse("{\"status\":\"STABLE\",\"instances\":[{\"status\":\"STABLE\"}]}"), byId.get("/statuses/b"));
    assertEquals(1, neighbours.lists.size(), "one call for every pod");
    assertEquals("", neighbours.lists.get(0).getRunSpecId());
  }

  @Test
  void noRouteServesAnInstanceListing() {
    create("/status/listing");
    Reply reply = gateway.get("/v2/pods/status/listing::instances");
    assertEquals(404, reply.status());
    assertEquals("{\"message\":\"URI not found\"}", reply.raw().body());
  }
}
