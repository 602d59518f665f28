package io.mooring.gateway;

import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.gateway.GatewayClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields Marathon 1.11 accepts beyond Mooring's first contract (issue 12), over HTTP against the real
 * definition-service: each POSTed, then read back as Marathon shows it; the deprecated ones as what they became.
 */
class AcceptedFieldsHttpTest extends LiveGatewayTest {
  /** POSTs an app (201) and returns it as GET /v2/apps/<id> shows it. */
  private static JsonNode createdApp(String id, String fields) {
    Reply post = gateway.post("/v2/apps", "{\"id\":\"" + id + "\",\"cmd\":\"sleep 100\"," + fields + "}");
    assertEquals(201, post.status(), post.raw().body());
    Reply get = gateway.get("/v2/apps" + id);
    assertEquals(200, get.status(), get.raw().body());
    return get.json().get("app");
  }

  private static JsonNode createdPod(String body) {
    Reply post = gateway.post("/v2/pods", body);
    assertEquals(201, post.status(), post.raw().body());
    Reply get = gateway.get("/v2/pods" + post.json().get("id").asText());
    assertEquals(200, get.status(), get.raw().body());
    return get.json();
  }

  /** A pod of one container with {@code containerFields} and {@code podFields} (JSON members, may be empty). */
  private static String pod(String id, String podFields, String containerFields) {
    return "{\"id\":\"" + id + "\"" + podFields + ",\"containers\":[{\"name\":\"c1\","
        + "\"exec\":{\"command\":{\"shell\":\"sleep 100\"}},\"resources\":{\"cpus\":0.5,\"mem\":64}" + containerFields
        + "}]}";
  }

  @Test
  void ipAddressIsShownAsTheNetworkAndPortMappingsItBecame() {
    JsonNode app = createdApp("/accepted/ip", """
        "ipAddress":{"networkName":"dcos","groups":["ignored"],"labels":{"owner":"db"},
                     "discovery":{"ports":[{"number":80,"name":"http","protocol":"tcp","labels":{"VIP_0":"/web:80"}}]}}""");
    assertContains(parse("""
        {"networks":[{"mode":"container","name":"dcos","labels":{"owner":"db"}}],
         "container":{"type":"MESOS","portMappings":[{"containerPort":80,"protocol":"tcp",
                                                      "name":"http","labels":{"VIP_0":"/web:80"}}]}}"""), app);
    int servicePort = app.at("/container/portMappings/0/servicePort").asInt();
    assertTrue(servicePort >= 10000 && servicePort <= 20000, "a service port of the range: " + servicePort);
    assertFalse(app.has("ipAddress"), app.toString());
    assertFalse(app.at("/container/portMappings/0").has("hostPort"), "IP-per-task mapped no host ports");
    assertTrue(app.get("portDefinitions").isEmpty(), app.toString());
  }

  @Test
  void ipAddressBesideNetworksIsRefused() {
    Reply reply = gateway.post("/v2/apps", "{\"id\":\"/accepted/ip-clash\",\"cmd\":\"x\",\"ipAddress\":{},"
        + "\"networks\":[{\"mode\":\"container\",\"name\":\"dcos\"}]}");
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals(parse("[{\"path\":\"/ipAddress\",\"errors\":[\"must not specify both networks and ipAddress\"]}]"),
        reply.json().get("details"));
  }

  @Test
  void urisAreShownAsFetchEntries() {
    JsonNode app = createdApp("/accepted/uris",
        "\"uris\":[\"https://example.com/app.tgz\",\"https://example.com/run.sh\"]");
    assertEquals(parse("""
        [{"uri":"https://example.com/app.tgz","extract":true,"executable":false,"cache":false},
         {"uri":"https://example.com/run.sh","extract":false,"executable":false,"cache":false}]"""), app.get("fetch"));
    assertFalse(app.has("uris"), app.toString());
  }

  @Test
  void anUpdateOfFetchReplacesTheUrisAnAppWasCreatedWith() {
    createdApp("/accepted/uris-then-fetch", "\"uris\":[\"https://example.com/app.tgz\"]");
    Reply patch = gateway.patch("/v2/apps/accepted/uris-then-fetch?force=true",
        "{\"fetch\":[{\"uri\":\"https://example.com/other.zip\",\"extract\":false}]}");
    assertEquals(200, patch.status(), patch.raw().body());
    JsonNode app = gateway.get("/v2/apps/accepted/uris-then-fetch").json().get("app");
    assertEquals(parse("[{\"uri\":\"https://example.com/other.zip\",\"extract\":false}]"), app.get("fetch"));
  }

  @Test
  void anUpdateOfNetworksReplacesTheIpAddressAnAppWasCreatedWith() {
    createdApp("/accepted/ip-then-networks", "\"ipAddress\":{\"networkName\":\"dcos\"}");
    Reply put = gateway.put("/v2/apps/accepted/ip-then-networks?force=true", "{\"networks\":[{\"mode\":\"host\"}]}");
    assertEquals(200, put.status(), put.raw().body());
    JsonNode app = gateway.get("/v2/apps/accepted/ip-then-networks").json().get("app");
    assertContains(parse("{\"networks\":[{\"mode\":\"host\"}]}"), app);
    assertFalse(app.at("/networks/0").has("name"), app.toString());
  }

  @Test
  void resourceLimitsAreShownAsGiven() {
    JsonNode app = createdApp("/accepted/limits",
        "\"mem\":256,\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":1024}");
    assertContains(parse("{\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":1024}}"), app);
    assertEquals(List.of("cpus", "mem"), fieldNames(app.get("resourceLimits")));
    assertFalse(createdApp("/accepted/no-limits", "\"mem\":256").has("resourceLimits"));
  }

  @Test
  void aLimitBelowTheRequestIsRefused() {
    Reply reply = gateway.post("/v2/apps", "{\"id\":\"/accepted/low-limit\",\"cmd\":\"x\",\"mem\":256,"
        + "\"resourceLimits\":{\"mem\":128,\"cpus\":\"plenty\"}}");
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals(parse("""
        [{"path":"/resourceLimits/cpus",
          "errors":["'plenty' is an invalid resource limit. It must be 'unlimited' or a number"]},
         {"path":"/resourceLimits/mem",
          "errors":["resource limit must be greater than or equal to requested resource (256.0)"]}]"""),
        reply.json().get("details"));
  }

  @Test
  void aResidentAppMayChangeItsLimitsButNotWhatItReserved() {
    Reply post = gateway.post("/v2/apps", seed("mysql.json", "/accepted/resident-limits"));
    assertEquals(201, post.status(), post.raw().body());
    Reply limits = gateway.patch("/v2/apps/accepted/resident-limits?force=true",
        "{\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":4096}}");
    assertEquals(200, limits.status(), limits.raw().body());
    JsonNode app = gateway.get("/v2/apps/accepted/resident-limits").json().get("app");
    assertContains(parse("{\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":4096}}"), app);
    Reply mem = gateway.patch("/v2/apps/accepted/resident-limits?force=true", "{\"mem\":4096}");
    assertEquals(422, mem.status(), mem.raw().body());
  }

  @Test
  void appExecutorResourcesAreShownWithMarathonsDefaultsOnlyWhenGiven() {
    JsonNode app = createdApp("/accepted/executor", "\"executorResources\":{\"cpus\":0.5}");
    assertContains(parse("{\"cpus\":0.5,\"mem\":32,\"disk\":10}"), app.get("executorResources"));
    assertEquals(List.of("cpus", "mem", "disk"), fieldNames(app.get("executorResources")));
    assertFalse(createdApp("/accepted/no-executor", "\"mem\":64").has("executorResources"));
  }

  @Test
  void podsShowLegacySharedCgroupsOnlyWhenTrue() {
    JsonNode legacy = createdPod(pod("/accepted/legacy", ",\"legacySharedCgroups\":true", ""));
    assertTrue(legacy.get("legacySharedCgroups").asBoolean(), legacy.toString());
    JsonNode isolated = createdPod(pod("/accepted/isolated", ",\"legacySharedCgroups\":false", ""));
    assertFalse(isolated.has("legacySharedCgroups"), isolated.toString());
  }

  @Test
  void podContainersShowTheirLimits() {
    JsonNode pod = createdPod(pod("/accepted/pod-limits", "",
        ",\"resourceLimits\":{\"cpus\":2,\"mem\":\"unlimited\"}"));
    assertContains(parse("{\"cpus\":2,\"mem\":\"unlimited\"}"), pod.at("/containers/0/resourceLimits"));
    assertContains(parse("{\"cpus\":0.1,\"mem\":32,\"disk\":10}"), pod.get("executorResources"));
  }

  @Test
  void podContainerLimitsAreRefusedWithLegacySharedCgroups() {
    Reply reply = gateway.post("/v2/pods", pod("/accepted/legacy-limits", ",\"legacySharedCgroups\":true",
        ",\"resourceLimits\":{\"cpus\":1}"));
    assertEquals(422, reply.status(), reply.raw().body());
    assertEquals(parse("""
        [{"path":"/containers(0)/resourceLimits",
          "errors":["resourceLimits cannot be defined if legacySharedCgroups is enabled"]}]"""),
        reply.json().get("details"));
  }

  @Test
  void legacySharedCgroupsIsNoAppField() {
    Reply reply = gateway.post("/v2/apps",
        "{\"id\":\"/accepted/app-cgroups\",\"cmd\":\"x\",\"legacySharedCgroups\":true}");
    assertEquals(400, reply.status(), reply.raw().body());
    assertEquals("Invalid JSON", reply.json().get("message").asText());
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
