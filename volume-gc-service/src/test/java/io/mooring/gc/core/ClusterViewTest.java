package io.mooring.gc.core;

import static io.mooring.gc.core.Fixtures.FW;
import static io.mooring.gc.core.Fixtures.active;
import static io.mooring.gc.core.Fixtures.allocated;
import static io.mooring.gc.core.Fixtures.cpus;
import static io.mooring.gc.core.Fixtures.getAgents;
import static io.mooring.gc.core.Fixtures.inactive;
import static io.mooring.gc.core.Fixtures.labels;
import static io.mooring.gc.core.Fixtures.mem;
import static io.mooring.gc.core.Fixtures.rootVolume;
import static io.mooring.gc.core.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterViewTest {
  static final Map<String, String> MINE = labels(FW, "app.instance-1", "claim-1");
  static final Identity IDENTITY = new Identity(MINE, Set.of("p-1"));

  static final ClusterView VIEW = ClusterView.of(getAgents(List.of(
      active("a-active", List.of(cpus(1, MINE), scalar("cpus", 3)), List.of(allocated(cpus(1, MINE)))),
      inactive("a-inactive", List.of(rootVolume(10, "p-1", labels(FW, "other", "c")))),
      Fixtures.agent("a-deactivated", true, List.of(), List.of()).toBuilder().setDeactivated(true).build(),
      active("a-unrelated", List.of(mem(64, labels(FW, "app.instance-2", "claim-9"))))), "a-recovered"));

  static Stream<Arguments> presences() {
    return Stream.of(
        Arguments.of("a-active", ClusterView.Presence.ACTIVE),
        Arguments.of("a-inactive", ClusterView.Presence.AWAY),
        Arguments.of("a-deactivated", ClusterView.Presence.AWAY),
        Arguments.of("a-recovered", ClusterView.Presence.AWAY),
        Arguments.of("a-unknown", ClusterView.Presence.ABSENT));
  }

  @ParameterizedTest
  @MethodSource("presences")
  void presence(String agentId, ClusterView.Presence expected) {
    assertEquals(expected, VIEW.presence(agentId));
  }

  @Test
  void agentsAsGetAgentsShowsThem() {
    ClusterView.Agent agent = VIEW.agent("a-active").orElseThrow();
    assertEquals(new ClusterView.Agent("a-active", "host-a-active", true,
        List.of(cpus(1, MINE), scalar("cpus", 3)), List.of(allocated(cpus(1, MINE)))), agent);
    assertTrue(VIEW.agent("a-recovered").isEmpty());
    assertTrue(VIEW.agent("a-unknown").isEmpty());
    assertEquals(Set.of("a-recovered"), VIEW.recovered());
  }

  @Test
  void holdingFindsEveryAgentWithSomethingOfTheIdentity() {
    Map<ClusterView.Agent, List<Resource>> held = VIEW.holding(IDENTITY);
    assertEquals(Map.of(
        VIEW.agent("a-active").orElseThrow(), List.of(cpus(1, MINE)),
        VIEW.agent("a-inactive").orElseThrow(), List.of(rootVolume(10, "p-1", labels(FW, "other", "c")))), held);
    assertEquals(Map.of(), VIEW.holding(new Identity(Map.of(), Set.of())));
    assertEquals(Map.of(), ClusterView.of(Response.GetAgents.getDefaultInstance()).holding(IDENTITY));
  }
}
