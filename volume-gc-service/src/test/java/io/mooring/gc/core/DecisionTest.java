package io.mooring.gc.core;

import static io.mooring.gc.core.Fixtures.FW;
import static io.mooring.gc.core.Fixtures.OTHER_FW;
import static io.mooring.gc.core.Fixtures.active;
import static io.mooring.gc.core.Fixtures.allocated;
import static io.mooring.gc.core.Fixtures.cluster;
import static io.mooring.gc.core.Fixtures.concat;
import static io.mooring.gc.core.Fixtures.cpus;
import static io.mooring.gc.core.Fixtures.disk;
import static io.mooring.gc.core.Fixtures.garbage;
import static io.mooring.gc.core.Fixtures.getAgents;
import static io.mooring.gc.core.Fixtures.inactive;
import static io.mooring.gc.core.Fixtures.labels;
import static io.mooring.gc.core.Fixtures.legacy;
import static io.mooring.gc.core.Fixtures.mem;
import static io.mooring.gc.core.Fixtures.mountDisk;
import static io.mooring.gc.core.Fixtures.mountVolume;
import static io.mooring.gc.core.Fixtures.pathDisk;
import static io.mooring.gc.core.Fixtures.pathVolume;
import static io.mooring.gc.core.Fixtures.ports;
import static io.mooring.gc.core.Fixtures.rootVolume;
import static io.mooring.gc.core.Fixtures.scalar;
import static io.mooring.gc.core.Fixtures.unreservedPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.ReservedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionTest {
  static final String INSTANCE = "app.instance-1";
  static final Map<String, String> MINE = labels(FW, INSTANCE, "claim-1");

  // The garbage: what claim-1 of app.instance-1 reserved and created on a1.
  static final Resource CPUS = cpus(1, MINE);
  static final Resource MEM = mem(128, MINE);
  static final Resource PORTS = ports(31000, 31000, MINE);
  static final Resource SCRATCH = disk(32, MINE);
  static final Resource ROOT_VOLUME = rootVolume(100, "p-root", MINE);
  static final Resource PATH_VOLUME = pathVolume(200, "p-path", MINE);
  static final Resource MOUNT_VOLUME = mountVolume(300, "p-mount", MINE);
  // What each volume leaves reserved once destroyed.
  static final Resource ROOT_DISK = disk(100, MINE);
  static final Resource PATH_DISK = pathDisk(200, MINE);
  static final Resource MOUNT_DISK = mountDisk(300, MINE);

  static final List<Resource> RESERVED = List.of(CPUS, MEM, PORTS, SCRATCH);
  static final List<Resource> VOLUMES = List.of(ROOT_VOLUME, PATH_VOLUME, MOUNT_VOLUME);
  static final List<Resource> ALL = concat(RESERVED, VOLUMES);
  static final List<Resource> DESTROYED = List.of(ROOT_DISK, PATH_DISK, MOUNT_DISK);

  static final Garbage GARBAGE = garbage(INSTANCE, "a1", Garbage.Reason.DECOMMISSIONED, ALL);

  // Not garbage, on the same agents: another claim of the same instance, another instance, another framework, a
  // legacy reservation of the same instance, unreserved resources; some of them in use by tasks.
  static final Map<String, String> CLAIM_2 = labels(FW, INSTANCE, "claim-2");
  static final Map<String, String> INSTANCE_2 = labels(FW, "app.instance-2", "claim-1");
  static final Map<String, String> FRAMEWORK_2 = labels(OTHER_FW, INSTANCE, "claim-1");
  static final Map<String, String> LEGACY = legacy(FW, INSTANCE);
  static final List<Resource> OTHER_CLAIM = List.of(cpus(2, CLAIM_2), mem(256, CLAIM_2), disk(16, CLAIM_2),
      ports(31005, 31005, CLAIM_2), rootVolume(100, "p-claim-2", CLAIM_2), pathVolume(50, "p-claim-2-path", CLAIM_2));
  static final List<Resource> NOISE = concat(OTHER_CLAIM, List.of(
      cpus(1, INSTANCE_2), rootVolume(10, "p-instance-2", INSTANCE_2),
      cpus(1, FRAMEWORK_2), mountVolume(10, "p-framework-2", FRAMEWORK_2),
      cpus(1, LEGACY), rootVolume(10, "p-legacy", LEGACY),
      scalar("cpus", 4), scalar("mem", 4096), scalar("disk", 10000), unreservedPorts(31001, 32000)));
  static final List<Resource> NOISE_IN_USE = allocated(List.of(cpus(2, CLAIM_2), ports(31005, 31005, CLAIM_2),
      rootVolume(100, "p-claim-2", CLAIM_2), cpus(1, INSTANCE_2), rootVolume(10, "p-instance-2", INSTANCE_2),
      cpus(1, FRAMEWORK_2), scalar("cpus", 1), scalar("disk", 10)));

  static Stream<Arguments> decisions() {
    ClusterView full = cluster(active("a1", concat(NOISE, ALL), NOISE_IN_USE));
    ClusterView offered = cluster(active("a1", concat(NOISE, allocated(ALL)), NOISE_IN_USE));
    ClusterView endpoint = cluster(active("a1", concat(NOISE, ALL.stream().map(Fixtures::endpointFormat).toList())));
    ClusterView rootOnly = cluster(active("a1", concat(NOISE, List.of(ROOT_VOLUME)), NOISE_IN_USE));
    ClusterView pathOnly = cluster(active("a1", concat(List.of(PATH_VOLUME), NOISE), NOISE_IN_USE));
    ClusterView mountOnly = cluster(active("a1", concat(NOISE, List.of(MOUNT_VOLUME)), NOISE_IN_USE));
    ClusterView destroyed = cluster(active("a1", concat(NOISE, RESERVED, DESTROYED), NOISE_IN_USE));
    ClusterView cpusOnly = cluster(active("a1", concat(List.of(CPUS), NOISE), NOISE_IN_USE));
    ClusterView offeredPlain = cluster(active("a1", concat(allocated(concat(RESERVED, DESTROYED)), NOISE)));
    ClusterView cleaned = cluster(active("a1", NOISE, NOISE_IN_USE), active("a2", NOISE));
    ClusterView rebooted = cluster(active("a2", concat(NOISE, ALL), NOISE_IN_USE), inactive("a3", NOISE));
    ClusterView rebootedPlain = cluster(active("a2", concat(RESERVED, NOISE)), active("a3", NOISE));
    ClusterView volumeInUse = cluster(active("a1", concat(NOISE, ALL),
        concat(NOISE_IN_USE, List.of(allocated(MOUNT_VOLUME)))));
    ClusterView cpusInUse = cluster(active("a1", concat(NOISE, RESERVED, DESTROYED),
        concat(NOISE_IN_USE, List.of(allocated(cpus(0.5, MINE))))));
    ClusterView portsInUse = cluster(active("a1", concat(NOISE, RESERVED),
        concat(NOISE_IN_USE, List.of(allocated(PORTS)))));
    ClusterView threeLabelsOnly = cluster(active("a1", concat(ALL, OTHER_CLAIM)));

    Garbage neverReserved = garbage(INSTANCE, "", Garbage.Reason.DECOMMISSIONED, List.of());
    Garbage agentUnrecorded = garbage(INSTANCE, "", Garbage.Reason.CLAIM_EXPIRED, ALL);
    Garbage legacyGarbage = garbage(INSTANCE, "a1", Garbage.Reason.DECOMMISSIONED,
        List.of(cpus(1, LEGACY), rootVolume(10, "p-legacy", LEGACY)));
    Garbage legacyClaim = garbage(INSTANCE, "a1", Garbage.Reason.CLAIM_EXPIRED,
        List.of(cpus(1, LEGACY), rootVolume(10, "p-legacy", LEGACY)));
    Garbage unlabelledRoot = Garbage.newBuilder(GARBAGE).clearResources()
        .addResources(ReservedResource.newBuilder().setName("disk").setScalar(100).setPersistenceId("p-root"))
        .build();

    List<Resource> unreserveAll = concat(RESERVED, DESTROYED);
    return Stream.of(
        // garbage left on its active agent
        Arguments.of("volumes left: destroy them, then unreserve the rest and their disks", GARBAGE, full,
            destroy(full, "a1", VOLUMES, unreserveAll)),
        Arguments.of("volumes as offered: both calls without allocation_info", GARBAGE, offered,
            destroy(offered, "a1", VOLUMES, unreserveAll)),
        Arguments.of("endpoint format (role, reservation also set)", GARBAGE, endpoint,
            destroy(endpoint, "a1", VOLUMES.stream().map(Fixtures::endpointFormat).toList(),
                unreserveAll.stream().map(Fixtures::endpointFormat).toList())),
        Arguments.of("root-disk volume: its disk loses its DiskInfo", GARBAGE, rootOnly,
            destroy(rootOnly, "a1", List.of(ROOT_VOLUME), List.of(ROOT_DISK))),
        Arguments.of("PATH volume: its disk keeps the source", GARBAGE, pathOnly,
            destroy(pathOnly, "a1", List.of(PATH_VOLUME), List.of(PATH_DISK))),
        Arguments.of("MOUNT volume: its disk keeps the source", GARBAGE, mountOnly,
            destroy(mountOnly, "a1", List.of(MOUNT_VOLUME), List.of(MOUNT_DISK))),
        Arguments.of("volumes destroyed: unreserve exactly what is left", GARBAGE, destroyed,
            unreserve(destroyed, "a1", unreserveAll)),
        Arguments.of("only cpus left: unreserve them", GARBAGE, cpusOnly, unreserve(cpusOnly, "a1", List.of(CPUS))),
        Arguments.of("plain reservations as offered: unreserve without allocation_info", GARBAGE, offeredPlain,
            unreserve(offeredPlain, "a1", unreserveAll)),
        Arguments.of("nothing left on the agent: expunge", GARBAGE, cleaned, new Step.Expunge()),
        // the agent is away
        Arguments.of("agent disconnected or unreachable: wait", GARBAGE,
            cluster(inactive("a1", concat(NOISE, ALL)), active("a2", NOISE)), waitOn("a1")),
        Arguments.of("agent inactive, nothing visible: still wait", GARBAGE, cluster(inactive("a1", List.of())),
            waitOn("a1")),
        Arguments.of("agent only in recovered_agents: wait", GARBAGE,
            ClusterView.of(getAgents(List.of(active("a2", NOISE)), "a1")), waitOn("a1")),
        Arguments.of("agent recovered, though the same labels show elsewhere: wait", GARBAGE,
            ClusterView.of(getAgents(List.of(active("a2", concat(NOISE, ALL))), "a1")), waitOn("a1")),
        // the agent is unknown to the master
        Arguments.of("agent absent, nothing of it anywhere: gone, or unreachable", GARBAGE,
            cluster(active("a2", NOISE), inactive("a3", NOISE)), new Step.Vanished("a1")),
        Arguments.of("agent absent, no agents at all", GARBAGE, cluster(), new Step.Vanished("a1")),
        Arguments.of("agent absent, nothing visible, another agent not yet re-registered: wait", GARBAGE,
            ClusterView.of(getAgents(List.of(active("a2", NOISE)), "a9")), waitOn("a1")),
        Arguments.of("agent absent, rebooted as a2 (active): act there", GARBAGE, rebooted,
            destroy(rebooted, "a2", VOLUMES, unreserveAll)),
        Arguments.of("agent absent, rebooted as a2 with plain reservations: unreserve there", GARBAGE,
            rebootedPlain, unreserve(rebootedPlain, "a2", RESERVED)),
        Arguments.of("agent absent, found on an inactive agent: wait for that one", GARBAGE,
            cluster(inactive("a2", concat(NOISE, ALL)), active("a3", NOISE)), waitOn("a2")),
        // never reserved, or the agent was not recorded
        Arguments.of("never reserved (no agent, no identity): expunge, nothing matched", neverReserved, full,
            new Step.Expunge()),
        Arguments.of("never reserved, no agents", neverReserved, cluster(), new Step.Expunge()),
        Arguments.of("never reserved, agents still re-registering: nothing to wait for", neverReserved,
            ClusterView.of(getAgents(List.of(active("a2", NOISE)), "a9")), new Step.Expunge()),
        Arguments.of("no agent recorded, resources recorded: found where they are", agentUnrecorded, full,
            destroy(full, "a1", VOLUMES, unreserveAll)),
        // in use by a task: never destroyed, never unreserved
        Arguments.of("a volume in use by a task: wait, never destroy", GARBAGE, volumeInUse, waitOn("a1")),
        Arguments.of("reserved cpus of the same reservation allocated to a task: wait", GARBAGE, cpusInUse,
            waitOn("a1")),
        Arguments.of("reserved ports allocated to a task: wait", GARBAGE, portsInUse, waitOn("a1")),
        // other owners' resources are not matched
        Arguments.of("only another claim of the same instance is left: expunge", GARBAGE,
            cluster(active("a1", concat(OTHER_CLAIM, NOISE), NOISE_IN_USE)), new Step.Expunge()),
        Arguments.of("legacy record (two labels) vs three-labelled resources: nothing matched", legacyGarbage,
            threeLabelsOnly, new Step.Expunge()),
        Arguments.of("legacy record vs its legacy resources: destroyed", legacyGarbage, full,
            destroy(full, "a1", List.of(rootVolume(10, "p-legacy", LEGACY)),
                List.of(cpus(1, LEGACY), disk(10, LEGACY)))),
        Arguments.of("a lost claim's legacy record: only its volume, the instance's live cpus are not told apart",
            legacyClaim, full, destroy(full, "a1", List.of(rootVolume(10, "p-legacy", LEGACY)),
                List.of(disk(10, LEGACY)))),
        Arguments.of("recorded without labels: only the volume with its persistence id", unlabelledRoot, full,
            destroy(full, "a1", List.of(ROOT_VOLUME), List.of(ROOT_DISK))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void next(String name, Garbage garbage, ClusterView cluster, Step expected) {
    Identity identity = Identity.of(garbage);
    Step step = Decision.next(identity, garbage.getAgentId(), cluster);
    if (expected instanceof Step.Wait wait) {
      assertEquals(wait.agentId(), assertInstanceOf(Step.Wait.class, step).agentId());
      assertFalse(((Step.Wait) step).why().isBlank());
    } else {
      assertEquals(expected, step);
    }
    // Whatever the step, it names only the garbage's own resources, as an operator call takes them.
    List<Resource> destroyed = step instanceof Step.Destroy d
        ? d.volumes().stream().map(Decision::withoutVolume).toList() : List.of();
    for (Resource r : resourcesOf(step)) {
      assertFalse(r.hasAllocationInfo(), () -> "allocation_info in " + r);
      assertTrue(identity.matches(r) || destroyed.contains(r), () -> "not the garbage's: " + r);
    }
  }

  @Test
  void neverTouchesAnotherClaimOfTheSameInstanceOnTheSameAgent() {
    ClusterView view = cluster(active("a1", concat(NOISE, ALL), NOISE_IN_USE));
    Step step = Decision.next(Identity.of(GARBAGE.getResourcesList()), "a1", view);
    Set<Resource> named = Set.copyOf(resourcesOf(step));
    for (Resource other : NOISE) {
      assertFalse(named.contains(other), () -> "touched " + other);
      if (Identity.isVolume(other)) assertFalse(named.contains(Decision.withoutVolume(other)));
    }
    assertEquals(ALL.size() + VOLUMES.size(), named.size());
  }

  static Stream<Arguments> destroyedVolumes() {
    return Stream.of(
        Arguments.of(ROOT_VOLUME, ROOT_DISK),
        Arguments.of(PATH_VOLUME, PATH_DISK),
        Arguments.of(MOUNT_VOLUME, MOUNT_DISK),
        Arguments.of(rootVolume(5, "p", LEGACY), disk(5, LEGACY)));
  }

  @ParameterizedTest
  @MethodSource("destroyedVolumes")
  void withoutVolumeIsThePlainReservedDisk(Resource volume, Resource plain) {
    assertEquals(plain, Decision.withoutVolume(volume));
  }

  private static List<Resource> resourcesOf(Step step) {
    if (step instanceof Step.Destroy d) return concat(d.volumes(), d.thenUnreserve());
    if (step instanceof Step.Unreserve u) return u.resources();
    return List.of();
  }

  private static Step destroy(ClusterView view, String agentId, List<Resource> volumes, List<Resource> unreserve) {
    return new Step.Destroy(view.agent(agentId).orElseThrow(), volumes, unreserve);
  }

  private static Step unreserve(ClusterView view, String agentId, List<Resource> resources) {
    return new Step.Unreserve(view.agent(agentId).orElseThrow(), resources);
  }

  private static Step waitOn(String agentId) {
    return new Step.Wait(agentId, "");
  }
}
