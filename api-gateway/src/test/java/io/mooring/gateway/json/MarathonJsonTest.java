package io.mooring.gateway.json;

import static io.mooring.gateway.JsonTrees.assertPreserved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import io.mooring.gateway.Seeds;
import io.mooring.gateway.error.MarathonError;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarathonJsonTest {
  static Stream<String> appSeeds() {
    return Seeds.APPS.stream();
  }

  @ParameterizedTest
  @MethodSource("appSeeds")
  void everyAppSeedPrintsBackWhatItSaid(String seed) throws Exception {
    JsonNode original = MarathonJson.MAPPER.readTree(Seeds.read(seed));
    App app = MarathonJson.app(Seeds.read(seed)).spec().build();
    assertPreserved(original, MarathonJson.print(app));
  }

  @Test
  void thePodSeedPrintsBackWhatItSaid() throws Exception {
    JsonNode original = MarathonJson.MAPPER.readTree(Seeds.read(Seeds.POD));
    Pod pod = MarathonJson.pod(Seeds.read(Seeds.POD)).spec().build();
    assertPreserved(original, MarathonJson.print(pod));
    assertEquals("disabled", pod.getScheduling().getUnreachableStrategy().getStringValue());
    assertEquals(2, pod.getContainersCount());
  }

  @Test
  void snakeCaseFieldsPrintInLowerCamelCase() {
    App app = MarathonJson.app("{\"id\":\"/a\",\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5}}").spec().build();
    assertEquals(0.5, app.getUpgradeStrategy().getMinimumHealthCapacity());
    ObjectNode printed = MarathonJson.print(app);
    assertEquals(0.5, printed.at("/upgradeStrategy/minimumHealthCapacity").doubleValue());
    assertFalse(printed.has("upgrade_strategy"));
  }

  @Test
  void unsetOptionalFieldsAreNotPrintedButSetZeroesAre() {
    ObjectNode printed = MarathonJson.print(MarathonJson.app("{\"id\":\"/a\",\"cmd\":\"sleep\",\"disk\":0}")
        .spec().build());
    assertEquals("sleep", printed.get("cmd").asText());
    assertTrue(printed.has("disk"), "an optional field set to 0 is printed");
    for (String unset : List.of("cpus", "mem", "instances", "gpus", "container", "residency", "upgradeStrategy",
        "unreachableStrategy", "requirePorts", "version", "versionInfo", "secrets", "tty")) {
      assertFalse(printed.has(unset), unset + " was printed: " + printed);
    }
    assertTrue(printed.get("constraints").isArray() && printed.get("env").isObject(),
        "empty lists and maps are printed, as Marathon does");
  }

  @Test
  void thePrintedTreeCanBeEnriched() {
    ObjectNode printed = MarathonJson.print(App.newBuilder().setId("/a").build());
    printed.put("tasksRunning", 0);
    assertEquals("{\"id\":\"/a\",\"tasksRunning\":0}", withoutEmptyContainers(printed).toString());
  }

  @Test
  void readOnlyFieldsOfGetOutputAreIgnored() {
    String echoed = "{\"id\":\"/a\",\"instances\":2,\"tasksStaged\":0,\"tasksRunning\":1,\"tasksHealthy\":0,"
        + "\"tasksUnhealthy\":0,\"deployments\":[{\"id\":\"d\"}],\"tasks\":[],\"lastTaskFailure\":{},"
        + "\"taskStats\":{},\"readinessCheckResults\":[],\"counts\":{}}";
    MarathonJson.Parsed<App.Builder> parsed = MarathonJson.app(echoed);
    assertEquals(App.newBuilder().setId("/a").setInstances(2).build(), parsed.spec().build());
    assertEquals(List.of("id", "instances"), parsed.updateMask().getPathsList());
  }

  @Test
  void malformedJsonIsA400WithTheParserMessage() {
    MarathonError error = assertThrows(MarathonError.class, () -> MarathonJson.app("{\"id\": \"/a\","));
    assertEquals(HttpStatus.BAD_REQUEST, error.status());
    assertEquals("Invalid JSON", error.body().get("message").asText());
    assertTrue(error.body().get("details").asText().startsWith("Unexpected end-of-input"),
        error.body().toString());
  }

  @Test
  void aBodyThatIsNoObjectIsA400() {
    for (String body : new String[] {"", "[]", "42", null}) {
      MarathonError error = assertThrows(MarathonError.class, () -> MarathonJson.pod(body));
      assertEquals(HttpStatus.BAD_REQUEST, error.status());
      assertEquals("{\"message\":\"Invalid JSON\",\"details\":\"Expected a JSON object\"}", error.body().toString());
    }
  }

  @Test
  void aFieldUnknownToTheContractIsA400WithTheParserMessage() {
    MarathonError error = assertThrows(MarathonError.class,
        () -> MarathonJson.app("{\"id\":\"/a\",\"cpu\":1}"));
    assertEquals(HttpStatus.BAD_REQUEST, error.status());
    assertEquals("Invalid JSON", error.body().get("message").asText());
    assertEquals("Cannot find field: cpu in message mooring.v1.App", error.body().get("details").asText());
  }

  @Test
  void theFieldsMarathon111AcceptsParse() {
    App app = MarathonJson.app("{\"id\":\"/a\",\"uris\":[\"http://a/b.tgz\"],\"executorResources\":{\"cpus\":0.5},"
        + "\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":512},\"ipAddress\":{\"networkName\":\"dcos\","
        + "\"groups\":[\"g\"],\"labels\":{\"a\":\"b\"},\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\","
        + "\"protocol\":\"tcp\",\"labels\":{\"c\":\"d\"}}]}}}").spec().build();
    assertEquals("unlimited", app.getResourceLimits().getCpus().getStringValue());
    assertEquals(512, app.getResourceLimits().getMem().getNumberValue());
    assertEquals(80, app.getIpAddress().getDiscovery().getPorts(0).getNumber());
    assertEquals(0.5, app.getExecutorResources().getCpus());
    Pod pod = MarathonJson.pod("{\"id\":\"/p\",\"legacySharedCgroups\":true,\"containers\":[{\"name\":\"c\","
        + "\"resourceLimits\":{\"mem\":\"unlimited\"}}]}").spec().build();
    assertTrue(pod.getLegacySharedCgroups());
    assertEquals("unlimited", pod.getContainers(0).getResourceLimits().getMem().getStringValue());
  }

  @Test
  void anAppShowsNoEmptyUrisAsMarathonShowsNone() {
    assertFalse(MarathonJson.print(App.newBuilder().setId("/a").build()).has("uris"));
    assertFalse(MarathonJson.print(App.newBuilder().setId("/a")).has("uris"), "builders too");
    assertEquals("http://a/b", MarathonJson.print(App.newBuilder().setId("/a").addUris("http://a/b").build())
        .at("/uris/0").asText(), "an app stored before uris moved into fetch shows its own");
    assertTrue(MarathonJson.print(App.newBuilder().setId("/a").build()).has("fetch"));
  }

  @Test
  void aValueOfTheWrongTypeIsA400() {
    MarathonError error = assertThrows(MarathonError.class,
        () -> MarathonJson.app("{\"id\":\"/a\",\"instances\":\"many\"}"));
    assertEquals(HttpStatus.BAD_REQUEST, error.status());
    assertEquals("Not an int32 value: \"many\"", error.body().get("details").asText());
  }

  private static JsonNode withoutEmptyContainers(ObjectNode json) {
    ObjectNode copy = json.deepCopy();
    json.properties().forEach(f -> {
      if (f.getValue().isContainerNode() && f.getValue().isEmpty()) {
        copy.remove(f.getKey());
      }
    });
    return copy;
  }
}
