package io.mooring.gateway;

import static io.mooring.gateway.JsonTrees.assertContains;
import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.GatewayClient.Reply;
import org.junit.jupiter.api.Test;

/** {@code /v2/pods} over HTTP, against the real definition-service. */
class PodsHttpTest extends LiveGatewayTest {
  @Test
  void podsAreCreatedReadReplacedVersionedAndDeleted() {
    String id = "/pods/pv";
    String body = seed(Seeds.POD, id);
    Reply create = gateway.post("/v2/pods", body);
    assertEquals(201, create.status(), create.raw().body());
    assertEquals("/v2/pods" + id, create.header("Location"));
    assertNotNull(create.header("Marathon-Deployment-Id"));
    assertContains(parse(body), create.json());

    Reply get = gateway.get("/v2/pods" + id);
    assertEquals(200, get.status());
    assertEquals(create.json(), get.json());
    assertTrue(contains(gateway.get("/v2/pods").json(), id));

    ObjectNode replaced = (ObjectNode) parse(body);
    replaced.remove("id");  // the path names the pod
    replaced.putObject("labels").put("tier", "db");
    Reply put = gateway.put("/v2/pods" + id + "?force=true", replaced.toString());
    assertEquals(200, put.status(), put.raw().body());
    assertNotNull(put.header("Marathon-Deployment-Id"));
    assertEquals("db", put.json().at("/labels/tier").asText());

    Reply versions = gateway.get("/v2/pods" + id + "::versions");
    assertEquals(200, versions.status());
    assertEquals(2, versions.json().size(), versions.raw().body());
    String first = versions.json().get(1).asText();
    Reply old = gateway.get("/v2/pods" + id + "::versions/" + first);
    assertEquals(200, old.status(), old.raw().body());
    assertEquals(first, old.json().get("version").asText());
    assertTrue(old.json().get("labels").isEmpty(), old.raw().body());

    Reply delete = gateway.delete("/v2/pods" + id + "?force=true");
    assertEquals(202, delete.status(), delete.raw().body());
    assertNotNull(delete.header("Marathon-Deployment-Id"));
    assertEquals("", delete.raw().body());
    Reply gone = gateway.get("/v2/pods" + id);
    assertEquals(404, gone.status());
    assertEquals("{\"message\":\"Pod '/pods/pv' does not exist\"}", gone.raw().body());
  }

  @Test
  void aPutOfANewPodCreatesIt() {
    Reply put = gateway.put("/v2/pods/pods/new", seed(Seeds.POD, "/pods/new"));
    assertEquals(201, put.status(), put.raw().body());
    assertEquals("/v2/pods/pods/new", put.header("Location"));
    assertEquals("/pods/new", put.json().get("id").asText());
  }

  private static boolean contains(JsonNode runSpecs, String id) {
    for (JsonNode spec : runSpecs) {
      if (spec.get("id").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
