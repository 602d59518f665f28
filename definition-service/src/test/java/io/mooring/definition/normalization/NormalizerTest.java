package io.mooring.definition.normalization;

import static io.mooring.definition.Specs.app;
import static io.mooring.definition.Specs.normalizedApp;
import static io.mooring.definition.Specs.normalizedPod;
import static io.mooring.definition.Specs.residentApp;
import static io.mooring.definition.Specs.residentPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Artifact;
import io.mooring.proto.v1.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizerTest {
  @Test
  void residentAppDefaults() {
    App app = normalizedApp(residentApp("").replace("/db", "group/db"));
    assertEquals("/group/db", app.getId());
    assertEquals("disabled", app.getUnreachableStrategy().getStringValue());
    assertEquals(0.5, app.getUpgradeStrategy().getMinimumHealthCapacity());
    assertEquals(0.0, app.getUpgradeStrategy().getMaximumOverCapacity());
    assertEquals(3600, app.getResidency().getRelaunchEscalationTimeoutSeconds());
    assertEquals("WAIT_FOREVER", app.getResidency().getTaskLostBehavior());
    assertEquals("root", app.getContainer().getVolumes(0).getPersistent().getType());
    assertEquals("RW", app.getContainer().getVolumes(0).getMode());
    assertEquals(1, app.getInstances());
    assertEquals("mooring", app.getRole());
  }

  @Test
  void givenValuesAreKept() {
    App app = normalizedApp(residentApp("\"upgradeStrategy\":{\"minimumHealthCapacity\":0},\"role\":\"db\","
        + "\"unreachableStrategy\":{\"inactiveAfterSeconds\":1,\"expungeAfterSeconds\":2}"));
    assertEquals(0.0, app.getUpgradeStrategy().getMinimumHealthCapacity());
    assertEquals(0.0, app.getUpgradeStrategy().getMaximumOverCapacity());
    assertEquals("db", app.getRole());
    assertEquals(1, app.getUnreachableStrategy().getStructValue().getFieldsOrThrow("inactiveAfterSeconds")
        .getNumberValue());
  }

  @Test
  void profileMeansMountDisk() {
    App app = normalizedApp(residentApp("{\"containerPath\":\"d\",\"persistent\":{\"size\":1,\"profileName\":\"fast\"}}", ""));
    assertEquals("mount", app.getContainer().getVolumes(0).getPersistent().getType());
  }

  @Test
  void deprecatedDockerNetworkingMovesToNetworksAndPortMappings() {
    App app = normalizedApp("{\"id\":\"/pg\",\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"postgres\","
        + "\"network\":\"BRIDGE\",\"portMappings\":[{\"containerPort\":5432,\"hostPort\":0,\"name\":\"pg\"}]}}}");
    assertEquals("container/bridge", app.getNetworks(0).getMode());
    assertEquals(1, app.getNetworksCount());
    assertEquals(5432, app.getContainer().getPortMappings(0).getContainerPort());
    assertEquals("tcp", app.getContainer().getPortMappings(0).getProtocol());
    assertFalse(app.getContainer().getDocker().hasNetwork());
    assertEquals(0, app.getContainer().getDocker().getPortMappingsCount());
    assertEquals(0, app.getPortDefinitionsCount(), "no host ports for bridged apps");
  }

  @Test
  void hostNetworkingGetsOneDynamicPortByDefault() {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\"}");
    assertEquals("host", app.getNetworks(0).getMode());
    assertEquals(1, app.getPortDefinitionsCount());
    assertEquals(0, app.getPortDefinitions(0).getPort());
    var unreachable = app.getUnreachableStrategy().getStructValue().getFieldsMap();
    assertEquals(300, unreachable.get("inactiveAfterSeconds").getNumberValue());
    assertEquals(600, unreachable.get("expungeAfterSeconds").getNumberValue());
    assertEquals(1.0, app.getUpgradeStrategy().getMaximumOverCapacity());
  }

  @Test
  void residentPodDefaults() {
    Pod pod = normalizedPod(residentPod(""));
    assertEquals("disabled", pod.getScheduling().getUnreachableStrategy().getStringValue());
    assertEquals(0.5, pod.getScheduling().getUpgrade().getMinimumHealthCapacity());
    assertEquals(0.0, pod.getScheduling().getUpgrade().getMaximumOverCapacity());
    assertEquals(1, pod.getScaling().getInstances());
    assertEquals("fixed", pod.getScaling().getKind());
    assertEquals(0.1, pod.getExecutorResources().getCpus());
    assertEquals("root", pod.getVolumes(0).getPersistent().getType());
    assertFalse(pod.getContainers(0).getVolumeMounts(0).getReadOnly());
    assertEquals("host", pod.getNetworks(0).getMode());
  }

  /** Marathon's FetchUri.isExtract: by the extension of the URI's path, exactly as written. */
  @ParameterizedTest(name = "{0} -> extract {1}")
  @CsvSource({
      "https://example.com/app.tar.gz, true", "http://example.com/app.tgz?version=2, true",
      "http://example.com/app.zip#top, true", "file:///opt/app.txz, true", "app.tbz2, true", "hdfs://nn/a.tar, true",
      "http://example.com/app.tar.xz, true", "http://example.com/app.gz, true", "http://example.com/app.tar.bz2, true",
      "http://example.com/app.jar, false", "http://example.com/app.TGZ, false", "http://example.com/app.tgz/, false",
      "http://example.com/tgz, false", "mailto:ops@example.com.zip, false", "http://exa mple.com/app.zip, false"})
  void urisBecomeFetchEntriesExtractedWhenTheyNameAnArchive(String uri, boolean extract) {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\",\"uris\":[\"" + uri + "\"]}");
    assertEquals(List.of(Artifact.newBuilder().setUri(uri).setExtract(extract).setExecutable(false).setCache(false)
        .build()), app.getFetchList());
    assertEquals(0, app.getUrisCount());
  }

  @Test
  void fetchEntriesAreKeptAsGiven() {
    // Marathon shows extract true, executable and cache false when not given; these are Mesos' defaults too, and
    // filling them in would make the next update of an app stored before a change of its configuration.
    String fetch = "{\"fetch\":[{\"uri\":\"http://a/b.jar\"},"
        + "{\"uri\":\"http://a/c.tgz\",\"extract\":false,\"executable\":true,\"cache\":true,\"destPath\":\"c\"}]}";
    App app = normalizedApp(fetch.replace("{\"fetch\"", "{\"id\":\"/x\",\"cmd\":\"x\",\"fetch\""));
    assertEquals(app(fetch).getFetchList(), app.getFetchList());
  }

  @Test
  void urisBesideFetchAreLeftForValidationToRefuse() {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\",\"uris\":[\"http://a/b.tgz\"],\"fetch\":[{\"uri\":\"http://a/c\"}]}");
    assertEquals(List.of("http://a/b.tgz"), app.getUrisList());
    assertEquals(1, app.getFetchCount());
  }

  /** The given app, and the networks, container and port definitions it normalises to (as JSON members). */
  static Stream<Arguments> ipAddresses() {
    return Stream.of(
        Arguments.of("\"ipAddress\":{\"networkName\":\"dcos\",\"labels\":{\"a\":\"b\"},\"groups\":[\"g\"]}",
            "\"networks\":[{\"mode\":\"container\",\"name\":\"dcos\",\"labels\":{\"a\":\"b\"}}],"
                + "\"container\":{\"type\":\"MESOS\"}"),
        Arguments.of("\"ipAddress\":{}", "\"networks\":[{\"mode\":\"container\"}],\"container\":{\"type\":\"MESOS\"}"),
        Arguments.of("\"ipAddress\":{\"networkName\":\"mesos-bridge\",\"labels\":{\"a\":\"b\"}}",
            "\"networks\":[{\"mode\":\"container/bridge\",\"labels\":{\"a\":\"b\"}}],\"container\":{\"type\":\"MESOS\"}"),
        Arguments.of("\"ipAddress\":{\"networkName\":\"dcos\",\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\","
                + "\"labels\":{\"VIP_0\":\"/web:80\"}},{\"name\":\"dns\",\"protocol\":\"udp\"}]}},"
                + "\"container\":{\"type\":\"MESOS\",\"volumes\":[{\"containerPath\":\"/etc/a\",\"hostPath\":\"/a\"}]}",
            "\"networks\":[{\"mode\":\"container\",\"name\":\"dcos\"}],\"container\":{\"type\":\"MESOS\","
                + "\"volumes\":[{\"containerPath\":\"/etc/a\",\"hostPath\":\"/a\"}],\"portMappings\":["
                + "{\"containerPort\":80,\"servicePort\":0,\"protocol\":\"tcp\",\"name\":\"http\","
                + "\"labels\":{\"VIP_0\":\"/web:80\"}},"
                + "{\"containerPort\":0,\"servicePort\":0,\"protocol\":\"udp\",\"name\":\"dns\"}]}"),
        Arguments.of("\"ipAddress\":{\"networkName\":\"mesos-bridge\",\"discovery\":{\"ports\":[{\"number\":80,"
                + "\"name\":\"http\"}]}}",
            "\"networks\":[{\"mode\":\"container/bridge\"}],\"container\":{\"type\":\"MESOS\",\"portMappings\":["
                + "{\"containerPort\":80,\"hostPort\":0,\"servicePort\":0,\"protocol\":\"tcp\",\"name\":\"http\"}]}"),
        Arguments.of("\"ipAddress\":{\"networkName\":\"dcos\",\"labels\":{\"a\":\"b\"}},"
                + "\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"USER\"}}",
            "\"networks\":[{\"mode\":\"container\",\"name\":\"dcos\",\"labels\":{\"a\":\"b\"}}],"
                + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"nginx\"}}"),
        Arguments.of("\"ipAddress\":{\"networkName\":\"dcos\",\"labels\":{\"a\":\"b\"}},"
                + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"nginx\",\"network\":\"BRIDGE\"}}",
            "\"networks\":[{\"mode\":\"container/bridge\",\"labels\":{\"a\":\"b\"}}],"
                + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"nginx\"}}"),
        Arguments.of("\"ipAddress\":{\"networkName\":\"dcos\",\"labels\":{\"a\":\"b\"}},"
                + "\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"HOST\"}}",
            "\"networks\":[{\"mode\":\"host\"}],\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"nginx\"}},"
                + "\"portDefinitions\":[{\"port\":0,\"name\":\"default\",\"protocol\":\"tcp\"}]"),
        Arguments.of("\"ipAddress\":{\"discovery\":{\"ports\":[{\"number\":53,\"name\":\"dns\"}]}},"
                + "\"container\":{\"docker\":{}}",
            "\"networks\":[{\"mode\":\"container\"}],\"container\":{\"type\":\"MESOS\",\"portMappings\":["
                + "{\"containerPort\":53,\"servicePort\":0,\"protocol\":\"tcp\",\"name\":\"dns\"}]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ipAddresses")
  void ipAddressBecomesNetworksAndPortMappings(String given, String expected) {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\"," + given + "}");
    App want = app("{" + expected + "}");
    assertFalse(app.hasIpAddress());
    assertEquals(want.getNetworksList(), app.getNetworksList());
    assertEquals(want.getContainer(), app.getContainer());
    assertEquals(want.getPortDefinitionsList(), app.getPortDefinitionsList());
  }

  @Test
  void anIpAddressThatClashesStaysWithWhatItClashesWith() {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\",\"ipAddress\":{\"networkName\":\"dcos\"},\"ports\":[80],"
        + "\"container\":{\"docker\":{\"image\":\"nginx\",\"network\":\"NONE\"}}}");
    assertTrue(app.hasIpAddress());
    assertEquals(List.of(80), app.getPortsList());
    assertEquals(0, app.getPortDefinitionsCount());
    assertEquals(0, app.getNetworksCount());
    assertEquals("NONE", app.getContainer().getDocker().getNetwork());
  }

  @Test
  void resourceLimitsAreKeptAndANullOneIsNone() {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\",\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":null}}");
    assertEquals("unlimited", app.getResourceLimits().getCpus().getStringValue());
    assertFalse(app.getResourceLimits().hasMem());
    assertFalse(normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\"}").hasResourceLimits());
  }

  @Test
  void appExecutorResourcesGetMarathonsDefaultsOnlyWhenGiven() {
    App app = normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\",\"executorResources\":{\"mem\":64}}");
    assertEquals(0.1, app.getExecutorResources().getCpus());
    assertEquals(64, app.getExecutorResources().getMem());
    assertEquals(10, app.getExecutorResources().getDisk());
    assertFalse(normalizedApp("{\"id\":\"/x\",\"cmd\":\"x\"}").hasExecutorResources(), "Marathon shows none");
  }

  @ParameterizedTest(name = "legacySharedCgroups {0}: kept {1}")
  @CsvSource({"true, true", "false, false"})
  void legacySharedCgroupsIsKeptOnlyWhenTrue(boolean given, boolean kept) {
    Pod pod = normalizedPod(residentPod("\"legacySharedCgroups\":" + given));
    assertEquals(kept, pod.hasLegacySharedCgroups());
    assertFalse(normalizedPod(residentPod("")).hasLegacySharedCgroups());
  }

  @Test
  void podContainerLimitsAreKeptAndANullOneIsNone() {
    Pod pod = normalizedPod(residentPod("").replace("\"resources\":{\"cpus\":0.1,\"mem\":32}",
        "\"resources\":{\"cpus\":0.1,\"mem\":32},\"resourceLimits\":{\"cpus\":null,\"mem\":64}"));
    assertFalse(pod.getContainers(0).getResourceLimits().hasCpus());
    assertEquals(64, pod.getContainers(0).getResourceLimits().getMem().getNumberValue());
  }
}
