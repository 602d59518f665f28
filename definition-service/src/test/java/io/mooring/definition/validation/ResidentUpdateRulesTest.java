package io.mooring.definition.validation;

import static io.mooring.definition.Specs.normalizedApp;
import static io.mooring.definition.Specs.normalizedPod;
import static io.mooring.definition.Specs.residentApp;
import static io.mooring.definition.Specs.residentPod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentUpdateRulesTest {
  private static final String VOLUME = "{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}";
  private static final String BRIDGE = "\"networks\":[{\"mode\":\"container/bridge\"}],\"container\":{\"type\":\"MESOS\","
      + "\"volumes\":[" + VOLUME + "],\"portMappings\":[{\"containerPort\":80,\"hostPort\":%d}]}";
  private static final App BASE = normalizedApp(residentApp(""));

  static Stream<Arguments> forbiddenAppChanges() {
    String r = ResidentUpdateRules.RESOURCES_CHANGED;
    return Stream.of(
        Arguments.of(BASE, residentApp("\"cpus\":2"), "/cpus", r),
        Arguments.of(BASE, residentApp("\"mem\":256"), "/mem", r),
        Arguments.of(BASE, residentApp("\"disk\":100"), "/disk", r),
        Arguments.of(BASE, residentApp("\"gpus\":1"), "/gpus", r),
        Arguments.of(BASE, residentApp("\"requirePorts\":true"), "/requirePorts", r),
        Arguments.of(BASE, residentApp("{\"containerPath\":\"data\",\"mode\":\"RW\",\"persistent\":{\"size\":20}}", ""),
            "/", "Persistent volumes can not be changed!"),
        Arguments.of(BASE, residentApp("{\"containerPath\":\"other\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}", ""),
            "/", "Persistent volumes can not be changed!"),
        Arguments.of(BASE, residentApp(VOLUME + ",{\"containerPath\":\"more\",\"persistent\":{\"size\":1}}", ""),
            "/", "Persistent volumes can not be changed!"),
        Arguments.of(BASE, "{\"id\":\"/db\",\"cmd\":\"sleep 3600\"}", "/", "Persistent volumes can not be changed!"),
        Arguments.of(normalizedApp("{\"id\":\"/db\",\"cmd\":\"x\"}"), residentApp(""), "/",
            "Persistent volumes can not be changed!"),
        Arguments.of(BASE, residentApp("\"portDefinitions\":[{\"port\":0},{\"port\":0}]"), "/",
            ResidentUpdateRules.HOST_PORTS_CHANGED),
        Arguments.of(normalizedApp("{\"id\":\"/db\",\"cmd\":\"x\"," + BRIDGE.formatted(0) + "}"),
            "{\"id\":\"/db\",\"cmd\":\"x\"," + BRIDGE.formatted(31000) + "}", "/",
            ResidentUpdateRules.HOST_PORTS_CHANGED));
  }

  @ParameterizedTest(name = "{2}: {3}")
  @MethodSource("forbiddenAppChanges")
  void refusesChangesToWhatIsReserved(App old, String updated, String path, String message) {
    List<Violation> violations = ResidentUpdateRules.validate(old, normalizedApp(updated)).toList();
    assertEquals(List.of(Violation.newBuilder().setPath(path).addErrors(message).build()), violations);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"instances\":5", "\"cmd\":\"other\"", "\"env\":{\"A\":\"b\"}", "\"labels\":{\"x\":\"y\"}",
      "\"upgradeStrategy\":{\"minimumHealthCapacity\":0,\"maximumOverCapacity\":0}",
      "\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":4096}", "\"executorResources\":{\"cpus\":1}",
      "\"uris\":[\"http://a/b.tgz\"]"})
  void allowsEverythingElse(String change) {
    String json = residentApp(change).replace("\"cmd\":\"sleep 3600\",\"cmd\":\"other\"", "\"cmd\":\"other\"");
    assertEquals(List.of(), ResidentUpdateRules.validate(BASE, normalizedApp(json)).toList());
  }

  static Stream<Arguments> forbiddenPodChanges() {
    String pst = "{\"name\":\"pst\",\"persistent\":{\"size\":10}}";
    String mount = "{\"name\":\"pst\",\"mountPath\":\"pst1\"}";
    return Stream.of(
        Arguments.of(residentPod("\"executorResources\":{\"cpus\":0.5}"), "cpus cannot be updated if a pod has persistent volumes"),
        Arguments.of(residentPod("\"executorResources\":{\"mem\":64}"), "mem cannot be updated if a pod has persistent volumes"),
        Arguments.of(residentPod("\"executorResources\":{\"disk\":64}"), "disk cannot be updated if a pod has persistent volumes"),
        Arguments.of(residentPod("{\"name\":\"pst\",\"persistent\":{\"size\":11}}", mount, ""),
            "persistent volumes cannot be updated"),
        Arguments.of(residentPod(pst, "{\"name\":\"pst\",\"mountPath\":\"elsewhere\"}", ""),
            "persistent volumes cannot be updated"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("forbiddenPodChanges")
  void refusesPodChanges(String updated, String message) {
    Pod old = normalizedPod(residentPod(""));
    List<Violation> violations = ResidentUpdateRules.validate(old, normalizedPod(updated)).toList();
    assertEquals(List.of(Violation.newBuilder().setPath("/").addErrors(message).build()), violations);
  }

  /** Limits are not reserved, nor is how the containers share cgroups: a resident pod may change them. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      " | ,\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":64}",
      "\"legacySharedCgroups\":true | "})
  void allowsPodChangesThatReserveNothing(String podFields, String containerFields) {
    Pod old = normalizedPod(residentPod(""));
    String updated = residentPod(podFields == null ? "" : podFields).replace("\"resources\":{\"cpus\":0.1,\"mem\":32}",
        "\"resources\":{\"cpus\":0.1,\"mem\":32}" + (containerFields == null ? "" : containerFields));
    Pod pod = normalizedPod(updated);
    assertEquals(List.of(), PodRules.validate(pod).toList());
    assertEquals(List.of(), ResidentUpdateRules.validate(old, pod).toList());
  }
}
