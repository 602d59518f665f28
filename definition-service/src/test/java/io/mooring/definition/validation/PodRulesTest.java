package io.mooring.definition.validation;

import static io.mooring.definition.Specs.normalizedPod;
import static io.mooring.definition.Specs.residentPod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PodRulesTest {
  private static final String PST = "{\"name\":\"pst\",\"persistent\":{\"size\":10}}";
  private static final String MOUNT = "{\"name\":\"pst\",\"mountPath\":\"pst1\"}";

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(residentPod(PST + "," + PST, MOUNT, ""), "/volumes", "volume names must be unique"),
        Arguments.of(residentPod(PST + ",{\"name\":\"other\",\"persistent\":{\"size\":5}}", MOUNT, ""), "/volumes(1)",
            "volume must be referenced by at least one container"),
        Arguments.of(residentPod(PST, MOUNT + ",{\"name\":\"nope\",\"mountPath\":\"x\"}", ""),
            "/containers(0)/volumeMounts(1)/name", "Referenced Volume in VolumeMount should exist"),
        Arguments.of(residentPod(PST, "{\"name\":\"pst\",\"mountPath\":\"pst1\",\"readOnly\":true}", ""),
            "/containers(0)/volumeMounts(0)/readOnly", "must be false"),
        Arguments.of(residentPod(PST, "{\"name\":\"pst\",\"mountPath\":\"\"}", ""),
            "/containers(0)/volumeMounts(0)/mountPath", "length must be between 1 and 1024"),
        Arguments.of(residentPod("{\"name\":\"pst\",\"persistent\":{\"size\":0}}", MOUNT, ""),
            "/volumes(0)/persistent/size", "got 0, expected more than 0"),
        Arguments.of(residentPod("{\"name\":\"pst\",\"persistent\":{\"size\":10,\"maxSize\":20}}", MOUNT, ""),
            "/volumes(0)/persistent", "Only mount volumes can have maxSize"),
        Arguments.of(residentPod("{\"name\":\"pst\",\"persistent\":{\"size\":10,\"constraints\":[[\"path\",\"LIKE\",\"x\"]]}}",
            MOUNT, ""), "/volumes(0)/persistent", "Constraints on root volumes are not supported"),
        Arguments.of(residentPod("\"scheduling\":{\"unreachableStrategy\":{\"inactiveAfterSeconds\":0,\"expungeAfterSeconds\":0}}"),
            "/scheduling/unreachableStrategy", "unreachableStrategy must be disabled for pods with persistent volumes"),
        Arguments.of(residentPod("\"scheduling\":{\"upgrade\":{\"maximumOverCapacity\":0.1}}"),
            "/scheduling/upgrade/maximumOverCapacity", "got 0.1, expected 0.0"),
        Arguments.of(residentPod("\"scheduling\":{\"upgrade\":{\"minimumHealthCapacity\":1}}"),
            "/scheduling/upgrade/minimumHealthCapacity", "got 1.0, expected 0.5 or less"),
        Arguments.of(residentPod("\"scheduling\":{\"placement\":{\"acceptedResourceRoles\":[\"*\",\"slave_public\"]}}"),
            "/scheduling/placement/acceptedResourceRoles", "A resident pod must have `acceptedResourceRoles = [\"*\"]`."),
        Arguments.of(residentPod("\"role\":\"*\""), "/role", "Resident pods cannot have the role *"),
        Arguments.of("{\"id\":\"/p\",\"containers\":[]}", "/containers", "must not be empty"),
        Arguments.of("{\"id\":\"/p\",\"containers\":[{\"name\":\"a\"},{\"name\":\"a\"}]}", "/containers",
            "container names are not unique"),
        Arguments.of(residentPod("\"executorResources\":{\"cpus\":\"Infinity\"}"), "/executorResources/cpus",
            "got Infinity, expected a finite number"),
        Arguments.of(residentPod("\"scheduling\":{\"backoff\":{\"backoffFactor\":0}}"), "/scheduling/backoff/backoffFactor",
            "got 0.0, expected 1.0 or more"));
  }

  /** A pod of one container (cpus 0.5, mem 64) with {@code limits} as its resourceLimits and extra pod fields. */
  private static String limited(String limits, String podFields) {
    return "{\"id\":\"/limited\"" + (podFields.isEmpty() ? "" : "," + podFields) + ",\"containers\":[{\"name\":\"c1\","
        + "\"exec\":{\"command\":{\"shell\":\"sleep 1\"}},\"resources\":{\"cpus\":0.5,\"mem\":64}"
        + (limits == null ? "" : ",\"resourceLimits\":" + limits) + "}]}";
  }

  static Stream<Arguments> invalidAcceptedFields() {
    String limit = "resource limit must be greater than or equal to requested resource (%s)";
    return Stream.of(
        Arguments.of(limited("{\"cpus\":0.25}", ""), "/containers(0)/resourceLimits/cpus", limit.formatted("0.5")),
        Arguments.of(limited("{\"mem\":32}", ""), "/containers(0)/resourceLimits/mem", limit.formatted("64.0")),
        Arguments.of(limited("{\"mem\":\"infinite\"}", ""), "/containers(0)/resourceLimits/mem",
            "'infinite' is an invalid resource limit. It must be 'unlimited' or a number"),
        Arguments.of(limited("{}", "\"legacySharedCgroups\":true"), "/containers(0)/resourceLimits",
            "resourceLimits cannot be defined if legacySharedCgroups is enabled"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidAcceptedFields")
  void refusesAcceptedFieldsAsMarathonDoes(String json, String path, String message) {
    assertEquals(List.of(Violation.newBuilder().setPath(path).addErrors(message).build()),
        PodRules.validate(normalizedPod(json)).toList());
  }

  /** The last row Marathon refuses (its executor minimums); Mooring keeps accepting what it accepted before. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"cpus\":\"unlimited\",\"mem\":\"unlimited\"} | ",
      "{\"cpus\":0.5,\"mem\":64} | \"legacySharedCgroups\":false",
      "{\"cpus\":4,\"mem\":null} | ",
      " | \"legacySharedCgroups\":true",
      " | \"executorResources\":{\"cpus\":0.1,\"mem\":32,\"disk\":10}",
      " | \"executorResources\":{\"cpus\":0.01,\"mem\":16,\"disk\":0}"})
  void acceptsLimitsCgroupsAndExecutorResources(String limits, String podFields) {
    assertEquals(List.of(), PodRules.validate(normalizedPod(limited(limits, podFields == null ? "" : podFields)))
        .toList());
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalid")
  void rejectsWithExactlyThatViolation(String json, String path, String message) {
    assertEquals(List.of(Violation.newBuilder().setPath(path).addErrors(message).build()),
        PodRules.validate(normalizedPod(json)).toList());
  }


  @ParameterizedTest
  @ValueSource(strings = {"", "\"scheduling\":{\"unreachableStrategy\":\"disabled\"}",
      "\"scheduling\":{\"upgrade\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}}"})
  void acceptsResidentPods(String fields) {
    assertEquals(List.of(), PodRules.validate(normalizedPod(residentPod(fields))).toList());
  }

  @Test
  void mountNamesAreDnsLabels() {
    String pod = residentPod(PST, MOUNT + ",{\"name\":\"Not_A_Label\",\"mountPath\":\"x\"}", "");
    assertEquals(List.of(Violation.newBuilder().setPath("/containers(0)/volumeMounts(1)/name")
            .addErrors("must fully match regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")
            .addErrors("Referenced Volume in VolumeMount should exist").build()),
        PodRules.validate(normalizedPod(pod)).toList());
  }

  @Test
  void nestedMountPathsAreAllowedInPods() {
    String pod = residentPod(PST, "{\"name\":\"pst\",\"mountPath\":\"data/pst\"}", "");
    assertEquals(List.of(), PodRules.validate(normalizedPod(pod)).toList());
  }
}
