package io.mooring.definition.validation;

import static io.mooring.definition.Specs.normalizedApp;
import static io.mooring.definition.Specs.residentApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every app rule, one row per broken rule: the JSON, the path Marathon names, the message. */
class AppRulesTest {
  private static String volume(String containerPath, String mode, String persistent) {
    return "{\"containerPath\":\"" + containerPath + "\"" + (mode == null ? "" : ",\"mode\":\"" + mode + "\"")
        + ",\"persistent\":" + persistent + "}";
  }

  private static String persistent(String persistent) {
    return residentApp(volume("data", "RW", persistent), "");
  }

  static Stream<Arguments> invalid() {
    String v = "/container/volumes(0)";
    String p = v + "/persistent";
    return Stream.of(
        Arguments.of(residentApp(volume("", "RW", "{\"size\":10}"), ""), v + "/containerPath", "must not be empty"),
        Arguments.of(residentApp(volume(".", "RW", "{\"size\":10}"), ""), v + "/containerPath", "can not be one of (.,..)"),
        Arguments.of(residentApp(volume("..", "RW", "{\"size\":10}"), ""), v + "/containerPath", "can not be one of (.,..)"),
        Arguments.of(residentApp(volume("/data", "RW", "{\"size\":10}"), ""), v + "/containerPath", "value must not contain \"/\""),
        Arguments.of(residentApp(volume("var/data", "RW", "{\"size\":10}"), ""), v + "/containerPath", "value must not contain \"/\""),
        Arguments.of(residentApp(volume("data", "RO", "{\"size\":10}"), ""), v + "/mode", "does not equal RW"),
        Arguments.of(persistent("{\"size\":0}"), p + "/size", "got 0, expected more than 0"),
        Arguments.of(persistent("{\"size\":-5}"), p + "/size", "got -5, expected more than 0"),
        Arguments.of(persistent("{}"), p + "/size", "is required"),
        Arguments.of(persistent("{\"type\":\"block\",\"size\":10}"), p + "/type", "must be one of root, path, mount"),
        Arguments.of(persistent("{\"type\":\"root\",\"size\":10,\"maxSize\":20}"), p, "Only mount volumes can have maxSize"),
        Arguments.of(persistent("{\"type\":\"path\",\"size\":10,\"maxSize\":20}"), p, "Only mount volumes can have maxSize"),
        Arguments.of(persistent("{\"type\":\"mount\",\"size\":10,\"maxSize\":10}"), p, "Max size must be larger than size"),
        Arguments.of(persistent("{\"type\":\"mount\",\"size\":10,\"maxSize\":5}"), p, "Max size must be larger than size"),
        Arguments.of(persistent("{\"size\":10,\"profileName\":\"\"}"), p + "/profileName", "must not be empty"),
        Arguments.of(persistent("{\"size\":10,\"constraints\":[[\"path\",\"LIKE\",\"/mnt/.+\"]]}"), p,
            "Constraints on root volumes are not supported"),
        Arguments.of(persistent("{\"type\":\"mount\",\"size\":10,\"constraints\":[[\"hostname\",\"LIKE\",\"a\"]]}"),
            p + "/constraints(0)", "Unsupported field"),
        Arguments.of(persistent("{\"type\":\"mount\",\"size\":10,\"constraints\":[[\"path\",\"UNIQUE\",\"a\"]]}"),
            p + "/constraints(0)", "Operator must be one of LIKE, UNLIKE"),
        Arguments.of(persistent("{\"type\":\"path\",\"size\":10,\"constraints\":[[\"path\",\"LIKE\",\"[\"]]}"),
            p + "/constraints(0)", "Invalid regular expression"),
        Arguments.of(persistent("{\"type\":\"path\",\"size\":10,\"constraints\":[[\"path\",\"LIKE\"]]}"),
            p + "/constraints(0)", "A regular expression value must be provided"),
        Arguments.of(persistent("{\"type\":\"path\",\"size\":10,\"constraints\":[[\"path\"]]}"),
            p + "/constraints(0)", "Missing field and operator"),
        Arguments.of(persistent("{\"type\":\"mount\",\"size\":10,\"constraints\":[[\"path\",\"LIKE\",\"a\",\"b\"]]}"),
            p + "/constraints(0)", "Unsupported constraint <path,LIKE,a,b>"),
        Arguments.of(residentApp("\"unreachableStrategy\":{\"inactiveAfterSeconds\":1,\"expungeAfterSeconds\":2}"),
            "/unreachableStrategy", "unreachableStrategy must be disabled for resident tasks"),
        Arguments.of(residentApp("\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,\"maximumOverCapacity\":0.1}"),
            "/upgradeStrategy/maximumOverCapacity", "got 0.1, expected 0.0"),
        Arguments.of(residentApp("\"upgradeStrategy\":{\"minimumHealthCapacity\":0.8}"),
            "/upgradeStrategy/minimumHealthCapacity", "got 0.8, expected 0.5 or less"),
        Arguments.of(residentApp("\"upgradeStrategy\":{\"minimumHealthCapacity\":1.2,\"maximumOverCapacity\":0}"),
            "/upgradeStrategy/minimumHealthCapacity", "got 1.2, expected between 0.0 and 1.0"),
        Arguments.of(residentApp("\"acceptedResourceRoles\":[\"*\",\"slave_public\"]"), "/acceptedResourceRoles",
            "A resident app must have `acceptedResourceRoles = [\"*\"]`."),
        Arguments.of(residentApp("\"acceptedResourceRoles\":[\"mooring\"]"), "/acceptedResourceRoles",
            "A resident app must have `acceptedResourceRoles = [\"*\"]`."),
        Arguments.of(residentApp("\"role\":\"*\""), "/role", "Resident apps cannot have the role *"),
        Arguments.of(residentApp("\"residency\":{\"taskLostBehavior\":\"RELAUNCH_AFTER_TIMEOUT\"}"),
            "/residency/taskLostBehavior", "must be WAIT_FOREVER for apps with persistent volumes"),
        Arguments.of(residentApp("\"cpus\":-1"), "/cpus", "got -1.0, expected 0.0 or more"),
        Arguments.of(residentApp("\"instances\":-1"), "/instances", "got -1, expected 0 or more"),
        Arguments.of(residentApp("\"constraints\":[[\"hostname\"]]"), "/constraints(0)",
            "Each constraint must have either 2 or 3 fields"),
        Arguments.of(residentApp("\"args\":[\"x\"]"), "/",
            "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."),
        Arguments.of("{\"id\":\"/Bad_Id\",\"cmd\":\"x\"}", "/id",
            "must fully match regular expression '" + RunSpecIds.SEGMENT_REGEX + "'"),
        Arguments.of("{\"cmd\":\"x\"}", "/id", "must not be empty"),
        Arguments.of("{\"id\":\"/" + "a".repeat(RunSpecIds.MAX_LENGTH) + "\",\"cmd\":\"x\"}", "/id",
            "must be at most 512 characters long, not 513"),
        Arguments.of("{\"id\":\"/probe/versions\",\"cmd\":\"x\"}", "/id",
            "must not end with restart, tasks, versions, tasks/<x> or versions/<x>: the API's paths give these a meaning after an id"),
        Arguments.of("{\"id\":\"/a/tasks/b\",\"cmd\":\"x\"}", "/id",
            "must not end with restart, tasks, versions, tasks/<x> or versions/<x>: the API's paths give these a meaning after an id"),
        Arguments.of(residentApp(volume("data", "RW", "{\"size\":10}") + ",{\"containerPath\":\"/var/lib/mysql\",\"mode\":\"RW\"}", ""),
            "/container/volumes(1)", "must be a persistent, host (hostPath), external or secret volume"),
        Arguments.of(residentApp(volume("data", "RW", "{\"size\":10}") + ",{\"containerPath\":\"\",\"hostPath\":\"data\",\"mode\":\"RW\"}", ""),
            "/container/volumes(1)/containerPath", "must not be empty"),
        Arguments.of("{\"id\":\"/x\",\"cmd\":\"x\",\"unreachableStrategy\":\"sometimes\"}", "/unreachableStrategy",
            "must be \"disabled\" or {\"inactiveAfterSeconds\": n, \"expungeAfterSeconds\": m}"),
        Arguments.of("{\"id\":\"/x\",\"cmd\":\"x\",\"upgradeStrategy\":{\"maximumOverCapacity\":1.5}}",
            "/upgradeStrategy/maximumOverCapacity", "got 1.5, expected between 0.0 and 1.0"),
        Arguments.of("{\"id\":\"/x\",\"cmd\":\"x\",\"networks\":[{\"mode\":\"container/bridge\"}],\"portDefinitions\":[{\"port\":0}]}",
            "/portDefinitions", "portDefinitions are only allowed with host networking; use portMappings"),
        Arguments.of("{\"id\":\"/x\",\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"\"}},\"cmd\":\"x\"}",
            "/container/docker/image", "must not be empty"),
        Arguments.of(residentApp("\"cpus\":\"Infinity\""), "/cpus", "got Infinity, expected a finite number"),
        Arguments.of(residentApp("\"mem\":\"NaN\""), "/mem", "got NaN, expected a finite number"),
        Arguments.of(residentApp("\"backoffFactor\":0.5"), "/backoffFactor", "got 0.5, expected 1.0 or more"),
        Arguments.of(residentApp("\"upgradeStrategy\":{\"minimumHealthCapacity\":\"NaN\",\"maximumOverCapacity\":0}"),
            "/upgradeStrategy/minimumHealthCapacity", "got NaN, expected between 0.0 and 1.0"));
  }

  private static String web(String fields) {
    return "{\"id\":\"/web\",\"cmd\":\"serve\"," + fields + "}";
  }

  /** The fields Marathon 1.11 accepts beyond the canonical app, and its rules for them. */
  static Stream<Arguments> invalidAcceptedFields() {
    String limit = "resource limit must be greater than or equal to requested resource (%s)";
    return Stream.of(
        Arguments.of(web("\"resourceLimits\":{\"cpus\":0.5}"), "/resourceLimits/cpus", limit.formatted("1.0")),
        Arguments.of(web("\"cpus\":2,\"resourceLimits\":{\"cpus\":1.999}"), "/resourceLimits/cpus",
            limit.formatted("2.0")),
        Arguments.of(web("\"resourceLimits\":{\"mem\":64}"), "/resourceLimits/mem", limit.formatted("128.0")),
        Arguments.of(web("\"resourceLimits\":{\"mem\":-1}"), "/resourceLimits/mem", limit.formatted("128.0")),
        Arguments.of(web("\"resourceLimits\":{\"cpus\":\"lots\"}"), "/resourceLimits/cpus",
            "'lots' is an invalid resource limit. It must be 'unlimited' or a number"),
        Arguments.of(web("\"resourceLimits\":{\"mem\":\"Infinity\"}"), "/resourceLimits/mem",
            "'Infinity' is an invalid resource limit. It must be 'unlimited' or a number"),
        Arguments.of(web("\"resourceLimits\":{\"mem\":\"UNLIMITED\"}"), "/resourceLimits/mem",
            "'UNLIMITED' is an invalid resource limit. It must be 'unlimited' or a number"),
        Arguments.of(web("\"resourceLimits\":{\"cpus\":true}"), "/resourceLimits/cpus",
            "must be 'unlimited' or a number"),
        Arguments.of(web("\"resourceLimits\":{\"cpus\":{\"max\":2}}"), "/resourceLimits/cpus",
            "must be 'unlimited' or a number"),
        Arguments.of(web("\"executorResources\":{\"cpus\":0.05}"), "/executorResources/cpus",
            "got 0.05, expected 0.1 or more"),
        Arguments.of(web("\"executorResources\":{\"mem\":16}"), "/executorResources/mem",
            "got 16.0, expected 32.0 or more"),
        Arguments.of(web("\"executorResources\":{\"disk\":5}"), "/executorResources/disk",
            "got 5.0, expected 10.0 or more"),
        Arguments.of(web("\"executorResources\":{\"disk\":\"NaN\"}"), "/executorResources/disk",
            "got NaN, expected a finite number"),
        Arguments.of(web("\"uris\":[\"http://a/b.tgz\"],\"fetch\":[{\"uri\":\"http://a/c\"}]"), "/uris",
            "may not be set in conjunction with fetch"),
        Arguments.of(web("\"uris\":[\"http://a b/c.tgz\"]"), "/fetch(0)/uri", "URI has invalid syntax."),
        Arguments.of(web("\"fetch\":[{\"uri\":\"http://a/b\"},{\"uri\":\"\"}]"), "/fetch(1)/uri",
            "length must be between 1 and 1024"),
        Arguments.of(web("\"fetch\":[{\"uri\":\"http://a/" + "b".repeat(1017) + "\"}]"), "/fetch(0)/uri",
            "length must be between 1 and 1024"),
        Arguments.of(web("\"ipAddress\":{},\"networks\":[{\"mode\":\"container\",\"name\":\"dcos\"}]"),
            "/ipAddress", "must not specify both networks and ipAddress"),
        Arguments.of(web("\"ipAddress\":{},\"portDefinitions\":[{\"port\":0}]"), "/ipAddress",
            "cannot specify both an IP address and port"),
        Arguments.of(web("\"ipAddress\":{},\"ports\":[0]"), "/ipAddress", "cannot specify both an IP address and port"),
        Arguments.of(web("\"ipAddress\":{},\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"NONE\"}}"),
            "/ipAddress", "unsupported docker network type NONE"),
        Arguments.of(web("\"ipAddress\":{\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\"}]}},"
                + "\"container\":{\"docker\":{\"image\":\"nginx\"}}"),
            "/ipAddress", "ipAddress/discovery is not allowed for Docker containers"),
        Arguments.of(web("\"ipAddress\":{\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\"}]}},"
                + "\"container\":{\"type\":\"MESOS\",\"portMappings\":[{\"containerPort\":8080}]}"),
            "/ipAddress", "container.portMappings and ipAddress.discovery.ports must not both be set"),
        Arguments.of(web("\"ipAddress\":{\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\"}]}},"
                + "\"container\":{\"docker\":{\"portMappings\":[{\"containerPort\":8080}]}}"),
            "/ipAddress", "container.portMappings and ipAddress.discovery.ports must not both be set"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidAcceptedFields")
  void refusesAcceptedFieldsAsMarathonDoes(String json, String path, String message) {
    assertEquals(List.of(Violation.newBuilder().setPath(path).addErrors(message).build()),
        AppRules.validate(normalizedApp(json)).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":\"unlimited\"}",
      "\"resourceLimits\":{\"cpus\":1,\"mem\":128}",
      "\"cpus\":0.5,\"mem\":64,\"resourceLimits\":{\"cpus\":2.5,\"mem\":1024}",
      "\"resourceLimits\":{}",
      "\"resourceLimits\":{\"cpus\":null}",
      "\"executorResources\":{}",
      "\"executorResources\":{\"cpus\":0.1,\"mem\":32,\"disk\":10}",
      "\"uris\":[\"http://a/b.tgz\",\"hdfs://nn/c\"]",
      "\"uris\":[],\"fetch\":[{\"uri\":\"http://a/c\"}]",
      "\"ipAddress\":{\"networkName\":\"dcos\",\"groups\":[\"g\"],\"labels\":{\"a\":\"b\"},"
          + "\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\",\"protocol\":\"tcp\"}]}}",
      "\"ipAddress\":{\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\"}]}},\"container\":{\"docker\":{}}",
      "\"ipAddress\":{},\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"USER\"}}"})
  void acceptsWhatMarathonAccepts(String fields) {
    App app = normalizedApp(web(fields));
    assertEquals(List.of(), AppRules.validate(app).toList());
    assertFalse(app.hasIpAddress(), "an accepted ipAddress is never stored");
    assertEquals(0, app.getUrisCount(), "nor are uris");
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalid")
  void rejectsWithExactlyThatViolation(String json, String path, String message) {
    assertEquals(List.of(Violation.newBuilder().setPath(path).addErrors(message).build()),
        AppRules.validate(normalizedApp(json)).toList());
  }


  @ParameterizedTest
  @ValueSource(strings = {
      "{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}",
      "{\"containerPath\":\".hidden\",\"persistent\":{\"size\":10}}",
      "{\"containerPath\":\"a.b\",\"persistent\":{\"type\":\"root\",\"size\":10,\"constraints\":[]}}",
      "{\"containerPath\":\"d\",\"persistent\":{\"type\":\"path\",\"size\":10,\"constraints\":[[\"path\",\"UNLIKE\",\"/mnt/slow.*\"]]}}",
      "{\"containerPath\":\"d\",\"persistent\":{\"type\":\"mount\",\"size\":10,\"maxSize\":20,\"constraints\":[[\"path\",\"LIKE\",\"/mnt/ssd-.+\"]]}}",
      "{\"containerPath\":\"d\",\"persistent\":{\"size\":10,\"profileName\":\"fast\"}}",
      "{\"containerPath\":\"mysqldata\",\"persistent\":{\"size\":1000}},"
          + "{\"containerPath\":\"/var/lib/mysql\",\"hostPath\":\"mysqldata\",\"mode\":\"RW\"}"})
  void acceptsValidVolumes(String volume) {
    assertEquals(List.of(), AppRules.validate(normalizedApp(residentApp(volume, ""))).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "\"unreachableStrategy\":\"disabled\"",
      "\"upgradeStrategy\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}",
      "\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,\"maximumOverCapacity\":0}",
      "\"acceptedResourceRoles\":[\"*\"]",
      "\"residency\":{\"taskLostBehavior\":\"WAIT_FOREVER\"}",
      "\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":4096}"})
  void acceptsValidResidentServices(String fields) {
    assertEquals(List.of(), AppRules.validate(normalizedApp(residentApp(fields))).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"upgradeStrategy\":{\"minimumHealthCapacity\":1,\"maximumOverCapacity\":1}",
      "\"unreachableStrategy\":{\"inactiveAfterSeconds\":60,\"expungeAfterSeconds\":120}",
      "\"acceptedResourceRoles\":[\"slave_public\"]"})
  void nonResidentAppsAreNotBoundByResidentRules(String fields) {
    String json = "{\"id\":\"/web\",\"cmd\":\"serve\"," + fields + "}";
    assertEquals(List.of(), AppRules.validate(normalizedApp(json)).toList());
  }
}
