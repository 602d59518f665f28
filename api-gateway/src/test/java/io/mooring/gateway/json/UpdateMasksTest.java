package io.mooring.gateway.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateMasksTest {
  @Test
  void namesTheTopLevelFieldsAsProtoPaths() {
    String body = "{\"instances\":3,\"upgradeStrategy\":{\"minimumHealthCapacity\":0},"
        + "\"taskKillGracePeriodSeconds\":5,\"container\":{\"type\":\"DOCKER\"}}";
    assertEquals(List.of("id", "instances", "upgrade_strategy", "task_kill_grace_period_seconds", "container"),
        MarathonJson.app(body).updateMask().getPathsList());
  }

  @Test
  void acceptsProtoNamesTooAndNamesTheIdOnce() {
    assertEquals(List.of("id", "max_launch_delay_seconds"),
        MarathonJson.app("{\"id\":\"/a\",\"max_launch_delay_seconds\":60}").updateMask().getPathsList());
  }

  @Test
  void anEmptyBodyStillNamesTheId() {
    // An empty mask would make definition-service replace the whole app with an empty one.
    assertEquals(List.of("id"), MarathonJson.app("{}").updateMask().getPathsList());
  }

  @Test
  void worksForPods() {
    assertEquals(List.of("id", "executor_resources", "scaling"),
        MarathonJson.pod("{\"executorResources\":{\"cpus\":0.1},\"scaling\":{\"instances\":2}}")
            .updateMask().getPathsList());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"uris\":[\"http://a/b\"]} | id, uris, fetch",
      "{\"fetch\":[]} | id, fetch, uris",
      "{\"ipAddress\":{}} | id, ip_address, networks",
      "{\"networks\":[],\"instances\":2} | id, networks, ip_address, instances",
      "{\"ports\":[80]} | id, ports, port_definitions",
      "{\"portDefinitions\":[],\"ports\":[]} | id, port_definitions, ports",
      "{\"resourceLimits\":{},\"executorResources\":{}} | id, resource_limits, executor_resources"})
  void aDeprecatedFieldAndItsReplacementAreUpdatedTogether(String body, String paths) {
    assertEquals(List.of(paths.split(", ")), MarathonJson.app(body).updateMask().getPathsList());
  }

  @Test
  void podsHaveNoDeprecatedNetworking() {
    assertEquals(List.of("id", "networks", "legacy_shared_cgroups"),
        MarathonJson.pod("{\"networks\":[],\"legacySharedCgroups\":true}").updateMask().getPathsList());
  }
}
