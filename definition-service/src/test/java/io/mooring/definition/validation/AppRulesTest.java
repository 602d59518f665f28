package io.mooring.definition.validation;

import static io.mooring.definition.Specs.normalizedApp;
import static io.mooring.definition.Specs.residentApp;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
      "\"residency\":{\"taskLostBehavior\":\"WAIT_FOREVER\"}"})
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
