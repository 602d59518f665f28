package io.mooring.definition.normalization;

import static io.mooring.definition.Specs.normalizedApp;
import static io.mooring.definition.Specs.normalizedPod;
import static io.mooring.definition.Specs.residentApp;
import static io.mooring.definition.Specs.residentPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Pod;
import org.junit.jupiter.api.Test;

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
}
